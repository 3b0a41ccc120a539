import type { Kysely } from 'kysely';

/**
 * How the pulls of the city's order list went (domain/city-poll.ts): runs of polls with the same
 * outcome and reason, the latest few kept, so the office and the administrator see a refused or
 * failing poll, with its reason, and not only the service log.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const table = db.schema.createTable('city_poll_runs');
  await (dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addColumn('polls', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused_orders', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
