import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connection.js';
import { analyzeIfKept } from './planner-statistics.js';

/**
 * The lead tabs of a unit ask for the orders it leads in a state and then by their deadline (预警,
 * 超期, the queue's order) or their urgency (待阅批). `work_orders_lead_state (lead_unit_id, state)`
 * served the first two keys only, and at a million orders both databases went elsewhere for the
 * rest: PostgreSQL found state and urgency together in `work_orders_state` and then used the lead
 * index for the unit alone (a bitmap of all 102,669 orders the busiest unit ever led, 14–20 ms for
 * 待阅批); SQLite with the planner's statistics took `work_orders_state_handle` for 预警 and read
 * the county's open orders (7.5 ms against 0.6). With the deadline and the urgency as third and
 * fourth keys the one index answers each of them; the other lead tabs read its first two.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await sql`drop index if exists work_orders_lead_state`.execute(db);
  await sql`create index work_orders_lead_state
    on work_orders (lead_unit_id, state, handle_by, urgency)`.execute(db);
  await analyzeIfKept(db, dialect, 'work_orders_lead_state');
}
