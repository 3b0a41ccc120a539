import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connection.js';
import { analyzeIfKept } from './planner-statistics.js';

/**
 * The dispatcher's 进展未报 asks for orders on a unit's clock whose progress report, due under an
 * approved extension, is late. `work_orders_progress_due` is keyed by the instant first (the
 * watcher's range reads), so SQLite took the state index instead and read every open order of the
 * county to find the few under an extension (8 ms to count them at a million orders, 16 ms for the
 * page). This index holds only the orders with a report due, keyed as the tab asks.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await sql`create index if not exists work_orders_progress_missed on work_orders (state, progress_due_at)
    where progress_due_at is not null`.execute(db);
  await analyzeIfKept(db, dialect, 'work_orders_progress_missed');
}
