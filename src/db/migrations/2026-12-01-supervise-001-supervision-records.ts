import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * 现场督办 and 跟踪督办 records on an order (notice section 三): on-site visits, and tracking
 * supervisions with their follow-ups. Each concerns one unit handling the order, so a unit can
 * be shown the records about itself only.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await withId(db.schema.createTable('supervision_visits'))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('visitors', 'text', (c) => c.notNull())
    .addColumn('met_with', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_visits_order')
    .on('supervision_visits')
    .column('order_id')
    .execute();

  await withId(db.schema.createTable('supervision_trackings'))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('checkpoints', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'integer', (c) => c.notNull())
    .addColumn('started_by_name', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by_name', 'text')
    .addColumn('conclusion', 'text')
    .execute();
  await db.schema
    .createIndex('supervision_trackings_order')
    .on('supervision_trackings')
    .column('order_id')
    .execute();

  await withId(db.schema.createTable('supervision_follow_ups'))
    .addColumn('tracking_id', 'integer', (c) => c.notNull().references('supervision_trackings.id'))
    .addColumn('followed_at', 'text', (c) => c.notNull())
    .addColumn('checkpoint', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_follow_ups_tracking')
    .on('supervision_follow_ups')
    .column('tracking_id')
    .execute();
}
