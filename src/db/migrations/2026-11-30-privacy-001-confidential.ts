import type { Kysely } from 'kysely';

/**
 * 保密: the citizen asked that the units not learn who they are. Set by the office at
 * registration or later; units then see no name, phone or address (domain/citizen-privacy.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('work_orders')
    .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
