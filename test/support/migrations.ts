import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { HuiyinMigrations } from '../../src/db/migrations/index.js';

/** The raw tables, for rows written as an older version would have written them. */
export type RawDb = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Brings a fresh database to the schema just before `name`, as an installation that has not yet
 * upgraded: every migration but that one. `migrateToLatest` then runs it on the rows written meanwhile.
 */
export async function migrateAllBut(db: Db, name: string): Promise<RawDb> {
  const all = await new HuiyinMigrations(db.dialect).getMigrations();
  const before: Record<string, Migration> = Object.fromEntries(
    Object.entries(all).filter(([n]) => n !== name),
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
  if (error) throw error;
  return db.kysely as unknown as RawDb;
}

/** An active unit and one account in it, written directly, as rows an older version left. */
export async function oldAccount(raw: RawDb, username: string): Promise<number> {
  let unit = await raw.selectFrom('units').select('id').where('code', '=', 'office').executeTakeFirst();
  unit ??= await raw
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
  const user = await raw
    .insertInto('users')
    .values({
      username,
      name: '老用户',
      unit_id: unit.id,
      roles: '["dispatcher"]',
      phone: '',
      password_hash: 'scrypt$x',
      active: 1,
      created_at: '2025-01-01T00:00:00Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(user.id);
}
