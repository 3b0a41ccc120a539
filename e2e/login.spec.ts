import { expect as baseExpect } from '@playwright/test';
import { apiWithOwnPassword, freshUsername, OWN_PASSWORD, readyAccount, totpCode } from './account-fixtures';
import { expectAccessible } from './axe';
import { leaveApp, PASSWORD, signIn } from './fixtures';
import { test } from './test';

// Sign-ins hash passwords (bcrypt-strength) on a small shared machine.
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

// Issue 14 item 1: the sign-in page is a page of its own (web/login.html) that loads none of the
// app, signs in against the API and then opens the app where the user was going.

test('登录页只加载自己的小脚本，不加载应用；可只用键盘登录，进入原本要打开的页面', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    // Scripts it runs, not the app it fetches into the cache for later (Sec-Purpose: prefetch).
    if (r.resourceType() === 'script' && !r.headers()['sec-purpose']) scripts.push(new URL(r.url()).pathname);
  });
  // A browser that is not signed in is no error: the page asks without a 401 in the console.
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  const probe = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/session');
  // Not signed in: the server sends the browser to the sign-in page, keeping where it was going.
  await page.goto('/orders?state=handling');
  await expect(page).toHaveURL(/\/login\?next=%2Forders%3Fstate%3Dhandling$/);
  expect(await (await probe).json()).toEqual({ signedIn: false });
  expect(consoleErrors).toEqual([]);
  const button = page.getByRole('button', { name: '登录', exact: true });
  await expect(button).toBeEnabled();
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts)
    expect(s, 'only the sign-in page’s own script').toMatch(/\/assets\/(login|shared)-/);
  // Nothing of React or Ant Design was run: the page is the static form.
  expect(await page.locator('.ant-btn, .ant-input, #root').count()).toBe(0);
  await expect(page.getByRole('heading', { name: '回音' })).toBeVisible();

  // Empty fields are named, and marked for screen readers.
  await button.click();
  await expect(page.getByText('请输入用户名')).toBeVisible();
  await expect(page.getByLabel('用户名')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('用户名')).toBeFocused();

  // Keyboard only: type, Tab to the password, Enter sends.
  await page.keyboard.type('housing-a');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('密码')).toBeFocused();
  await page.keyboard.type('wrong-password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  await expect(page).toHaveURL(/\/login/);

  // 「显示」 shows what was typed, and says so.
  const reveal = page.getByRole('button', { name: '显示' });
  await reveal.click();
  await expect(page.getByLabel('密码')).toHaveAttribute('type', 'text');
  await expect(page.getByRole('button', { name: '隐藏' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByLabel('密码').press('Enter');
  // Signed in after a failed attempt: told before the app opens, with the last sign-in (上次登录提示).
  const attempts = page
    .getByRole('alert')
    .filter({ hasText: '有 1 次用您的账号登录失败（密码或动态码错误）' });
  await expect(attempts).toBeVisible();
  await expect(page.getByRole('button', { name: '知道了，继续' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/orders\?state=handling$/);
  await expect(page.locator('main')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '工单查询' })).toBeVisible();

  // Signed in, the sign-in page is skipped; signing out comes back to it.
  await page.goto('/login');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('main')).toBeVisible();
  await page.getByRole('button', { name: /刘雅琴/ }).hover();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel('用户名')).toBeVisible();
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
});

test('登录后只回到本站的页面：next 指向别的网站时进入首页', async ({ page }) => {
  for (const next of ['//example.com/x', 'https://example.com/x', '/login']) {
    await leaveApp(page);
    await page.context().clearCookies();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('用户名').fill('water-a');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
    await expect(page.locator('main')).toBeVisible();
  }
});

test('已登录的浏览器打开登录页（书签）：直接进入要去的页面', async ({ page }) => {
  await signIn(page, 'water-a');
  await page.goto(`/login?next=${encodeURIComponent('/orders?state=handling')}`);
  await expect(page).toHaveURL(/\/orders\?state=handling$/);
  await expect(page.locator('main')).toBeVisible();
});

test('两步验证：登录页第二步（动态码、恢复码）无严重无障碍问题，可只用键盘完成', async ({
  page,
  baseURL,
}) => {
  const username = freshUsername('totp');
  await readyAccount(baseURL as string, username, ['unit_liaison'], 'housing');
  const own = await apiWithOwnPassword(baseURL as string, username);
  const { secret } = await (await own.post('/api/auth/totp/setup')).json();
  const enrolled = await own.post('/api/auth/totp/confirm', { data: { code: totpCode(secret) } });
  expect(enrolled.status()).toBe(200);
  const { recoveryCodes } = (await enrolled.json()) as { recoveryCodes: string[] };
  await own.dispose();

  await page.goto('/login');
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeEnabled();
  await expectAccessible(page, '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(OWN_PASSWORD);
  await page.getByLabel('密码').press('Enter');
  await expect(page.getByLabel('动态码')).toBeFocused();
  await expect(page.getByText(`账号 ${username} 已启用两步验证`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('请输入 6 位动态码')).toBeVisible();
  await expect(page.getByLabel('动态码')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, '/login 动态码');
  await page.getByRole('button', { name: '手机不在身边？使用恢复码' }).click();
  await expect(page.getByLabel('恢复码')).toBeFocused();
  await page.keyboard.type('not-a-code');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('恢复码无效');
  await expectAccessible(page, '/login 恢复码');
  await page.getByLabel('恢复码').fill(recoveryCodes[0] as string);
  await page.keyboard.press('Enter');
  // The code refused above is told before the app opens; Enter goes on.
  await expect(page.getByRole('alert').filter({ hasText: '有 1 次用您的账号登录失败' })).toBeVisible();
  await expectAccessible(page, '/login 登录失败提示');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('main')).toBeVisible();
});
