import type { CreateTableBuilder, Kysely } from 'kysely';

/** The first schema: organization, calendar, categories, settings, work orders and their timeline. */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // The only dialect difference: how an auto-incremented key is declared.
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await withId(db.schema.createTable('units'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('remit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('unit_registrations')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
    .addColumn('leader_in_charge', 'text', (c) => c.notNull())
    .addColumn('liaison_a', 'text', (c) => c.notNull())
    .addColumn('liaison_b', 'text', (c) => c.notNull())
    .addColumn('remarks', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('filled_by', 'text', (c) => c.notNull())
    .addColumn('filled_by_phone', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();

  await withId(db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('liaison_slot', 'text')
    .addColumn('away_from', 'text')
    .addColumn('away_until', 'text')
    .addColumn('away_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_unit').on('users').column('unit_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .execute();

  await withId(db.schema.createTable('categories'))
    .addColumn('level1', 'text', (c) => c.notNull())
    .addColumn('level2', 'text', (c) => c.notNull())
    .addColumn('level3', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('categories_levels', ['level1', 'level2', 'level3'])
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('work_orders'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('city_order_no', 'text', (c) => c.unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('citizen_name', 'text', (c) => c.notNull())
    .addColumn('citizen_phone', 'text', (c) => c.notNull())
    .addColumn('citizen_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('township_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('leader_instruction', 'text')
    .addColumn('leader_deadline', 'text')
    .addColumn('needs_citizen_reply', 'integer', (c) => c.notNull())
    .addColumn('city_deadline', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('dispatched_at', 'text')
    .addColumn('sign_by', 'text')
    .addColumn('return_by', 'text')
    .addColumn('handle_by', 'text')
    .addColumn('co_unit_by', 'text')
    .addColumn('warn_at', 'text')
    .addColumn('state_before_return', 'text')
    .addColumn('pending_extension', 'text')
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('redo_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('callback_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_callback_result', 'text')
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('void_reason', 'text')
    .addColumn('merged_into_id', 'integer')
    .addColumn('registered_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ['work_orders_state', ['state', 'created_at']],
    ['work_orders_lead_state', ['lead_unit_id', 'state']],
    ['work_orders_handle_by', ['handle_by']],
    ['work_orders_created', ['created_at']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('work_orders')
      .columns([...columns])
      .execute();
  }

  await withId(db.schema.createTable('work_order_units'))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('dispatched_at', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'integer')
    .addColumn('opinion_at', 'text')
    .addColumn('silent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('wou_order').on('work_order_units').column('order_id').execute();
  await db.schema
    .createIndex('wou_unit_active')
    .on('work_order_units')
    .columns(['unit_id', 'active'])
    .execute();

  await withId(db.schema.createTable('work_order_events'))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_unit_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_order').on('work_order_events').columns(['order_id', 'id']).execute();
  await db.schema.createIndex('events_type_at').on('work_order_events').columns(['type', 'at']).execute();

  await withId(db.schema.createTable('attachments'))
    .addColumn('order_id', 'integer', (c) => c.references('work_orders.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_order').on('attachments').column('order_id').execute();

  await withId(db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();
}
