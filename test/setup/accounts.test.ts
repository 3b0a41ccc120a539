import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAdministrator,
  firstAdministrators,
  resetAccount,
  setAccountActive,
} from '../../src/setup/accounts.js';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/** The one-time passwords printed by the command line, by login name. */
function printedPasswords(stdout: string): Map<string, string> {
  const lines = [...stdout.matchAll(/^ {2}([\w-]+)(.+?) {2}一次性密码：(\S+)$/gmu)];
  return new Map(lines.map((m) => [m[1] as string, m[3] as string]));
}

describe(`the operator's account commands on a county's own database (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', {}, { organization: false });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('the first three administrators, in the hotline office, each with a one-time password to change', async () => {
    const issued = await firstAdministrators(t.ctx);
    expect(issued.map((a) => [a.username, a.role])).toEqual([
      ['admin', '系统管理员'],
      ['secadmin', '安全管理员'],
      ['auditor', '审计管理员'],
    ]);
    expect(new Set(issued.map((a) => a.password)).size).toBe(3);
    for (const a of issued) {
      expect(a.password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      expect(a.expiresAt).toBe('2026-03-05T01:00:00.000Z');
    }
    const admin = issued[0] as (typeof issued)[number];
    const signedIn = await login('admin', admin.password);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json()).toMatchObject({ mustChangePassword: true });
    const cookie = signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    await refused(
      t.app.inject({ method: 'GET', url: '/api/units', headers: { cookie } }),
      403,
      'PASSWORD_CHANGE_REQUIRED',
    );
    const units = await t.ctx.db.kysely.selectFrom('units').select(['name', 'kind']).execute();
    expect(units).toEqual([{ name: '县市民服务热线办公室', kind: 'hotline_office' }]);
    // Once any administrator exists, never again: the security administrator creates accounts.
    await expect(firstAdministrators(t.ctx)).rejects.toThrow('已有管理员账号（admin、secadmin、auditor）');
    expect(await t.ctx.db.kysely.selectFrom('users').select('id').execute()).toHaveLength(3);
  });

  it('resets an administrator nobody in the system may reset: new password, second factor, lockout, sessions', async () => {
    const before = await resetAccount(t.ctx, 'auditor', { totp: false });
    const session = await login('auditor', before.password);
    const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    for (let i = 0; i < 5; i++) await login('auditor', `Wrong-guess-${i}`);
    await refused(login('auditor', before.password), 401, 'ACCOUNT_LOCKED');
    await t.ctx.db.kysely
      .updateTable('users')
      .set({ totp_enabled_at: '2026-03-01T00:00:00.000Z', totp_secret: 'JBSWY3DPEHPK3PXP' })
      .where('username', '=', 'auditor')
      .execute();

    const issued = await resetAccount(t.ctx, 'auditor', { totp: true });
    expect(issued.role).toBe('审计管理员');
    await refused(login('auditor', before.password), 401, 'LOGIN_FAILED');
    expect((await login('auditor', issued.password)).json()).toMatchObject({
      mustChangePassword: true,
      totpEnabled: false,
    });
    await refused(
      t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
      401,
      'UNAUTHENTICATED',
    );
    const log = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'username', 'target', 'detail'])
      .where('action', 'in', ['user.password_reset', 'user.totp_reset'])
      .execute();
    // The log says a one-time password was issued and until when, never what it is.
    expect(log[1]?.detail).toMatch(/^系统生成一次性初始密码，北京时间 .+ 前有效（密码不记录）$/);
    expect(JSON.stringify(log)).not.toContain(issued.password);
    expect(log.map((e) => [e.action, e.username])).toEqual([
      ['user.password_reset', '服务器命令行'],
      ['user.password_reset', '服务器命令行'],
      ['user.totp_reset', '服务器命令行'],
    ]);
    await expect(resetAccount(t.ctx, 'nobody', { totp: false })).rejects.toThrow(
      '没有登录名为 nobody 的账号',
    );
    await ok(t.app.inject({ method: 'GET', url: '/api/health' }));
  });

  it('adds a successor administrator and switches one off, which the application may not do', async () => {
    const deputy = await addAdministrator(t.ctx, 'secadmin2', '钟慧敏', 'security');
    expect(deputy.role).toBe('安全管理员');
    const signedIn = await login('secadmin2', deputy.password);
    expect(signedIn.json()).toMatchObject({ mustChangePassword: true, roles: ['security_admin'] });
    await expect(addAdministrator(t.ctx, 'secadmin2', '某某', 'audit')).rejects.toThrow('已被使用');
    await expect(addAdministrator(t.ctx, 'boss', '某某', 'root')).rejects.toThrow('管理员种类须为');

    const cookie = signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    await setAccountActive(t.ctx, 'secadmin2', false);
    await refused(
      t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
      401,
      'UNAUTHENTICATED',
    );
    await refused(login('secadmin2', deputy.password), 401, 'LOGIN_FAILED');
    await setAccountActive(t.ctx, 'secadmin2', true);
    expect((await login('secadmin2', deputy.password)).statusCode).toBe(200);
    const log = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'username', 'after_json'])
      .where('target', 'like', '%secadmin2')
      .orderBy('id')
      .execute();
    expect(log.map((e) => [e.action, e.username])).toEqual([
      ['user.created', '服务器命令行'],
      ['user.updated', '服务器命令行'],
      ['user.updated', '服务器命令行'],
    ]);
  });
});

describe('the command line prints what the operator hands over (SQLite file)', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-accounts-'));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'county.db')}`,
    AUDIT_KEY_FILE: join(dir, 'audit.key'),
    UPLOADS_DIR: join(dir, 'uploads'),
  };
  const cli = (...args: string[]) =>
    run('npx', ['tsx', 'src/setup/cli.ts', ...args], { env }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('first-admins once, then account-reset; a second first-admins is refused', async () => {
    const first = await cli('first-admins');
    expect([...printedPasswords(first.stdout).keys()]).toEqual(['admin', 'secadmin', 'auditor']);
    expect(first.stdout).toMatch(/须在北京时间 \d{4}-\d\d-\d\d \d\d:\d\d 前（72 小时内）登录并修改密码/);
    const again = await cli('first-admins');
    expect('code' in again && again.code).toBe(1);
    expect(again.stderr).toContain('已有管理员账号');
    const reset = await cli('account-reset', 'secadmin', '--totp');
    expect(reset.stdout).toContain('已重置 secadmin 的密码和两步验证');
    const [password] = [...printedPasswords(reset.stdout).values()];
    expect(password).not.toBe(printedPasswords(first.stdout).get('secadmin'));
    const added = await cli('account-admin', 'auditor2', '谢文静', 'audit');
    expect([...printedPasswords(added.stdout).keys()]).toEqual(['auditor2']);
    const off = await cli('account-active', 'auditor', 'off');
    expect(off.stdout).toContain('auditor 已停用');
  }, 90_000);
});
