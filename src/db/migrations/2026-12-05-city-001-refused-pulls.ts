import type { Kysely } from 'kysely';

/**
 * City orders read from the city's order list that could not be registered (a phone that is no
 * phone, a missing title). The cursor moves past them with their page, so the list never offers
 * them again: each is kept here, with why and what it said, for the office to register by hand or
 * take up with the city, until the office marks it handled or the order arrives registered.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const table = db.schema.createTable('city_refused_orders');
  await (dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('city_order_no', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('seen_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema
    .createIndex('city_refused_orders_open')
    .on('city_refused_orders')
    .columns(['city_order_no', 'resolved_at'])
    .execute();
}
