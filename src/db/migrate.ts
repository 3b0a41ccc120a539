import { Migrator } from 'kysely';
import type { Db } from './connection.js';
import { HuiyinMigrations } from './migrations/index.js';

/** Applies every pending migration; fails loudly, since a half-migrated database must not serve. */
export async function migrateToLatest(db: Db): Promise<void> {
  // Unordered: migrations written on parallel branches (numbered apart) may land in either order.
  const migrator = new Migrator({
    db: db.kysely,
    provider: new HuiyinMigrations(db.dialect),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库迁移失败:${failed?.migrationName ?? ''} ${String(error ?? '')}`);
  }
}
