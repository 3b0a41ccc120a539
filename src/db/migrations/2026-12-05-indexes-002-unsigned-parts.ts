import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * A unit's 待签收 (list filter `toSign`) asks for its active parts not yet signed for. PostgreSQL
 * read every active part of the busiest unit (16,693 at 1M orders) to find its 420 unsigned ones
 * (18 ms warm, 395 ms cold); this partial index holds only the unsigned ones. SQLite walks the
 * open orders by state and probes `wou_unit_order` for each (4–15 ms at 1M), and does not choose a
 * partial index there, so it gets none: it would only add a write to every dispatch and signing.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`create index if not exists wou_unsigned on work_order_units (unit_id, order_id)
    where active = 1 and signed_at is null and returned_at is null`.execute(db);
}
