import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { AuditRepository } from '../../src/db/repositories/audit.repository.js';
import { migrateAllBut, oldAccount, type RawDb } from '../support/migrations.js';
import { openTestDb, TEST_DIALECT } from '../support/test-app.js';

const THIS = '2026-12-10-auth-002-last-logins-from-audit';

/** An account's sign-ins before 上次登录 was kept are in the audit log: the upgrade takes the latest. */
describe(`上次登录 for accounts that signed in before it was kept (${TEST_DIALECT})`, () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDb());
  });
  afterAll(() => drop());

  const logged = (raw: RawDb, userId: number, action: string, at: string, ip: string, detail = '') =>
    raw
      .insertInto('audit_log')
      .values({ at, user_id: userId, username: `u${userId}`, action, detail, ip, target: null })
      .execute();

  it('takes each account’s latest sign-in from the audit log, and keeps a row written since', async () => {
    const raw = await migrateAllBut(db, THIS);
    const early = await oldAccount(raw, 'early-bird');
    const since = await oldAccount(raw, 'signed-in-since');
    const never = await oldAccount(raw, 'never-in');
    await logged(raw, early, 'auth.login', '2026-11-01T01:00:00.000Z', '10.0.0.1');
    await logged(raw, early, 'auth.login', '2026-11-20T01:00:00.000Z', '10.0.0.2');
    await logged(raw, early, 'auth.logout', '2026-11-20T02:00:00.000Z', '10.0.0.2');
    await logged(raw, early, 'auth.login_failed', '2026-11-10T01:00:00.000Z', '10.9.9.9', '密码错误');
    await logged(raw, early, 'auth.login_failed', '2026-11-25T01:00:00.000Z', '10.9.9.9', '密码错误');
    await logged(raw, since, 'auth.login', '2026-11-10T01:00:00.000Z', '10.0.0.3');
    await raw
      .insertInto('last_logins')
      .values({ user_id: since, at: '2026-12-10T01:00:00.000Z', ip: '10.0.0.4' })
      .execute();
    await logged(raw, never, 'auth.login_failed', '2026-11-25T01:00:00.000Z', '10.9.9.9', '密码错误');

    await migrateToLatest(db);
    const rows = await db.kysely.selectFrom('last_logins').selectAll().orderBy('user_id').execute();
    expect(rows).toEqual([
      { user_id: early, at: '2026-11-20T01:00:00.000Z', ip: '10.0.0.2' },
      { user_id: since, at: '2026-12-10T01:00:00.000Z', ip: '10.0.0.4' },
    ]);
    // The failures counted at the next sign-in are those after it, not every one the log holds.
    const audit = new AuditRepository(db.kysely);
    expect(await audit.failedLoginsAfter(early, rows[0]?.at ?? null, ['密码错误'])).toBe(1);
  });
});
