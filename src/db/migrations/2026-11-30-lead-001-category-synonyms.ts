import type { Kysely } from 'kysely';

/** Words people use for a category that its names do not contain (「排水」 for 基础设施), set by the office. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('categories')
    .addColumn('synonyms', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}
