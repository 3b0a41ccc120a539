import type { Locator, Page } from '@playwright/test';
import { formatDeadline } from '../src/domain/deadline-text';
import { expectAccessible } from './axe';
import {
  expectAppAtHandover,
  noteHandover,
  openQueueWithTheAppHeld,
  signInWithTheAppHeld,
  tagsOf,
} from './early-view';
import { dialog, dispatchedOrder, getOrder, PASSWORD, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

// About the service worker's part (the return home, the offline copies): it is allowed here.
test.use({ serviceWorkers: 'allow' });

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

/** The first list a liaison's home asks for: 待签收, what must be signed first first. */
const QUEUE_LIST = '/api/work-orders?pageSize=20&toSign=1&sort=sign_deadline';

test('手机上（375×812）的单位工单队列：计数、卡片列表、签收', async ({ page, baseURL }) => {
  const title = uniqueTitle('手机签收');
  const { dispatcher, order } = await dispatchedOrder(baseURL as string, title);

  await signIn(page, 'housing-a');
  const tiles = page.getByRole('tablist');
  await expect(tiles.getByRole('tab')).toHaveCount(9);
  for (const name of ['待签收', '办理中', '待签发', '预警', '超期', '进展未报', '重办', '协办']) {
    await expect(tiles.getByRole('tab', { name: new RegExp(name) })).toBeVisible();
  }
  await tiles.getByRole('tab', { name: /待签收/ }).click();
  // By its title: the tab lists what must be signed first first, and the suite's earlier orders may fill its first page.
  await page.getByLabel('搜索工单').fill(title);
  await page.getByLabel('搜索工单').press('Enter');
  const list = page.getByRole('list', { name: '工单列表' });
  const card = list.getByRole('listitem').filter({ hasText: title });
  await expect(card).toBeVisible();
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await card.click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.getByRole('button', { name: '签收' }).click();
  await dialog(page, '签收').getByRole('button', { name: '确认签收' }).click();
  await expect(page.getByText('办理中').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect((await getOrder(dispatcher, order.id)).state).toBe('handling');

  // The menu opens as a drawer.
  await page.getByRole('button', { name: '打开菜单' }).click();
  await expect(page.getByRole('menuitem', { name: '本单位登记表' })).toBeVisible();
});

test('手机打开单位队列：第一页工单在应用加载完之前就已请求，各页签件数一次请求，都不重复', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('提前请求');
  // Urgent: its sign-for hour puts it before the routine orders the suite has left unsigned, on the first page.
  await dispatchedOrder(baseURL as string, title, { urgency: 'urgent' });
  const asked: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search);
  });
  const queueList = QUEUE_LIST;
  // The app's libraries are held back until the queue's list has been asked for (10 s at most):
  // only the start-up script, which runs without them, can ask for it meanwhile.
  let askedBeforeTheApp = false;
  await page.route(/\/assets\/startup-vendor-/, async (route) => {
    for (let i = 0; i < 200 && !asked.includes(queueList); i++) await new Promise((r) => setTimeout(r, 50));
    askedBeforeTheApp = asked.includes(queueList);
    await route.continue();
  });
  await signIn(page, 'housing-a');
  const card = page.getByRole('list', { name: '工单列表' }).getByRole('listitem').filter({ hasText: title });
  await expect(card).toBeVisible();
  expect(askedBeforeTheApp).toBe(true);
  const pending = page.getByRole('tab', { name: /待签收/ });
  const expected = (await (await page.request.get('/api/work-orders?toSign=1&pageSize=1')).json())
    .total as number;
  await expect(pending).toContainText(String(expected));

  // The app took the answers: each was asked once.
  expect(asked.filter((u) => u.startsWith('/api/work-orders?'))).toEqual([queueList]);
  expect(asked.filter((u) => u.startsWith('/api/work-orders/counts?'))).toHaveLength(1);
  expect(asked.filter((u) => u === '/api/auth/me')).toHaveLength(1);
});

/** Each tile of the queue's tabs: its text, where it sits, its size and the colours it is drawn in. */
const tilesOf = (tiles: Locator) =>
  tiles.evaluateAll((all) =>
    all.map((t) => {
      const style = getComputedStyle(t);
      const count = getComputedStyle(t.querySelector('strong') as Element);
      const box = t.getBoundingClientRect();
      const at = [box.x, box.y, box.width, box.height].map(Math.round).join(',');
      return `${t.textContent} ${at} ${style.borderTopColor} ${style.backgroundColor} ${count.color} ${count.fontSize}`;
    }),
  );

test('手机打开单位队列：应用的库还没到，第一页工单和各页签件数已画出；应用接手后只剩应用的一份', async ({
  page,
  baseURL,
}) => {
  const {
    title,
    order,
    toSign: expected,
    release,
  } = await openQueueWithTheAppHeld(page, baseURL as string, '先画队列');

  const early = page.locator('#early-queue');
  const earlyCard = early.getByRole('listitem').filter({ hasText: title });
  await expect(earlyCard).toBeVisible();
  await expect(early.getByRole('heading', { name: /· 工单$/ })).toBeVisible();
  await expect(early.getByRole('link', { name: `待签收 ${expected} 件` })).toBeVisible();
  // A link: a tap opens the order even before the app has loaded.
  await expect(earlyCard.getByRole('link')).toHaveAttribute('href', /^\/orders\/\d+$/);
  const earlyTags = await tagsOf(earlyCard);
  // 待签收 shows the sign-for deadline: an urgent order 20 minutes from it, 即将超时.
  expect(earlyTags.join('|')).toMatch(/^待签收 .*\|即将超时 .*\|急件 /);
  const signText = `签收期限 ${formatDeadline(order.deadlines.sign.at, false)}`;
  await expect(earlyCard).toContainText(signText);
  const earlyTiles = await tilesOf(early.getByRole('navigation', { name: '工单分类' }).getByRole('link'));
  // The first tile is selected (blue) and its urgent count is red.
  expect(earlyTiles[0]).toMatch(
    new RegExp(
      `^${expected}待签收 .* rgb\\(22, 104, 220\\) rgb\\(232, 241, 255\\) rgb\\(207, 19, 34\\) 18px$`,
    ),
  );
  // Nothing of the app has run yet.
  await expect(page.locator('main')).toHaveCount(0);
  await expectAccessible(page, '启动脚本画出的手机队列');
  await noteHandover(page, 'main [role="list"]');

  release();
  const appCard = page.locator('main').getByRole('listitem').filter({ hasText: title });
  await expect(appCard).toBeVisible();
  await expect(early).toHaveCount(0);
  await expect(page.getByRole('list', { name: '工单列表' })).toHaveCount(1);
  await expectAppAtHandover(page);
  // The same tags in the same colours, the same tiles in the same places: the app took over
  // what was on screen.
  expect(await tagsOf(appCard)).toEqual(earlyTags);
  await expect(appCard).toContainText(signText);
  await expect.poll(() => tilesOf(page.locator('main').getByRole('tab'))).toEqual(earlyTiles);
});

test('手机队列在应用加载完之前往下翻：应用接手后停在同一张工单上', async ({ page, baseURL }) => {
  // Enough orders to the unit that its first page is longer than the screen.
  for (let i = 0; i < 8; i++) await dispatchedOrder(baseURL as string, uniqueTitle('先翻队列'));
  const release = await signInWithTheAppHeld(page, 'housing-a');
  await page.goto('/', { waitUntil: 'commit' });

  const early = page.locator('#early-queue');
  await expect(early.getByRole('listitem').nth(7)).toBeVisible();
  const scrolled = await early.evaluate((view) => {
    view.scrollTop = 400;
    return view.scrollTop;
  });
  expect(scrolled).toBeGreaterThan(150);
  /** The order code of the card under a point in the lower half of the screen. */
  const cardAtThumb = () =>
    page.evaluate(() => {
      const card = document.elementFromPoint(187, 600)?.closest('[role="listitem"]');
      return card?.textContent?.match(/\d{8,}/)?.[0] ?? null;
    });
  const underThumb = await cardAtThumb();
  expect(underThumb).not.toBeNull();

  release();
  await expect(page.locator('main').getByRole('list', { name: '工单列表' })).toBeVisible();
  await expect(early).toHaveCount(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  expect(await cardAtThumb()).toBe(underThumb);
});

test('手机队列在应用加载完之前点开工单：应用接手后直接打开该工单，不重新加载页面', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('先点工单');
  // Urgent: its sign-for hour puts it before the routine orders the suite has left unsigned, on the first page.
  await dispatchedOrder(baseURL as string, title, { urgency: 'urgent' });
  const release = await signInWithTheAppHeld(page, 'housing-a');
  const pageLoads: string[] = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest()) pageLoads.push(new URL(r.url()).pathname);
  });
  await page.goto('/', { waitUntil: 'commit' });

  const earlyCard = page.locator('#early-queue').getByRole('listitem').filter({ hasText: title });
  await earlyCard.getByRole('link').click();
  await expect(earlyCard.getByRole('link')).toHaveAttribute('aria-busy', 'true');
  await expect(page).toHaveURL(/\/$/);

  release();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.locator('#early-queue')).toHaveCount(0);
  // The app opened it: the page was loaded once, for the queue.
  expect(pageLoads).toEqual(['/']);
});

test('手机队列上点开的工单，应用迟迟未能接手：15 秒后由浏览器直接打开', async ({ page, baseURL }) => {
  const title = uniqueTitle('应用未到');
  // Urgent: its sign-for hour puts it before the routine orders the suite has left unsigned, on the first page.
  await dispatchedOrder(baseURL as string, title, { urgency: 'urgent' });
  await page.clock.install();
  const release = await signInWithTheAppHeld(page, 'housing-a');
  await page.goto('/', { waitUntil: 'commit' });

  const earlyCard = page.locator('#early-queue').getByRole('listitem').filter({ hasText: title });
  const href = (await earlyCard.getByRole('link').getAttribute('href')) as string;
  await earlyCard.getByRole('link').click();
  await expect(earlyCard.getByRole('link')).toHaveAttribute('aria-busy', 'true');
  // Still waiting for the app at 14 s: a slow link is not given up on early.
  await page.clock.fastForward(14_000);
  expect(new URL(page.url()).pathname).toBe('/');

  const loaded = page.waitForRequest((r) => r.isNavigationRequest() && r.url().endsWith(href));
  await page.clock.fastForward(2_000);
  await loaded;
  release();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});

/**
 * A liaison signed in on the sign-in page, which keeps the home's first reads for the next visit;
 * returns the card of an order just dispatched to them, shown in their queue.
 */
async function signInKeepingHomeReads(page: Page, baseURL: string, label: string): Promise<Locator> {
  const title = uniqueTitle(label);
  // Urgent: its sign-for hour puts it before the routine orders the suite has left unsigned, on the first page.
  await dispatchedOrder(baseURL, title, { urgency: 'urgent' });
  await page.goto('/login');
  await page.getByLabel('用户名').fill('housing-a');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const card = page.locator('main').getByRole('listitem').filter({ hasText: title });
  await expect(card).toBeVisible();
  return card;
}

test('再次打开首页：第一页工单与“当前用户”同时请求，不等它的回答；退出登录后不再保留', async ({
  page,
  baseURL,
}) => {
  const card = await signInKeepingHomeReads(page, baseURL as string, '同时请求');

  // Who is signed in is answered only once the queue's list has been asked for (10 s at most).
  const queueList = QUEUE_LIST;
  let listAsked = false;
  let listAskedFirst = false;
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname + url.search === queueList) listAsked = true;
  });
  await page.route('**/api/auth/me', async (route) => {
    for (let i = 0; i < 200 && !listAsked; i++) await new Promise((r) => setTimeout(r, 50));
    listAskedFirst = listAsked;
    await route.continue();
  });
  await page.goto('/');
  await expect(card).toBeVisible();
  expect(listAskedFirst).toBe(true);
  await page.unroute('**/api/auth/me');

  const kept = () => page.evaluate(() => localStorage.getItem('huiyin.home-reads'));
  expect(await kept()).toContain(queueList);
  await page.locator('header').getByRole('button').last().hover();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await kept()).toBeNull();
});

test.describe('没有 service worker 的手机（内网 HTTP）', () => {
  // Without the worker every file comes through the network, so the start-up script's file can be held back.
  test.use({ serviceWorkers: 'block' });

  test('再次打开首页：页面本身一读到就请求第一页工单，不等启动脚本的文件；启动脚本用它的回答，不再请求', async ({
    page,
    baseURL,
  }) => {
    const card = await signInKeepingHomeReads(page, baseURL as string, '页面先请求');

    const queueList = QUEUE_LIST;
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search);
    });
    // The start-up script's file and the app's libraries are held until the list has been asked
    // for (10 s at most): only the page's own inline lines can ask for it meanwhile.
    let askedBeforeTheScript = false;
    await page.route(/\/assets\/(early|startup-vendor)-/, async (route) => {
      for (let i = 0; i < 200 && !asked.includes(queueList); i++) await new Promise((r) => setTimeout(r, 50));
      askedBeforeTheScript = asked.includes(queueList);
      await route.continue();
    });
    await page.goto('/');
    await expect(card).toBeVisible();
    expect(askedBeforeTheScript).toBe(true);
    // The page's request was the only one: the start-up script and then the app took its answer.
    expect(asked.filter((u) => u === queueList)).toHaveLength(1);
    expect(asked.filter((u) => u.startsWith('/api/work-orders/counts?'))).toHaveLength(1);
  });
});

test('手机上（375×812）的通知面板完整显示在屏幕内', async ({ page, baseURL }) => {
  // A dispatched order gives the housing bureau's liaison at least one notification.
  await dispatchedOrder(baseURL as string, uniqueTitle('手机通知'));
  await signIn(page, 'housing-a');
  await page.getByRole('button', { name: /^通知，/ }).click();
  const panel = page.getByRole('dialog', { name: /^通知/ });
  await expect(panel.getByRole('button', { name: /./ }).first()).toBeVisible();
  const box = await panel.boundingBox();
  expect(box).not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
});
