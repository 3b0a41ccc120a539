import type { Kysely } from 'kysely';

/** Words people use for a unit that its name does not contain (「住建」「房管」 for 县住建局), set by the office. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('units')
    .addColumn('synonyms', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}
