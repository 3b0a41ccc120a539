import type { Kysely } from 'kysely';

/**
 * A co-unit may return its part (协办回退). Its assignment ends, and when it did so is kept, so
 * the unit can still read what it returned (read only) and is never counted late afterwards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_order_units').addColumn('returned_at', 'text').execute();
}
