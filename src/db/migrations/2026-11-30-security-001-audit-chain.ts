import type { Kysely } from 'kysely';

/**
 * The audit log becomes a tamper-evident chain: each entry carries what was changed (target,
 * before, after), its place in the chain (seq) and an HMAC-SM3 over its content and the previous
 * entry's MAC. A single-row chain head, updated in the same transaction as each append,
 * serializes writers so the chain stays linear under concurrent requests on PostgreSQL.
 * Rows written before this migration are sealed into the chain at start (AuditTrail.sealLegacy).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['target', 'before_json', 'after_json', 'prev_mac', 'mac']) {
    await db.schema.alterTable('audit_log').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
  await db.schema.createIndex('audit_log_seq').unique().on('audit_log').column('seq').execute();
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_chain_head' as never)
    .values({ id: 1, seq: 0, mac: '' } as never)
    .execute();
}
