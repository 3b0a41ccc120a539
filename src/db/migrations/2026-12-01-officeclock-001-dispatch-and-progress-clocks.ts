import type { Kysely } from 'kysely';

/**
 * The office's own clock (第一时间分发) and progress under extension (随时报告办理进展情况):
 * the dispatch deadline and its warning instant, the progress report due under an approved
 * extension, and the marks the deadline watcher claims once for each. Orders registered before
 * this migration have no dispatch deadline (the office's limit did not exist when they came in).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of [
    'dispatch_by',
    'dispatch_warn_at',
    'dispatch_overdue_marked_for',
    'progress_due_at',
    'progress_missed_for',
  ]) {
    await db.schema.alterTable('work_orders').addColumn(column, 'text').execute();
  }
  // The dispatcher's queue by dispatch deadline; the watcher's and the figures' range reads.
  await db.schema
    .createIndex('work_orders_state_dispatch')
    .on('work_orders')
    .columns(['state', 'dispatch_by'])
    .execute();
  await db.schema.createIndex('work_orders_dispatch_by').on('work_orders').column('dispatch_by').execute();
  await db.schema
    .createIndex('work_orders_progress_due')
    .on('work_orders')
    .columns(['progress_due_at', 'state'])
    .execute();
}
