import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { HuiyinMigrations } from '../../src/db/migrations/index.js';
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
    const all = await new HuiyinMigrations(db.dialect).getMigrations();
    const before: Record<string, Migration> = Object.fromEntries(
      Object.entries(all).filter(([name]) => name !== THIS),
    );
    const schema =
      db.dialect === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s
        : undefined;
    const earlier = new Migrator({
      db: db.kysely,
      provider: { getMigrations: async () => before },
      allowUnorderedMigrations: true,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await earlier.migrateToLatest();
    expect(error).toBeUndefined();
    const raw = db.kysely as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const unit = await raw
      .insertInto('units')
      .values({
        code: 'office',
        name: '热线办',
        kind: 'hotline_office',
        remit: '',
        active: 1,
        created_at: '2025-01-01T00:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await raw
      .insertInto('users')
      .values({
        username: 'old-hand',
        name: '老用户',
        unit_id: unit.id,
        roles: '["dispatcher"]',
        phone: '',
        password_hash: 'scrypt$x',
        active: 1,
        created_at: '2025-01-01T00:00:00Z',
      })
      .execute();

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
