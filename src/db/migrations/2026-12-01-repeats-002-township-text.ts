import { type Kysely, sql } from 'kysely';

/** How much of the content the repeat check compares: the title and the start say what it is about. */
export const REPEAT_TEXT_PREFIX = 200;

/** The compared text as SQL: the generated column's expression, and SQLite's index expression. */
export const REPEAT_TEXT_SQL = `title || ' ' || substr(content, 1, ${REPEAT_TEXT_PREFIX})`;

/** Columns the database computes: never written by the application, the generator or a copy. */
export const GENERATED_ORDER_COLUMNS: readonly string[] = ['repeat_text'];

/**
 * The repeat check compares a new call with a township's recent orders (issue 12: under 100 ms
 * at 1M orders). Reading those orders' rows was most of its time: a few thousand rows scattered
 * through a table of a million. The text it compares is now a column the database keeps
 * (generated from the title and the start of the content, so nothing can forget to update it),
 * and the township index carries it, so the comparison reads the index alone.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // SQLite can add only a virtual generated column, and reads an index on one as a pointer to
  // the row; an index on the expression itself it reads alone (SQLite 3.41+), so that is the
  // index there, and the repository asks SQLite for the expression (repeat.repository.ts).
  const kind = dialect === 'postgres' ? 'stored' : 'virtual';
  await sql
    .raw(
      `alter table work_orders add column repeat_text text generated always as (${REPEAT_TEXT_SQL}) ${kind}`,
    )
    .execute(db);
  await sql
    .raw(
      dialect === 'postgres'
        ? 'create index work_orders_township_text on work_orders (township_unit_id, created_at) include (state, id, repeat_text)'
        : `create index work_orders_township_text on work_orders (township_unit_id, created_at, state, (${REPEAT_TEXT_SQL}))`,
    )
    .execute(db);
  // The new index starts with the same columns: the old one only costs writes.
  await db.schema.dropIndex('work_orders_township_created').execute();
}
