import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/** The Beijing date an order was registered on, so volume by day is a plain GROUP BY on both databases. */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema.alterTable('work_orders').addColumn('created_day', 'text').execute();
  const day =
    dialect === 'postgres'
      ? sql`to_char((created_at::timestamptz at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`
      : sql`strftime('%Y-%m-%d', created_at, '+8 hours')`;
  await sql`update work_orders set created_day = ${day}`.execute(db);
  await db.schema.createIndex('work_orders_created_day').on('work_orders').column('created_day').execute();
}
