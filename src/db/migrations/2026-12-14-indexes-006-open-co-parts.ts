import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * A co-unit's 协办 asks for its signed parts still owing their opinion. PostgreSQL walked the
 * county's ~8,300 open orders and merged them with all 112,000 of the busiest unit's assignments
 * (20 ms at a million orders); this partial index holds only such parts, and the filter names
 * them (work-order-filter.ts, amongParts), so it starts from the unit's ~2,000 (7 ms). SQLite
 * walks the open orders and probes (3–4 ms) and is given no index, as for wou_unsigned: it would
 * only add a write to every co-unit's signing and opinion.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`create index if not exists wou_co_open on work_order_units (unit_id, order_id)
    where active = 1 and role = 'co' and signed_at is not null and opinion_at is null
      and returned_at is null`.execute(db);
}
