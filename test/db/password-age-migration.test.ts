import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrateAllBut, oldAccount } from '../support/migrations.js';
import { openTestDb, TEST_DIALECT } from '../support/test-app.js';

const THIS = '2026-12-06-passwords-001-age-and-history';

/** An upgrade must not send every existing account to the change step: their passwords count from it. */
describe(`the password age migration on an existing database (${TEST_DIALECT})`, () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDb());
  });
  afterAll(() => drop());

  it('dates the existing accounts’ passwords at the upgrade and adds an empty history', async () => {
    const raw = await migrateAllBut(db, THIS);
    await oldAccount(raw, 'old-hand');

    const start = Date.now();
    await migrateToLatest(db);
    const row = await db.kysely
      .selectFrom('users')
      .select('password_set_at')
      .where('username', '=', 'old-hand')
      .executeTakeFirstOrThrow();
    const setAt = Date.parse(row.password_set_at);
    expect(setAt).toBeGreaterThanOrEqual(start - 1000);
    expect(setAt).toBeLessThanOrEqual(Date.now());
    expect(await db.kysely.selectFrom('password_history').selectAll().execute()).toEqual([]);
  });
});
