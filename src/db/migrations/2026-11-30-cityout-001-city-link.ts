import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * The city link's outbound side (issue 10): results waiting to go back to the city (an outbox
 * written in the same transaction as the change), the cursors of the order-list poll, and the
 * reconciliation reports.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await withId(db.schema.createTable('city_outbox'))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    // Per order, 1, 2, 3 …: a later event waits until the earlier one is delivered.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending → sending (leased) → sent; or back to pending later; or dead after the last attempt.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('dead_since', 'text')
    .execute();
  await db.schema
    .createIndex('city_outbox_order_seq')
    .on('city_outbox')
    .columns(['order_id', 'seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('city_outbox_due')
    .on('city_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('city_sync_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('polled_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('city_reconciliations'))
    // 'daily:YYYY-MM-DD' for the scheduled run (unique: one process runs it), 'manual:<id>' on demand.
    .addColumn('run_key', 'text', (c) => c.notNull().unique())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('started_by', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('compared', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
