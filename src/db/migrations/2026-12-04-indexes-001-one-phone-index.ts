import type { Kysely } from 'kysely';

/**
 * `work_orders_phone (citizen_phone)` is the first column of `work_orders_phone_created
 * (citizen_phone, created_at)`, which the repeat check added later: every lookup by phone (the
 * search's key lookup, the repeat check, a caller's history) reads the wider index as well. The
 * narrow one was only written: on every registration on both databases, and on PostgreSQL at every
 * update of an order that is not HOT (a change of state is not), which writes an entry into each of
 * the order's indexes. `test/db/phone-lookup-plan.test.ts` checks that the lookups still use an index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('work_orders_phone').ifExists().execute();
}
