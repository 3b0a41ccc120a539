import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * The office's 延期待批 (list filter `pendingExtension`, a tab of the dispatcher's home and counted
 * every time it opens) asks for the orders with an extension request waiting. Nothing indexed
 * `pending_extension`, so at a million orders both databases read the whole table for a few dozen
 * rows (1.1 s on SQLite). The partial index holds only the waiting requests: a request adds the
 * row, a decision removes it. Keyed by the list's default order (newest first), so that a page
 * in that order reads the index alone, however few or many the requests.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index if not exists work_orders_pending_extension on work_orders (created_at, id)
    where pending_extension is not null`.execute(db);
}
