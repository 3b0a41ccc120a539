import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused } from '../support/orders.js';
import { signInHelpers } from '../support/sign-in.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Issued = { initialPassword: { password: string; expiresAt: string } };
const FORMAT = /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/;

/**
 * 初始密码由系统生成 (等保 2.0 身份鉴别): the security administrator never chooses or knows a
 * password in use. The system makes it, answers it once, keeps only its hash, logs that it was
 * issued and never what it is; the holder replaces it at the first sign-in, within 72 hours.
 */
describe(`system-made initial passwords (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp('2026-03-06T16:00:00+08:00', {}, { logLines });
  });
  afterAll(() => t.close());

  const { login, cookieOf, as } = signInHelpers(() => t);
  const create = async (username: string, extra: Record<string, unknown> = {}) => {
    const res = await (await t.as('secadmin')).post('/api/users', {
      username,
      name: '新同事',
      unitId: t.unitId('water'),
      roles: ['unit_liaison'],
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { res, body: res.json() as { id: number } & Issued };
  };

  /** Every place the password could have been kept: the tables and the service log. */
  const keptAnywhere = async (password: string) => {
    const db = t.ctx.db.kysely;
    const tables = [
      await db.selectFrom('users').selectAll().execute(),
      await db.selectFrom('audit_log').selectAll().execute(),
      await db.selectFrom('password_history').selectAll().execute(),
      await db.selectFrom('settings').selectAll().execute(),
    ];
    return JSON.stringify(tables).includes(password) || logLines.some((l) => l.includes(password));
  };

  it('is made by the system, answered once and not cached, and kept nowhere in clear', async () => {
    // An older web app still sends the password its administrator typed: it is not used.
    const { res, body } = await create('water-new', { password: 'Typed#ByAdmin2026' });
    expect(res.headers['cache-control']).toBe('no-store');
    const { password, expiresAt } = body.initialPassword;
    expect(password).toMatch(FORMAT);
    expect(expiresAt).toBe('2026-03-09T08:00:00.000Z');
    await refused(login('water-new', 'Typed#ByAdmin2026'), 401, 'LOGIN_FAILED');
    expect(await keptAnywhere(password)).toBe(false);

    const entry = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail', 'after_json'])
      .where('target', 'like', '%water-new')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: 'user.created',
      detail: '系统生成一次性初始密码，北京时间 2026-03-09 16:00 前有效（密码不记录）',
    });
    // Nobody is shown it again: the user list and the account carry no password.
    const list = await ok((await t.as('secadmin')).get('/api/users'));
    expect(JSON.stringify(list)).not.toMatch(/initialPassword|password/i);

    const first = await login('water-new', password);
    expect(first.json()).toMatchObject({ mustChangePassword: true });
    await refused(as(cookieOf(first), 'GET', '/api/work-orders'), 403, 'PASSWORD_CHANGE_REQUIRED');
  });

  it('lapses unreplaced after 72 hours (over a weekend), refused in Chinese, not counted as a guess; a reset issues another', async () => {
    const { body } = await create('water-late');
    const { password } = body.initialPassword;
    t.clock.advance(72 * 3_600_000 - 60_000);
    expect((await login('water-late', password)).statusCode).toBe(200);
    t.clock.advance(60_000);
    for (let i = 0; i < 6; i++) {
      const error = await refused(login('water-late', password), 401, 'INITIAL_PASSWORD_EXPIRED');
      expect(error.message).toContain('初始密码已过期');
      expect(error.message).toContain('72 小时');
    }
    // A wrong password learns nothing of the lapse.
    await refused(login('water-late', 'Not-the-password-1'), 401, 'LOGIN_FAILED');
    const refusals = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'auth.login_failed')
      .where('username', '=', 'water-late')
      .execute();
    expect(refusals.filter((r) => r.detail?.includes('初始密码已过期'))).toHaveLength(6);

    const reset = (await ok(
      (await t.as('secadmin')).post(`/api/users/${body.id}/password-reset`),
    )) as unknown as Issued;
    expect(reset.initialPassword.password).toMatch(FORMAT);
    expect(reset.initialPassword.password).not.toBe(password);
    expect(await keptAnywhere(reset.initialPassword.password)).toBe(false);
    const again = await login('water-late', reset.initialPassword.password);
    expect(again.statusCode, again.body).toBe(200);
    await ok(
      as(cookieOf(again), 'POST', '/api/auth/password', {
        current: reset.initialPassword.password,
        next: 'Shui#Wan-2026q',
      }),
    );
    // A password of one's own does not lapse with the initial one's clock.
    t.clock.advance(96 * 3_600_000);
    expect((await login('water-late', 'Shui#Wan-2026q')).statusCode).toBe(200);
  });

  it('the reset answer is not cached either, and only the security administrator gets one', async () => {
    const id = (await create('water-third')).body.id;
    const res = await (await t.as('secadmin')).post(`/api/users/${id}/password-reset`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    await refused((await t.as('admin')).post(`/api/users/${id}/password-reset`), 403, 'FORBIDDEN_ROLE');
    await refused((await t.as('dispatcher')).post(`/api/users/${id}/password-reset`), 403, 'FORBIDDEN_ROLE');
  });
});
