import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused } from '../support/orders.js';
import { PASSWORD, signInHelpers } from '../support/sign-in.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

describe(`the second factor (TOTP): who must enrol, confirming, replacing, resetting, turning it off (${TEST_DIALECT})`, {
  timeout: 60_000,
}, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const { login, cookieOf, as, auditActions } = signInHelpers(() => t);

  it('asks office and administrator roles for a TOTP code when the setting is on; recovery codes work once', async () => {
    await t.ctx.settings.setSecurity({ ...(await t.ctx.settings.security()), totpRequired: true });
    try {
      const first = await login('reviewer', PASSWORD);
      expect(first.json()).toMatchObject({ mustEnrolTotp: true, totpEnabled: false });
      const cookie = cookieOf(first);
      await refused(as(cookie, 'GET', '/api/work-orders'), 403, 'TOTP_ENROLMENT_REQUIRED');
      // A unit liaison is not asked.
      expect((await login('water-a', PASSWORD)).json()).toMatchObject({ mustEnrolTotp: false });

      const setup = (await as(cookie, 'POST', '/api/auth/totp/setup')).json() as {
        secret: string;
        uri: string;
      };
      expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
      const app = new TOTP({ secret: Secret.fromBase32(setup.secret), digits: 6, period: 30 });
      const code = () => app.generate({ timestamp: t.clock.now().getTime() });
      await refused(as(cookie, 'POST', '/api/auth/totp/confirm', { code: '000000' }), 400, 'TOTP_INVALID');
      const confirmed = await as(cookie, 'POST', '/api/auth/totp/confirm', { code: code() });
      const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
      expect(recoveryCodes).toHaveLength(10);
      expect((await as(cookie, 'GET', '/api/work-orders')).statusCode).toBe(200);

      t.clock.advance(60_000);
      await refused(login('reviewer', PASSWORD), 401, 'TOTP_REQUIRED');
      const withCode = await login('reviewer', PASSWORD, { totp: code() });
      expect(withCode.statusCode).toBe(200);
      // The same code is good once.
      await refused(login('reviewer', PASSWORD, { totp: code() }), 401, 'TOTP_INVALID');
      const recovery = recoveryCodes[0] as string;
      expect((await login('reviewer', PASSWORD, { recoveryCode: recovery })).statusCode).toBe(200);
      await refused(login('reviewer', PASSWORD, { recoveryCode: recovery }), 401, 'TOTP_INVALID');
      expect(await auditActions()).toEqual(
        expect.arrayContaining(['auth.totp_enrolled', 'auth.recovery_code_used']),
      );
    } finally {
      await t.ctx.settings.setSecurity({ ...(await t.ctx.settings.security()), totpRequired: false });
      t.clock.advance(16 * 60_000);
    }
  });

  it('the units’ people enrol a second factor only when the security administrator asks it of them too', async () => {
    const secadmin = await t.as('secadmin');
    const settings = (await ok(secadmin.get('/api/settings/security'))) as Record<string, unknown>;
    // Off on a fresh install and after an upgrade: townships are not locked out by the new version.
    expect(settings).toMatchObject({ totpRequired: false, totpRequiredForUnits: false });
    expect((await login('town-qiaotou-a', PASSWORD)).json()).toMatchObject({ mustEnrolTotp: false });
    // A web app cached before the switch existed saves without it: the switch keeps its value.
    const { totpRequiredForUnits: _, ...without } = settings;
    expect(await ok(secadmin.put('/api/settings/security', without))).toMatchObject({
      totpRequiredForUnits: false,
    });

    expect(
      await ok(secadmin.put('/api/settings/security', { ...settings, totpRequiredForUnits: true })),
    ).toMatchObject({ totpRequired: false, totpRequiredForUnits: true });
    try {
      const change = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'target', 'before_json', 'after_json'])
        .where('target', '=', 'setting:security')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(change.action).toBe('setting.changed');
      expect(JSON.parse(change.before_json ?? '{}')).toMatchObject({ totpRequiredForUnits: false });
      expect(JSON.parse(change.after_json ?? '{}')).toMatchObject({ totpRequiredForUnits: true });

      const first = await login('town-qiaotou-a', PASSWORD);
      expect(first.json()).toMatchObject({ mustEnrolTotp: true, totpEnabled: false, totpRequired: true });
      const cookie = cookieOf(first);
      await refused(as(cookie, 'GET', '/api/work-orders'), 403, 'TOTP_ENROLMENT_REQUIRED');
      // The office is not asked: its own switch is off.
      expect((await login('dispatcher', PASSWORD)).json()).toMatchObject({ mustEnrolTotp: false });

      const { secret } = (await as(cookie, 'POST', '/api/auth/totp/setup')).json() as { secret: string };
      const app = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
      await ok(
        as(cookie, 'POST', '/api/auth/totp/confirm', {
          code: app.generate({ timestamp: t.clock.now().getTime() }),
        }),
      );
      expect((await as(cookie, 'GET', '/api/work-orders')).statusCode).toBe(200);
      // Required for the role now: it cannot be turned off.
      await refused(
        as(cookie, 'POST', '/api/auth/totp/disable', { password: PASSWORD }),
        422,
        'TOTP_REQUIRED_FOR_ROLE',
      );
      t.clock.advance(60_000);
      await refused(login('town-qiaotou-a', PASSWORD), 401, 'TOTP_REQUIRED');
      expect(
        (
          await login('town-qiaotou-a', PASSWORD, {
            totp: app.generate({ timestamp: t.clock.now().getTime() }),
          })
        ).statusCode,
      ).toBe(200);
    } finally {
      await ok(secadmin.put('/api/settings/security', settings));
    }
  });

  it('a confirming code cannot sign in again; replacing the phone’s key asks for the password', async () => {
    const cookie = cookieOf(await login('housing-b', PASSWORD));
    const keyOf = async (payload?: object) => {
      const res = await as(cookie, 'POST', '/api/auth/totp/setup', payload);
      expect(res.statusCode, res.body).toBe(200);
      const { secret } = res.json() as { secret: string };
      return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    };
    const first = await keyOf();
    const code = first.generate({ timestamp: t.clock.now().getTime() });
    await ok(as(cookie, 'POST', '/api/auth/totp/confirm', { code }));
    await refused(login('housing-b', PASSWORD, { totp: code }), 401, 'TOTP_INVALID');

    // Whoever holds only the session cannot put their own phone in place of the owner's.
    await refused(as(cookie, 'POST', '/api/auth/totp/setup'), 400, 'PASSWORD_REQUIRED');
    await refused(
      as(cookie, 'POST', '/api/auth/totp/setup', { password: 'Not-the-password-1' }),
      400,
      'PASSWORD_WRONG',
    );
    t.clock.advance(60_000);
    expect(
      (await login('housing-b', PASSWORD, { totp: first.generate({ timestamp: t.clock.now().getTime() }) }))
        .statusCode,
    ).toBe(200);

    // The owner, with the password, moves to a new phone: the old key stops working.
    const second = await keyOf({ password: PASSWORD });
    t.clock.advance(60_000);
    await ok(
      as(cookie, 'POST', '/api/auth/totp/confirm', {
        code: second.generate({ timestamp: t.clock.now().getTime() }),
      }),
    );
    t.clock.advance(60_000);
    const now = t.clock.now().getTime();
    await refused(
      login('housing-b', PASSWORD, { totp: first.generate({ timestamp: now }) }),
      401,
      'TOTP_INVALID',
    );
    expect(
      (await login('housing-b', PASSWORD, { totp: second.generate({ timestamp: now }) })).statusCode,
    ).toBe(200);
    const replaced = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'auth.totp_enrolled')
      .orderBy('id')
      .execute();
    expect(replaced.map((r) => r.detail).slice(-2)).toEqual([
      expect.not.stringContaining('更换'),
      '更换手机验证器（原密钥和恢复码作废）',
    ]);
    t.clock.advance(16 * 60_000);
  });

  it('a holder who lost the phone: the security administrator resets the second factor, with a reason, never an administrator’s', async () => {
    const cookie = cookieOf(await login('water-b', PASSWORD));
    const { secret } = (await as(cookie, 'POST', '/api/auth/totp/setup')).json() as { secret: string };
    const phone = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
    await ok(
      as(cookie, 'POST', '/api/auth/totp/confirm', {
        code: phone.generate({ timestamp: t.clock.now().getTime() }),
      }),
    );
    await refused(login('water-b', PASSWORD), 401, 'TOTP_REQUIRED');

    const secadmin = await t.as('secadmin');
    const users = (await ok(secadmin.get('/api/users'))) as unknown as {
      items: Array<{ id: number; username: string; totpEnabled: boolean }>;
    };
    const id = (name: string) => users.items.find((u) => u.username === name)?.id as number;
    expect(users.items.find((u) => u.username === 'water-b')?.totpEnabled).toBe(true);
    await refused(
      secadmin.post(`/api/users/${id('water-b')}/totp/reset`, { reason: '' }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      secadmin.post(`/api/users/${id('admin')}/totp/reset`, { reason: '手机丢失,本人申请' }),
      403,
      'ADMIN_TOTP',
    );
    await refused(
      secadmin.post(`/api/users/${id('secadmin')}/totp/reset`, { reason: '手机丢失,本人申请' }),
      403,
      'OWN_TOTP',
    );
    await refused(
      (await t.as('admin')).post(`/api/users/${id('water-b')}/totp/reset`, { reason: '手机丢失,本人申请' }),
      403,
      'FORBIDDEN_ROLE',
    );
    await refused(
      secadmin.post(`/api/users/${id('water-a')}/totp/reset`, { reason: '手机丢失,本人申请' }),
      422,
      'TOTP_NOT_ENABLED',
    );
    const reset = (await ok(
      secadmin.post(`/api/users/${id('water-b')}/totp/reset`, { reason: '手机丢失，经科室负责人确认' }),
    )) as unknown as { totpEnabled: boolean };
    expect(reset.totpEnabled).toBe(false);
    // Its sessions ended; the password alone signs in again (the role does not require the factor).
    expect((await as(cookie, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await login('water-b', PASSWORD)).statusCode).toBe(200);
    const entry = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['username', 'target', 'after_json'])
      .where('action', '=', 'user.totp_reset')
      .executeTakeFirst();
    expect(entry?.username).toBe('钟慧敏');
    expect(entry?.target).toContain('water-b');
    expect(entry?.after_json).toContain('经科室负责人确认');
  });

  it('lets a user turn their own second factor off with their password, unless a role of theirs requires it', async () => {
    const enrol = async (username: string) => {
      const cookie = cookieOf(await login(username, PASSWORD));
      const { secret } = (await as(cookie, 'POST', '/api/auth/totp/setup')).json() as { secret: string };
      const app = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
      await ok(
        as(cookie, 'POST', '/api/auth/totp/confirm', {
          code: app.generate({ timestamp: t.clock.now().getTime() }),
        }),
      );
      return cookie;
    };
    // A unit's leader is not among the roles the setting covers: the choice is theirs.
    const leader = await enrol('housing-leader');
    expect((await as(leader, 'GET', '/api/auth/me')).json()).toMatchObject({
      totpEnabled: true,
      totpRequired: false,
    });
    await refused(
      as(leader, 'POST', '/api/auth/totp/disable', { password: 'Not-the-password-1' }),
      400,
      'PASSWORD_WRONG',
    );
    await refused(login('housing-leader', PASSWORD), 401, 'TOTP_REQUIRED');
    const off = await as(leader, 'POST', '/api/auth/totp/disable', { password: PASSWORD });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ totpEnabled: false });
    expect((await login('housing-leader', PASSWORD)).statusCode).toBe(200);
    await refused(
      as(leader, 'POST', '/api/auth/totp/disable', { password: PASSWORD }),
      422,
      'TOTP_NOT_ENABLED',
    );
    expect(await auditActions()).toContain('auth.totp_disabled');

    await t.ctx.settings.setSecurity({ ...(await t.ctx.settings.security()), totpRequired: true });
    try {
      // The security administrator is an administrator like the others: asked for a second factor too.
      expect((await login('secadmin', PASSWORD)).json()).toMatchObject({
        mustEnrolTotp: true,
        totpRequired: true,
      });
      const dispatcher = await enrol('dispatcher');
      await refused(
        as(dispatcher, 'POST', '/api/auth/totp/disable', { password: PASSWORD }),
        422,
        'TOTP_REQUIRED_FOR_ROLE',
      );
      t.clock.advance(60_000);
      await refused(login('dispatcher', PASSWORD), 401, 'TOTP_REQUIRED');
    } finally {
      await t.ctx.settings.setSecurity({ ...(await t.ctx.settings.security()), totpRequired: false });
    }
  });
});
