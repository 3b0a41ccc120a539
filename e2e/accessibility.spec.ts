import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { APP_TITLE } from '../web/src/app/pageTitle';
import { expectAccessible, settled } from './axe';
import { apiAs, dispatchedOrder, leaveApp, PASSWORD, uniqueTitle } from './fixtures';
import { expect, test } from './test';

// Every page of the router, read from the router itself so that a page added later is checked
// too: `<Route path="x" element={guard('capability', …)} />`, plus the pages every user has.
const routerSource = readFileSync(new URL('../web/src/app/routes.tsx', import.meta.url), 'utf8');
const GUARDED = [...routerSource.matchAll(/path="([^"]+)" element=\{guard\('([^']+)'/g)].map((m) => ({
  path: `/${m[1]}`,
  ability: m[2] as string,
}));
const OPEN_TO_ALL = ['/', '/account', '/no-such-page'];

// The demo county's people, one per kind of home page and administrator role.
const USERS = ['dispatcher', 'reviewer', 'housing-a', 'supervisor', 'leader', 'admin', 'secadmin', 'auditor'];

interface Visit {
  user: string;
  path: string;
}

/** Which pages each user checks: the shared ones for everyone, each guarded page as the first user allowed it. */
async function plan(baseURL: string): Promise<Visit[]> {
  const abilities = new Map<string, string[]>();
  for (const user of USERS) {
    const api = await apiAs(baseURL, user);
    abilities.set(
      user,
      ((await (await api.get('/api/auth/me')).json()) as { abilities: string[] }).abilities,
    );
    await api.dispose();
  }
  const visits: Visit[] = USERS.flatMap((user) => OPEN_TO_ALL.map((path) => ({ user, path })));
  for (const { path, ability } of GUARDED) {
    const user = USERS.find((u) => abilities.get(u)?.includes(ability));
    expect(user, `nobody among ${USERS.join(', ')} may open ${path} (${ability})`).toBeTruthy();
    visits.push({ user: user as string, path });
  }
  return visits;
}

/** Real ids for the pages with a parameter: an order the housing bureau holds, and a published bulletin. */
async function ids(baseURL: string): Promise<Record<string, string>> {
  const { order, dispatcher } = await dispatchedOrder(baseURL, uniqueTitle('无障碍检查'));
  const reviewer = await apiAs(baseURL, 'reviewer');
  const month = new Date().toISOString().slice(0, 7);
  const drafted = await reviewer.post('/api/bulletins', { data: { from: `${month}-01`, to: `${month}-01` } });
  expect(drafted.status(), await drafted.text()).toBe(201);
  const bulletin = (await drafted.json()) as { id: number };
  await dispatcher.dispose();
  await reviewer.dispose();
  return { ':id:orders': String(order.id), ':id:bulletins': String(bulletin.id) };
}

function concrete(path: string, known: Record<string, string>): string {
  return path.replace(/^\/(\w+)\/:id$/, (_, base: string) => `/${base}/${known[`:id:${base}`]}`);
}

async function signInAs(page: Page, user: string) {
  await leaveApp(page);
  await page.context().clearCookies();
  const r = await page
    .context()
    .request.post('/api/auth/login', { data: { username: user, password: PASSWORD } });
  expect(r.status(), `login ${user}`).toBe(200);
}

let prepared: Promise<{ visits: Visit[]; known: Record<string, string> }> | undefined;
/** The plan and the ids, made once for the whole file (the server and its data outlive each test). */
function prepare(baseURL: string) {
  prepared ??= Promise.all([plan(baseURL), ids(baseURL)]).then(([visits, known]) => ({ visits, known }));
  return prepared;
}

/** An order's page names the order; an address the app does not know keeps the app's name. */
function expectedTitle(path: string): string | RegExp {
  if (path === '/orders/:id') return /^工单 HY\d+ · 回音$/;
  if (path === '/no-such-page') return APP_TITLE;
  return /^\S+ · 回音$/;
}

/** Opens each page the user is to check and runs axe on it. */
async function sweep(page: Page, baseURL: string, size: string, user: string) {
  const { visits, known } = await prepare(baseURL);
  await signInAs(page, user);
  for (const [i, visit] of visits.filter((v) => v.user === user).entries()) {
    const url = concrete(visit.path, known);
    if (i === 0) await page.goto(url);
    // The next pages as the menu opens them, by the app's router: the same page drawn, without
    // loading and starting the whole app again for each (about 0.5 s a page).
    else await openInApp(page, url);
    await settled(page);
    // Every page names itself in the tab and to a screen reader (WCAG 2.4.2).
    await expect(page, `title of ${url} as ${user}`).toHaveTitle(expectedTitle(visit.path));
    await expectAccessible(page, `${size} ${url} as ${user}`);
  }
}

/**
 * Goes to `url` as a link inside the app does: the address changes and the router draws the page.
 * Returns once the page that was there has gone from <main> (the router may keep it up while the
 * next page's code loads), so the check never runs on the page before.
 */
async function openInApp(page: Page, url: string) {
  const left = await page.evaluateHandle((to) => {
    const before = [...(document.querySelector('main')?.children ?? [])];
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
    return before;
  }, url);
  await page.waitForFunction(
    (before) => [...(document.querySelector('main')?.children ?? [])].some((c) => !before.includes(c)),
    left,
  );
  await left.dispose();
  await expect(page).toHaveURL(url);
}

async function loginPage(page: Page, size: string) {
  await page.goto('/login');
  await settled(page);
  await expectAccessible(page, `${size} /login`);
}

for (const [size, use] of [
  ['桌面 1366×900', {}],
  ['手机 375×812', { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }],
] as const) {
  test.describe(`axe-core:${size}，每个页面无严重、重大问题`, () => {
    test.use(use);
    test('登录页', async ({ page }) => loginPage(page, size));
    for (const user of USERS) {
      test(`${user} 能打开的页面`, async ({ page, baseURL }) => {
        // axe takes several seconds a page on a busy machine; a user has up to a dozen pages.
        test.setTimeout(240_000);
        await sweep(page, baseURL as string, size, user);
      });
    }
  });
}

test('统计图表都有表格替代：屏幕阅读器读得到数字，「图表/表格」切换成可见的表格', async ({ page }) => {
  // The demo county's orders fill the period the page opens on.
  await signInAs(page, 'leader');
  await page.goto('/statistics');
  await settled(page);
  const charts = page.getByRole('img', { name: '每日工单量' });
  await expect(charts).toBeVisible();
  // While the chart shows, its figures are a table in the accessibility tree (not drawn).
  const hidden = page.getByRole('table', { name: '每日工单量' });
  await expect(hidden).toBeAttached();
  expect(await hidden.getByRole('row').count()).toBeGreaterThan(1);
  const card = page
    .locator('.ant-card')
    .filter({ has: page.locator('.ant-card-head-title', { hasText: /^每日工单量$/ }) });
  await card.getByText('表格', { exact: true }).click();
  await expect(card.getByRole('img')).toHaveCount(0);
  const visible = card.getByRole('table', { name: '每日工单量' });
  await expect(visible).toBeVisible();
  await expect(visible.getByRole('columnheader', { name: '数值（件）' })).toBeVisible();
});

test.describe('手机上横向滚动的表格', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  test('表格为空（查无单位）时，滚动区本身可用键盘聚焦和滚动', async ({ page }) => {
    await signInAs(page, 'admin');
    await page.goto('/admin/units');
    await settled(page);
    await page.getByLabel('查找单位').fill('没有这个单位');
    await page.getByLabel('查找单位').press('Enter');
    await expect(page.locator('.ant-table-placeholder .ant-empty-description')).toHaveText('暂无数据');
    // Wider than the phone and with nothing in it to focus: only the region itself can take the keys.
    const region = page.getByRole('region', { name: '单位列表' });
    expect(await region.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    await expectAccessible(page, '手机 375×812 /admin/units 查无结果 as admin');
  });
});
