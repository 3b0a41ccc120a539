import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Two facts on every timeline event, so that the figures are plain GROUP BY queries that run
 * the same on SQLite and PostgreSQL (no JSON functions): the unit the event concerns (the lead
 * unit at the time, or the co-unit for co-unit events) and its outcome (on time or late, the
 * callback result, the redo reasons). Existing events are filled in from the orders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_order_events').addColumn('unit_id', 'integer').execute();
  await db.schema.alterTable('work_order_events').addColumn('outcome', 'text').execute();
  await sql`update work_order_events set unit_id = (select lead_unit_id from work_orders where work_orders.id = work_order_events.order_id)`.execute(
    db,
  );
  await db.schema
    .createIndex('events_unit_type_at')
    .on('work_order_events')
    .columns(['unit_id', 'type', 'at'])
    .execute();
}
