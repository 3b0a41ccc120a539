import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * A SQLite database that keeps the planner's statistics gets a new index's too (one pass over it):
 * an index without them looks selective to SQLite, which may then choose it over a better one.
 * A database never analyzed stays so (its plans come from SQLite's rules alone); PostgreSQL's
 * autovacuum analyzes on its own.
 */
export async function analyzeIfKept(db: Kysely<unknown>, dialect: DialectName, index: string): Promise<void> {
  if (dialect !== 'sqlite') return;
  const stats = await sql`select 1 from sqlite_master where name = 'sqlite_stat1'`.execute(db);
  if (stats.rows.length > 0) await sql`analyze ${sql.id(index)}`.execute(db);
}
