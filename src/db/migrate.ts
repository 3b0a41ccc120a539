import { Migrator, sql } from 'kysely';
import type { Db } from './connection.js';
import { HuiyinMigrations } from './migrations/index.js';

/** Applies every pending migration; fails loudly, since a half-migrated database must not serve. */
export async function migrateToLatest(db: Db): Promise<void> {
  // On PostgreSQL the migration tables are looked for in the connection's own schema: unqualified,
  // Kysely finds them in any schema of the database (another test file's, another tenant's) and
  // then fails to lock them.
  const schema =
    db.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s
      : undefined;
  // Unordered: migrations written on parallel branches (numbered apart) may land in either order.
  const migrator = new Migrator({
    db: db.kysely,
    provider: new HuiyinMigrations(db.dialect),
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await sortingOnDisk(db, () => migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败：${failed?.migrationName ?? ''} ${String(error ?? '')}`);
  }
}

/**
 * Runs `work` with SQLite's temporary storage in files, as SQLite has it by default. The server
 * keeps it in memory (connection.ts: statement journals), but then SQLite's sorter never spills:
 * a migration that builds an index over a million orders would hold every key in memory at once.
 * Between files and memory SQLite drops only temporary tables, and Huiyin makes none.
 */
export async function sortingOnDisk<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (db.dialect !== 'sqlite') return work();
  await sql`pragma temp_store = file`.execute(db.kysely);
  try {
    return await work();
  } finally {
    await sql`pragma temp_store = memory`.execute(db.kysely);
  }
}
