import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * The supervision office's home counts its 督办中, 已报县领导 and 督办办结 each time it opens. Nothing
 * indexed the escalation columns, so at a million orders each count read the whole table (1.0–1.4 s
 * on SQLite, the page as much again) for the few dozen orders ever escalated. One partial index of
 * the escalated orders serves the three: the lists of those reported and concluded say
 * `escalated_at is not null` too (an escalation is reported or concluded only once it exists), so
 * that both databases may use it. Keyed by the lists' default order (newest first): with none
 * escalated, a page in that order walked the whole table looking for its first row.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index if not exists work_orders_escalated on work_orders (created_at, id)
    where escalated_at is not null`.execute(db);
}
