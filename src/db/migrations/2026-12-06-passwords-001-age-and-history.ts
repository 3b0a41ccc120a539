import type { Kysely } from 'kysely';

/**
 * 口令定期更换 (等保 2.0 身份鉴别): when each account's password was set, for its maximum age, and
 * the hashes of the passwords a user chose before, so a new one cannot be an old one again.
 *
 * Existing accounts count from the upgrade (the column's default is the migration's time): nobody
 * is made to change a password the moment the new version starts. Code always writes the column.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const upgradedAt = new Date().toISOString();
  await db.schema
    .alterTable('users')
    .addColumn('password_set_at', 'text', (c) => c.notNull().defaultTo(upgradedAt))
    .execute();

  const table = db.schema.createTable('password_history');
  await (dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    // The same scrypt hash as users.password_hash: a new password is verified against each.
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('password_history_user')
    .on('password_history')
    .columns(['user_id', 'id'])
    .execute();
}
