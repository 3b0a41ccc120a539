import type { Kysely } from 'kysely';

/**
 * The last sign-in shown at the next (上次登录): each account's latest sign-in in a table of its
 * own (not on `users`, whose changes make every process drop the user's cached sessions), and each
 * session what preceded it, with the failed attempts in between; the audit log's failures are
 * counted per account, so they are indexed by account and time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('last_logins')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.alterTable('sessions').addColumn('previous_login_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('previous_login_ip', 'text').execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('failed_logins_before', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('audit_log_user_at').on('audit_log').columns(['user_id', 'at']).execute();
}
