import type { Locator } from '@playwright/test';
import { formatDeadline } from '../src/domain/deadline-text';
import { expectAccessible } from './axe';
import {
  expectAppAtHandover,
  noteHandover,
  openQueueWithTheAppHeld,
  signInWithTheAppHeld,
  tagsOf,
} from './early-view';
import {
  act,
  apiAs,
  dispatchedOrder,
  getOrder,
  registerOrder,
  setSignDeadline,
  signIn,
  uniqueTitle,
  unitId,
} from './fixtures';
import { expect, test } from './test';

// About the service worker's part (the return home, the offline copies): it is allowed here.
test.use({ serviceWorkers: 'allow' });

// A desk (the config's 1366×900) opening the unit's queue: the start-up script draws the app's
// own first screen, the table included, before the app's libraries have run (web/src/early/deskView.ts).

/** Where each cell of a row sits and how big it is: the app must take over without a jump. */
const cellBoxes = (row: Locator) =>
  row.locator('td').evaluateAll((cells) =>
    cells.map((c) => {
      const b = c.getBoundingClientRect();
      return [b.x, b.y, b.width, b.height].map(Math.round).join(',');
    }),
  );

/** The tabs as they read and where they sit: name, count, place and size. */
const tabsOf = (tabs: Locator) =>
  tabs.evaluateAll((all) =>
    all.map((t) => {
      const b = t.getBoundingClientRect();
      return `${t.textContent} ${[b.x, b.y, b.width, b.height].map(Math.round).join(',')}`;
    }),
  );

/** The menu's entries as they read and where they sit. */
const menuOf = (items: Locator) =>
  items.evaluateAll((all) =>
    all.map((item) => {
      const b = item.getBoundingClientRect();
      const title = item.querySelector('.ant-menu-title-content')?.getBoundingClientRect();
      return `${item.textContent} ${[b.x, b.y, b.width, b.height, title?.x ?? -1].map(Math.round).join(',')}`;
    }),
  );

test('桌面打开单位队列：应用的库还没到，菜单、表格、页签件数已画出且位置与应用一致；应用接手后只剩应用的', async ({
  page,
  baseURL,
}) => {
  const {
    title,
    order,
    toSign: expected,
    release,
  } = await openQueueWithTheAppHeld(page, baseURL as string, '桌面先画');

  const early = page.locator('#early-queue');
  const earlyRow = early.getByRole('row').filter({ hasText: title });
  await expect(earlyRow).toBeVisible();
  await expect(early.getByRole('heading', { name: /· 工单$/ })).toBeVisible();
  await expect(early.getByRole('columnheader')).toHaveText([
    '工单编号',
    '标题',
    '状态',
    '类型',
    '牵头单位',
    '登记时间',
    '签收期限',
  ]);
  // 待签收 shows the sign-for deadline: an urgent order 20 minutes from it, 即将超时; not its
  // handling deadline a day later.
  const earlyDeadline = earlyRow.locator('td').last();
  await expect(earlyDeadline).toHaveText(`${formatDeadline(order.deadlines.sign.at)}即将超时`);
  const deadlineText = await earlyDeadline.textContent();
  // Links: a click opens the order even before the app has loaded.
  await expect(earlyRow.getByRole('link').first()).toHaveAttribute('href', /^\/orders\/\d+$/);
  const tabs = early.getByRole('navigation', { name: '工单分类' }).locator('.ant-tabs-tab');
  await expect(tabs.first()).toContainText(`待签收${expected}`);
  const earlyTags = await tagsOf(earlyRow);
  expect(earlyTags.join('|')).toMatch(/^急件 .*\|待签收 /);
  const earlyCells = await cellBoxes(earlyRow);
  const earlyTabs = await tabsOf(tabs);
  // The unit liaison's menu, its home selected; each entry a link.
  const earlyMenu = early.getByRole('navigation', { name: '主菜单' });
  await expect(earlyMenu.getByRole('link')).toHaveText([
    '本单位工单',
    '工单查询',
    '通报',
    '市政府通报',
    '知识库',
    '统计分析',
    '本单位登记表',
  ]);
  await expect(earlyMenu.getByRole('link', { name: '本单位工单' })).toHaveAttribute('aria-current', 'page');
  const earlyMenuItems = await menuOf(earlyMenu.locator('.ant-menu-item'));
  // The filters of the unit's own clock; the office's dispatch clock is none of its orders'.
  await expect(early.getByText('时限', { exact: true })).toBeVisible();
  await expect(early.getByText('分发时限', { exact: true })).toHaveCount(0);
  // Nothing of the app has run yet.
  await expect(page.locator('main')).toHaveCount(0);
  await expectAccessible(page, '启动脚本画出的桌面队列');
  await noteHandover(page, 'main .ant-table-row');

  release();
  const appRow = page.locator('main').getByRole('row').filter({ hasText: title });
  await expect(appRow).toBeVisible();
  await expect(early).toHaveCount(0);
  await expectAppAtHandover(page);
  // The same row in the same place, the same tags in the same colours, the same tabs: the app
  // took over what was on screen.
  expect(await cellBoxes(appRow)).toEqual(earlyCells);
  expect(await tagsOf(appRow)).toEqual(earlyTags);
  await expect(page.locator('main').getByRole('columnheader').last()).toHaveText('签收期限');
  await expect(appRow.locator('td').last()).toHaveText(deadlineText ?? '');
  await expect.poll(() => tabsOf(page.locator('main .ant-tabs-tab'))).toEqual(earlyTabs);
  expect(await menuOf(page.locator('aside .ant-menu-item'))).toEqual(earlyMenuItems);
  await expect(page.locator('main').getByText('时限', { exact: true })).toBeVisible();
  await expect(page.locator('main').getByText('分发时限', { exact: true })).toHaveCount(0);
});

test('桌面队列在应用加载完之前点开工单：应用接手后直接打开该工单，不重新加载页面', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('桌面先点');
  // Urgent: its sign-for hour puts it before the routine orders the suite has left unsigned, on the first page.
  const { order } = await dispatchedOrder(baseURL as string, title, { urgency: 'urgent' });
  const release = await signInWithTheAppHeld(page, 'housing-a');
  const pageLoads: string[] = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest()) pageLoads.push(new URL(r.url()).pathname);
  });
  await page.goto('/', { waitUntil: 'commit' });
  const link = page.locator('#early-queue').getByRole('link', { name: order.code, exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-busy', 'true');
  release();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.locator('#early-queue')).toHaveCount(0);
  // The app opened it: the page was loaded once, for the queue.
  expect(pageLoads).toEqual(['/']);
});

test('桌面「待签收」的期限列是签收期限：未到期不标，急件最后半小时即将超时，过了期限已超时；协办部分显示协办期限；「办理中」仍是办理期限', async ({
  page,
  baseURL,
}) => {
  // One mark in every title, to find the four among the suite's other unsigned orders.
  const mark = uniqueTitle('签收列');
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const housing = await unitId(dispatcher, 'housing');
  const urban = await unitId(dispatcher, 'urban');
  const dispatched = async (
    what: string,
    extra: Record<string, unknown>,
    lead = housing,
    co: number[] = [],
  ) => {
    const o = await registerOrder(dispatcher, `${mark}${what}`, extra);
    await act(dispatcher, o.id, 'dispatch', { leadUnitId: lead, coUnitIds: co });
    return o.id;
  };
  const routineId = await dispatched('普通件', {});
  const urgentId = await dispatched('急件', { urgency: 'urgent' });
  const soonId = await dispatched('将到期急件', { urgency: 'urgent' });
  const lateId = await dispatched('过期件', {});
  const asCoId = await dispatched('协办件', {}, urban, [housing]);
  // The server keeps no test clock: one urgent order is 20 minutes from its sign-for deadline
  // (inside its last half hour), the late one an hour past it.
  setSignDeadline(soonId, new Date(Date.now() + 20 * 60_000));
  setSignDeadline(lateId, new Date(Date.now() - 3600_000));
  const routine = await getOrder(dispatcher, routineId);
  const urgent = await getOrder(dispatcher, urgentId);
  const soon = await getOrder(dispatcher, soonId);
  const late = await getOrder(dispatcher, lateId);
  const asCo = await getOrder(dispatcher, asCoId);

  await signIn(page, 'housing-a');
  await expect(page.getByRole('tab', { name: /待签收/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('搜索工单').fill(mark);
  await page.getByLabel('搜索工单').press('Enter');
  const main = page.locator('main');
  await expect(main.getByRole('columnheader').last()).toHaveText('签收期限');
  const deadlineOf = (o: { code: string }) =>
    main
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: o.code, exact: true }) })
      .locator('td')
      .last();
  // Its deadline, not the handling deadline days later; comfortably ahead, no tag.
  await expect(deadlineOf(routine)).toHaveText(formatDeadline(routine.deadlines.sign.at));
  expect(routine.deadlines.sign.at).not.toBe(routine.deadlines.handle.at);
  // A just-dispatched urgent order has its hour: no tag in its first half.
  await expect(deadlineOf(urgent)).toHaveText(formatDeadline(urgent.deadlines.sign.at));
  await expect(deadlineOf(soon)).toHaveText(`${formatDeadline(soon.deadlines.sign.at)}即将超时`);
  await expect(deadlineOf(late)).toHaveText(`${formatDeadline(late.deadlines.sign.at)}已超时`);
  // A co-unit's part has no sign-for clock of its own: the deadline it is held to, named.
  await expect(deadlineOf(asCo)).toHaveText(`协办期限 ${formatDeadline(asCo.deadlines.coUnit.at)}`);
  // The order's page reads the sign-for clock in the same words.
  await deadlineOf(late).locator('xpath=..').getByRole('link', { name: late.code }).click();
  await expect(page.getByTestId('deadline-sign').getByText('已超时', { exact: true })).toBeVisible();
  await expect(page.getByTestId('deadline-sign').getByText(/^已超时 /)).toBeVisible();

  await page.goto('/?tab=handling');
  await expect(page.locator('main').getByRole('columnheader').last()).toHaveText('办理期限');
  await dispatcher.dispose();
});
