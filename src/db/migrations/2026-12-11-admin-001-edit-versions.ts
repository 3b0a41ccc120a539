import { type Kysely, sql } from 'kysely';

/**
 * A version on what administrators edit in forms (units, users, categories): a form saves only
 * over the version it was opened on, so a second tab or a colleague's save is refused (409)
 * instead of silently undoing the first (the office found two tabs each answering 「已保存」 while
 * the second put back what the first had changed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['units', 'users', 'categories'])
    await sql`alter table ${sql.table(table)} add column version integer not null default 1`.execute(db);
}
