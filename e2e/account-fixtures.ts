import { type APIRequestContext, type Browser, expect, type Page, request } from '@playwright/test';
import Database from 'better-sqlite3';
import { Secret, TOTP } from 'otpauth';
import { apiAs } from './fixtures';
import { workerDatabase } from './places';

/** A password the policy accepts (long, three classes, not the username, not common). */
export const OWN_PASSWORD = 'Qiao-Tou#2026zz';

let seq = 0;
/** A username no other test (or earlier run on the same database) has taken. */
export function freshUsername(what: string): string {
  seq += 1;
  return `${what}-${Date.now().toString(36).slice(-6)}${seq}`;
}

/**
 * A new account made by the security administrator through the API, its system-made first
 * password already changed by its owner (so tests that are not about the forced change start from a usable account).
 */
export async function readyAccount(
  baseURL: string,
  username: string,
  roles: string[],
  unitCode: string,
): Promise<void> {
  const secadmin = await apiAs(baseURL, 'secadmin');
  const units = (await (await secadmin.get('/api/units')).json()).items as Array<{
    id: number;
    code: string;
  }>;
  const unitId = units.find((u) => u.code === unitCode)?.id;
  const created = await secadmin.post('/api/users', { data: { username, name: '测试人员', unitId, roles } });
  expect(created.status(), await created.text()).toBe(201);
  const initial = (await created.json()).initialPassword.password as string;
  const own = await request.newContext({ baseURL });
  expect((await own.post('/api/auth/login', { data: { username, password: initial } })).status()).toBe(200);
  const changed = await own.post('/api/auth/password', { data: { current: initial, next: OWN_PASSWORD } });
  expect(changed.status(), await changed.text()).toBe(200);
  await own.post('/api/auth/logout');
  await own.dispose();
}

/** An API session of an account with its own password. */
export async function apiWithOwnPassword(baseURL: string, username: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const r = await ctx.post('/api/auth/login', { data: { username, password: OWN_PASSWORD } });
  expect(r.status(), await r.text()).toBe(200);
  return ctx;
}

/** The code an authenticator app shows now for the key the page displays. */
export function totpCode(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
}

/** Enrols the second factor on the account page as a person would: scan (read the key), type the code. */
export async function enrolOnPage(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: '启用两步验证' }).click();
  return confirmOnPage(page);
}

/** Scans the key shown (reads it as typed), confirms with its code and puts the recovery codes away. */
export async function confirmOnPage(page: Page): Promise<string[]> {
  await expect(page.locator('.ant-qrcode canvas')).toBeVisible();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  await page.getByLabel('动态码').fill(totpCode(secret));
  await page.getByRole('button', { name: '确认启用' }).click();
  const list = page.getByRole('list', { name: '恢复码' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  const codes = await list.getByRole('listitem').allInnerTexts();
  await page.getByRole('button', { name: '我已保存恢复码' }).click();
  return codes.map((c) => c.trim());
}

export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

/** Dates an account's password `days` ago in the browser tests' database (the server runs on the real clock). */
export function passwordSetDaysAgo(username: string, days: number): void {
  const db = new Database(workerDatabase());
  try {
    db.prepare('update users set password_set_at = ? where username = ?').run(
      new Date(Date.now() - days * 86_400_000).toISOString(),
      username,
    );
  } finally {
    db.close();
  }
}
