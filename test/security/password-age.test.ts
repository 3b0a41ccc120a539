import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/modules/auth/password.js';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const PASSWORD = 'Huiyin@2026';
const DAY = 86_400_000;

/**
 * 口令定期更换，不得重复使用 (等保 2.0 身份鉴别): a password past the security settings' maximum
 * age opens only the change step; a new password may not be one of the user's last N.
 */
describe(`password age and history (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
    res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const as = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const signedIn = async (username: string, password: string) => {
    const res = await login(username, password);
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: cookieOf(res), me: res.json() as Record<string, unknown> };
  };
  const change = (cookie: string, current: string, next: string) =>
    as(cookie, 'POST', '/api/auth/password', { current, next });
  const idOf = async (username: string) =>
    (
      await t.ctx.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const audit = (action: string) =>
    t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'target', 'detail', 'before_json', 'after_json'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  it('the settings hold their bounds: refused with a plain message, nothing changed', async () => {
    const secadmin = await t.as('secadmin');
    const before = await ok(secadmin.get('/api/settings/security'));
    for (const wrong of [
      { passwordMaxAgeDays: 29 },
      { passwordMaxAgeDays: 181 },
      { passwordMaxAgeDays: -1 },
      { passwordMaxAgeDays: 45.5 },
    ]) {
      const error = await refused(
        secadmin.put('/api/settings/security', { ...before, ...wrong }),
        400,
        'VALIDATION_FAILED',
      );
      expect(error.message).toContain('密码最长使用期限');
    }
    const age = await refused(
      secadmin.put('/api/settings/security', { ...before, passwordMaxAgeDays: 10 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(age.message).toContain('须为 0（永不过期）或 30–180 天');
    const history = await refused(
      secadmin.put('/api/settings/security', { ...before, passwordHistory: 25 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(history.message).toContain('不能重复使用的密码个数：不能大于 24');
    await refused(
      secadmin.put('/api/settings/security', { ...before, passwordHistory: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await ok(secadmin.get('/api/settings/security'))).toEqual(before);

    for (const days of [0, 30, 180, 90]) {
      const saved = await ok(
        secadmin.put('/api/settings/security', { ...before, passwordMaxAgeDays: days, passwordHistory: 5 }),
      );
      expect(saved).toMatchObject({ passwordMaxAgeDays: days, passwordHistory: 5 });
    }
    // The auditor sees the rule change (numbers are not blanked as secrets).
    const changes = await audit('setting.changed');
    expect(changes.at(-1)?.after_json).toContain('"passwordMaxAgeDays":90');
    expect(changes.at(-1)?.before_json).toContain('"passwordMaxAgeDays":180');
  });

  it('a new password may be none of the last five; the sixth oldest is accepted again', async () => {
    const passwords = ['Pw#One-2026a', 'Pw#Two-2026b', 'Pw#Three-2026c', 'Pw#Four-2026d', 'Pw#Five-2026e'];
    let current = PASSWORD;
    const { cookie } = await signedIn('housing-a', current);
    for (const next of passwords) {
      const res = await change(cookie, current, next);
      expect(res.statusCode, res.body).toBe(200);
      current = next;
    }
    // The last five: the four before and the current one (refused as unchanged, as before).
    await refused(change(cookie, current, current), 400, 'PASSWORD_UNCHANGED');
    for (const old of passwords.slice(0, 4)) {
      const error = await refused(change(cookie, current, old), 400, 'PASSWORD_REUSED');
      expect(error.message).toBe('新密码不能与最近使用过的 5 个密码（含当前密码）相同，请换一个。');
    }
    // Nothing changed: the current password still signs in, the refused one does not.
    expect((await login('housing-a', current)).statusCode).toBe(200);
    expect((await login('housing-a', 'Pw#One-2026a')).statusCode).toBe(401);
    const refusals = await audit('auth.password_reuse_refused');
    expect(refusals).toHaveLength(4);
    expect(refusals[0]).toMatchObject({ target: `user:${await idOf('housing-a')}` });
    for (const r of refusals)
      expect(`${r.detail}${r.before_json}${r.after_json}`).not.toMatch(/scrypt|Pw#|2026a/);

    // The seeded password is the sixth oldest now.
    await ok(change(cookie, current, PASSWORD));
    expect((await login('housing-a', PASSWORD)).statusCode).toBe(200);
    // Only hashes are stored, of the scheme the product uses for passwords.
    const stored = await t.ctx.db.kysely
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', await idOf('housing-a'))
      .execute();
    expect(stored.length).toBeGreaterThanOrEqual(5);
    for (const s of stored) expect(s.password_hash).toMatch(/^scrypt\$/);
  });

  it('after a reset the one-time password must be replaced, and not by one of the recent ones', async () => {
    const secadmin = await t.as('secadmin');
    const id = await idOf('water-a');
    const { cookie } = await signedIn('water-a', PASSWORD);
    await ok(change(cookie, PASSWORD, 'Shui#Li-2026x'));
    const { initialPassword } = (await ok(secadmin.post(`/api/users/${id}/password-reset`))) as unknown as {
      initialPassword: { password: string };
    };
    const reset = initialPassword.password;
    const again = await signedIn('water-a', reset);
    expect(again.me).toMatchObject({
      mustChangePassword: true,
      passwordExpired: false,
      passwordDaysLeft: null,
    });
    // The password the reset replaced and the one before it are both among the last five.
    await refused(change(again.cookie, reset, 'Shui#Li-2026x'), 400, 'PASSWORD_REUSED');
    await refused(change(again.cookie, reset, PASSWORD), 400, 'PASSWORD_REUSED');
    const done = await ok(change(again.cookie, reset, 'Shui#Li-2026y'));
    expect(done).toMatchObject({ mustChangePassword: false, passwordDaysLeft: 90 });
  });

  it('two changes of one password at the same moment: one is made, the other refused with nothing written', async () => {
    const id = await idOf('housing-b');
    const { cookie } = await signedIn('housing-b', PASSWORD);
    const history = () =>
      t.ctx.db.kysely
        .selectFrom('password_history')
        .select('password_hash')
        .where('user_id', '=', id)
        .execute();
    const before = (await history()).length;
    // The same new password twice, as a double click or two windows would send it: each passes the
    // checks alone, but the second would set again the password the first has just set.
    const next = 'Tong#Shi-2026z';
    const answers = await Promise.all([change(cookie, PASSWORD, next), change(cookie, PASSWORD, next)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.statusCode === 409);
    expect(loser?.json()).toMatchObject({
      error: {
        code: 'PASSWORD_CHANGED_MEANWHILE',
        message: '密码刚刚已被修改（可能在另一个窗口或设备上），本次修改未保存。请用新的当前密码重新修改。',
      },
    });
    // One change: the replaced password is kept once, the new one is not in the history.
    const after = await history();
    expect(after).toHaveLength(before + 1);
    for (const h of after) expect(await verifyPassword(next, h.password_hash)).toBe(false);
    const changes = (await audit('auth.password_changed')).filter((a) => a.target === `user:${id}`);
    expect(changes).toHaveLength(1);
    expect((await login('housing-b', next)).statusCode).toBe(200);
    expect((await login('housing-b', PASSWORD)).statusCode).toBe(401);

    // Two different new passwords at once: the same, whichever comes first wins.
    const [a, b] = await Promise.all([
      change(cookie, next, 'Tong#Shi-2026a'),
      change(cookie, next, 'Tong#Shi-2026b'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const won = a.statusCode === 200 ? 'Tong#Shi-2026a' : 'Tong#Shi-2026b';
    const lost = a.statusCode === 200 ? 'Tong#Shi-2026b' : 'Tong#Shi-2026a';
    expect((await login('housing-b', won)).statusCode).toBe(200);
    expect((await login('housing-b', lost)).statusCode).toBe(401);
    expect(await history()).toHaveLength(before + 2);
  });

  it('a password past its maximum age signs in only to the change step, administrators’ too; warned a week before', async () => {
    const leaderId = await idOf('housing-leader');
    t.clock.advance(84 * DAY);
    const soon = await signedIn('housing-leader', PASSWORD);
    expect(soon.me).toMatchObject({ mustChangePassword: false, passwordExpired: false, passwordDaysLeft: 6 });
    expect((await as(soon.cookie, 'GET', '/api/work-orders')).statusCode).toBe(200);

    t.clock.advance(5.95 * DAY);
    const lastDay = await signedIn('housing-leader', PASSWORD);
    expect(lastDay.me).toMatchObject({ mustChangePassword: false, passwordDaysLeft: 1 });
    t.clock.advance(0.1 * DAY);
    // A session opened before the end of the age is held to the change step too.
    const held = await refused(
      as(lastDay.cookie, 'GET', '/api/work-orders'),
      403,
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect(held.message).toBe('密码已超过最长使用期限，请先修改密码，再使用系统。');
    const expired = await signedIn('housing-leader', PASSWORD);
    expect(expired.me).toMatchObject({
      mustChangePassword: true,
      passwordExpired: true,
      passwordDaysLeft: 0,
    });
    await refused(as(expired.cookie, 'GET', '/api/work-orders'), 403, 'PASSWORD_CHANGE_REQUIRED');
    await refused(as(expired.cookie, 'GET', '/api/units'), 403, 'PASSWORD_CHANGE_REQUIRED');
    expect((await as(expired.cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const logged = await audit('auth.password_expired');
    expect(logged.at(-1)).toMatchObject({
      target: `user:${leaderId}`,
      detail: '密码已使用超过 90 天，须修改后才能使用系统',
    });

    // An old password is no way out: the history applies to the change it forces.
    await refused(change(expired.cookie, PASSWORD, PASSWORD), 400, 'PASSWORD_UNCHANGED');
    const changed = await ok(change(expired.cookie, PASSWORD, 'Ling-Dao#2026q'));
    expect(changed).toMatchObject({
      mustChangePassword: false,
      passwordExpired: false,
      passwordDaysLeft: 90,
    });
    expect((await as(expired.cookie, 'GET', '/api/work-orders')).statusCode).toBe(200);
    expect((await audit('auth.password_changed')).at(-1)?.detail).toContain('原密码已超过最长使用期限');

    // The three administrators follow the same rule.
    for (const admin of ['admin', 'secadmin', 'auditor']) {
      const res = await signedIn(admin, PASSWORD);
      expect(res.me).toMatchObject({ mustChangePassword: true, passwordExpired: true });
      await refused(as(res.cookie, 'GET', '/api/users'), 403, 'PASSWORD_CHANGE_REQUIRED');
    }
  });

  it('with a maximum age of 0 passwords never expire', async () => {
    await t.ctx.settings.setSecurity({ ...(await t.ctx.settings.security()), passwordMaxAgeDays: 0 });
    const res = await signedIn('auditor', PASSWORD);
    expect(res.me).toMatchObject({
      mustChangePassword: false,
      passwordExpired: false,
      passwordDaysLeft: null,
    });
    expect((await as(res.cookie, 'GET', '/api/audit-log')).statusCode).toBe(200);
  });
  it('the same change sent again once the first has landed: told the password changed meanwhile, not counted as a wrong guess', async () => {
    const id = await idOf('urban-a');
    const { cookie } = await signedIn('urban-a', PASSWORD);
    const next = 'Cheng#Guan-2026z';
    await ok(change(cookie, PASSWORD, next));
    const guesses = async () => (await audit('auth.password_check_failed')).length;
    const before = await guesses();
    // A double click whose second request reads the account after the first changed it.
    await refused(change(cookie, PASSWORD, next), 409, 'PASSWORD_CHANGED_MEANWHILE');
    expect(await guesses()).toBe(before);
    expect((await audit('auth.password_changed')).filter((a) => a.target === `user:${id}`)).toHaveLength(1);
    // Any other wrong password is a wrong guess, as ever.
    await refused(change(cookie, 'Bu-Dui#2026pw', 'Cheng#Guan-2026y'), 400, 'PASSWORD_WRONG');
    expect(await guesses()).toBe(before + 1);
    // A session signed in after the change opened with the new password: the old one is a mistake there.
    t.clock.advance(1_000);
    const later = await signedIn('urban-a', next);
    await refused(change(later.cookie, PASSWORD, 'Cheng#Guan-2026y'), 400, 'PASSWORD_WRONG');
    expect(await guesses()).toBe(before + 2);
    expect((await login('urban-a', next)).statusCode).toBe(200);
  });
});
