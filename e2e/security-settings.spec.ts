import { expect as baseExpect, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { enrolOnPage, freshUsername, newPage, OWN_PASSWORD, readyAccount } from './account-fixtures';
import { signIn } from './fixtures';

// Several sign-ins, two browsers and bcrypt-strength hashing on a small shared machine.
test.describe.configure({ timeout: 150_000 });
test.use({ actionTimeout: 30_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

test('安全管理员修改安全设置；要求两步验证后，已登录的派单员下一步即被带到账号安全页先启用', async ({
  page,
  browser,
  baseURL,
}) => {
  const username = freshUsername('dispatch');
  await readyAccount(baseURL as string, username, ['dispatcher'], 'office');
  const office = await newPage(browser, baseURL as string);
  await office.request.post('/api/auth/login', { data: { username, password: OWN_PASSWORD } });
  await office.goto('/');
  await expect(office.getByRole('menuitem', { name: '工单查询' })).toBeVisible();

  await signIn(page, 'secadmin');
  await page.getByRole('menuitem', { name: '安全设置' }).click();
  await expect(page.getByRole('heading', { name: '安全设置' })).toBeVisible();
  const idle = page.getByLabel('闲置多久后会话失效');
  await expect(idle).toHaveValue('30');
  await idle.fill('300');
  await page.getByRole('button', { name: '保存' }).click();
  // The server holds the ranges: out of range is refused with its message, nothing saved.
  await expect(page.getByRole('alert').filter({ hasText: /240|不能|最多|不超过|≤/ })).toBeVisible();
  expect((await (await page.request.get('/api/settings/security')).json()).idleMinutes).toBe(30);

  await idle.fill('45');
  await page.getByRole('switch', { name: '登录须两步验证' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  // The security administrator is among the roles: their own account page comes first now.
  await expect(page.getByRole('alert').filter({ hasText: '请先启用两步验证' })).toBeVisible();
  await expect(page).toHaveURL(/\/account$/);

  try {
    // The dispatcher, signed in before the change, is refused at the next step and taken to enrol.
    await office.getByRole('menuitem', { name: '工单查询' }).click();
    await expect(office).toHaveURL(/\/account$/);
    await expect(office.getByRole('alert').filter({ hasText: '请先启用两步验证' })).toBeVisible();
    await enrolOnPage(office);
    await expect(office).toHaveURL(/\/$/);
    await expect(office.getByRole('menuitem', { name: '工单查询' })).toBeVisible();
    await office.goto('/account');
    await expect(office.getByText('按安全设置，您的角色登录必须使用两步验证。')).toBeVisible();
    await expect(office.getByRole('button', { name: '关闭两步验证' })).toHaveCount(0);
  } finally {
    // Put the demo's settings back for the other specs: enrol the security administrator through
    // the API, switch the requirement off, then turn the administrator's second factor off again.
    const api = page.request;
    const { secret } = await (await api.post('/api/auth/totp/setup')).json();
    const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
    expect((await api.post('/api/auth/totp/confirm', { data: { code } })).status()).toBe(200);
    const saved = await (await api.get('/api/settings/security')).json();
    expect(saved).toMatchObject({ idleMinutes: 45, totpRequired: true });
    const back = await api.put('/api/settings/security', {
      data: { ...saved, idleMinutes: 30, totpRequired: false },
    });
    expect(back.status()).toBe(200);
    expect((await api.post('/api/auth/totp/disable', { data: { password: 'Huiyin@2026' } })).status()).toBe(
      200,
    );
    await office.context().close();
  }
});
