import { type Kysely, sql } from 'kysely';

/**
 * A co-unit's own 预警 (co_unit_due_soon): the deadline watcher tells a co-unit still owing its
 * opinion when less than the due-soon window is left, as it tells the lead of its handling
 * deadline. The co-unit's part holds the deadline it was warned for, so each warning is claimed
 * once (one conditional update) and a deadline moved afterwards (an earlier city deadline) is
 * warned again. Parts open when this runs are warned on the watcher's next round if already due soon.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table work_order_units add column due_soon_marked_for text`.execute(db);
}
