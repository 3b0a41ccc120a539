import { expect as baseExpect } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import {
  enrolOnPage,
  freshUsername,
  newPage,
  OWN_PASSWORD,
  passwordSetDaysAgo,
  readyAccount,
} from './account-fixtures';
import { leaveApp, signIn } from './fixtures';
import { test } from './test';

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
  await page.getByRole('switch', { name: '登录须两步验证', exact: true }).click();
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

test('安全管理员要求承办单位人员也用两步验证；乡镇联络员登录后先到账号安全页启用', async ({
  page,
  browser,
  baseURL,
}) => {
  const username = freshUsername('town');
  await readyAccount(baseURL as string, username, ['unit_liaison'], 'town-qiaotou');

  await signIn(page, 'secadmin');
  await page.getByRole('menuitem', { name: '安全设置' }).click();
  const units = page.getByRole('switch', { name: '承办单位人员登录须两步验证' });
  // Off unless asked for, with what it means for the townships.
  await expect(units).not.toBeChecked();
  await expect(
    page.getByText('适用于：单位联络员、单位分管领导、单位主要负责人（各部门、乡镇）。默认不要求。'),
  ).toBeVisible();
  await units.click();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('安全设置已保存')).toBeVisible();
  // The security administrator's own switch is off in the demo: their page stays where it was.
  await expect(page).toHaveURL(/\/admin\/security$/);

  const town = await newPage(browser, baseURL as string);
  try {
    await town.goto('/login');
    await town.getByLabel('用户名').fill(username);
    await town.getByLabel('密码').fill(OWN_PASSWORD);
    await town.getByRole('button', { name: '登录' }).click();
    await expect(town).toHaveURL(/\/account$/);
    await expect(town.getByRole('alert').filter({ hasText: '请先启用两步验证' })).toBeVisible();
    await enrolOnPage(town);
    await expect(town).toHaveURL(/\/$/);
  } finally {
    const saved = await (await page.request.get('/api/settings/security')).json();
    expect(saved).toMatchObject({ totpRequired: false, totpRequiredForUnits: true });
    const back = await page.request.put('/api/settings/security', {
      data: { ...saved, totpRequiredForUnits: false },
    });
    expect(back.status()).toBe(200);
    await town.context().close();
  }
});

test('安全管理员设置密码最长使用期限；密码到期的用户登录后先改密码，改好后到自己的工作台；快到期的提前提醒', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, 'secadmin');
  await page.getByRole('menuitem', { name: '安全设置' }).click();
  const maxAge = page.getByLabel('密码最长使用期限');
  await expect(maxAge).toHaveValue('90');
  await expect(page.getByLabel('新密码不能与最近几个密码相同')).toHaveValue('5');
  await maxAge.fill('10');
  await page.getByRole('button', { name: '保存' }).click();
  // Out of range: the server's message, nothing saved.
  await expect(page.getByRole('alert').filter({ hasText: '须为 0（永不过期）或 30–180 天' })).toBeVisible();
  expect((await (await page.request.get('/api/settings/security')).json()).passwordMaxAgeDays).toBe(90);
  await maxAge.fill('60');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('安全设置已保存')).toBeVisible();
  expect((await (await page.request.get('/api/settings/security')).json()).passwordMaxAgeDays).toBe(60);

  const expired = freshUsername('aged');
  const soon = freshUsername('soon');
  await readyAccount(baseURL as string, expired, ['dispatcher'], 'office');
  await readyAccount(baseURL as string, soon, ['dispatcher'], 'office');
  passwordSetDaysAgo(expired, 61);
  passwordSetDaysAgo(soon, 57);
  const own = await newPage(browser, baseURL as string);
  try {
    // Past 60 days: the sign-in leads only to the change of password.
    await own.goto('/orders');
    await own.getByLabel('用户名').fill(expired);
    await own.getByLabel('密码').fill(OWN_PASSWORD);
    await own.getByRole('button', { name: '登录' }).click();
    await expect(own).toHaveURL(/\/account$/);
    await expect(
      own.getByRole('alert').filter({ hasText: '请先修改密码' }).filter({ hasText: '最长使用期限' }),
    ).toBeVisible();
    await expect(own.getByRole('menuitem', { name: '工单查询' })).toHaveCount(0);
    await own.getByLabel('当前密码', { exact: true }).fill(OWN_PASSWORD);
    await own.getByLabel('新密码', { exact: true }).fill(OWN_PASSWORD);
    await own.getByLabel('再次输入新密码').fill(OWN_PASSWORD);
    await own.getByRole('button', { name: '修改密码' }).click();
    await expect(own.getByRole('alert').filter({ hasText: '不能与当前密码相同' })).toBeVisible();
    const next = 'Xin-Mi#2026yy';
    await own.getByLabel('新密码', { exact: true }).fill(next);
    await own.getByLabel('再次输入新密码').fill(next);
    await own.getByRole('button', { name: '修改密码' }).click();
    await expect(own).toHaveURL(/\/$/);
    await own.getByRole('menuitem', { name: '工单查询' }).click();
    await expect(own).toHaveURL(/\/orders/);
    await expect(own.getByRole('alert').filter({ hasText: '请先修改密码' })).toHaveCount(0);
    const me = await (await own.request.get('/api/auth/me')).json();
    expect(me).toMatchObject({ username: expired, mustChangePassword: false, passwordDaysLeft: 60 });

    // Three days left: every page says so, with the way to change it. Off the app first: with its
    // session gone it goes to /login by itself at its next request, racing the test's own visit.
    await leaveApp(own);
    await own.context().clearCookies();
    await own.goto('/login');
    await own.getByLabel('用户名').fill(soon);
    await own.getByLabel('密码').fill(OWN_PASSWORD);
    await own.getByRole('button', { name: '登录' }).click();
    const banner = own.getByRole('alert').filter({ hasText: '您的密码还有 3 天到期' });
    await expect(banner).toBeVisible();
    await banner.getByRole('link', { name: '现在修改密码' }).click();
    await expect(own).toHaveURL(/\/account$/);
    await expect(own.getByRole('button', { name: '修改密码' })).toBeVisible();
  } finally {
    const saved = await (await page.request.get('/api/settings/security')).json();
    expect(
      (
        await page.request.put('/api/settings/security', { data: { ...saved, passwordMaxAgeDays: 90 } })
      ).status(),
    ).toBe(200);
    await own.context().close();
  }
});
