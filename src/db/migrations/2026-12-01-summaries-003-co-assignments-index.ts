import type { Kysely } from 'kysely';

/**
 * 协办收件 (co-unit assignments made in a period, per unit) was the last unit figure that read
 * the whole assignments table (150–350 ms at 1M orders): this index serves it from the period's
 * co-unit rows alone (StatisticsRepository.coReceived).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('wou_role_dispatched')
    .on('work_order_units')
    .columns(['role', 'dispatched_at', 'unit_id'])
    .execute();
}
