import type { Kysely } from 'kysely';

/**
 * The key a registration form sends with its request (`Idempotency-Key`), kept with the order it
 * registered. When the answer is lost on the way back (the link drops after the server has
 * committed), the desk sends the same form again with the same key and gets the order it already
 * registered, instead of a second one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('registration_requests')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('order_id', 'integer', (c) => c.references('work_orders.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
