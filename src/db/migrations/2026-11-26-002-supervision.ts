import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Section 三 of the notice and the AB roles of section 四: deadline marks recorded once,
 * notifications and their deliveries, urges, phone supervision, escalation, bulletins.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  // The deadline each mark was made for: a new deadline (extension, redo) can be marked again.
  for (const column of [
    'due_soon_marked_for',
    'overdue_marked_for',
    'sign_overdue_marked_for',
    'escalated_at',
    'escalation_reported_at',
    'escalation_concluded_at',
  ]) {
    await db.schema.alterTable('work_orders').addColumn(column, 'text').execute();
  }
  for (const column of ['urge_count', 'phone_supervision_count']) {
    await db.schema
      .alterTable('work_orders')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.schema.alterTable('users').addColumn('email', 'text').execute();

  await withId(db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('order_id', 'integer', (c) => c.references('work_orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();

  await withId(db.schema.createTable('deliveries'))
    .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('deliveries_due')
    .on('deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await withId(db.schema.createTable('urges'))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('auto', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('read_at', 'text')
    .addColumn('read_by', 'integer')
    .execute();
  await db.schema.createIndex('urges_order').on('urges').column('order_id').execute();
  await db.schema.createIndex('urges_unit').on('urges').columns(['unit_id', 'read_at']).execute();

  await withId(db.schema.createTable('bulletins'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer')
    .execute();
}
