import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Saved views (issue 13): a user's named filters of an order list, kept to themselves or shared
 * with their unit; and, per user and list, the view the list opens on (the home view).
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await withId(db.schema.createTable('saved_views'))
    .addColumn('owner_user_id', 'integer', (c) => c.notNull())
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('shared', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('saved_views_owner_list_name', ['owner_user_id', 'list', 'name'])
    .execute();
  await db.schema
    .createIndex('saved_views_unit_shared')
    .on('saved_views')
    .columns(['owner_unit_id', 'shared'])
    .execute();

  await db.schema
    .createTable('saved_view_homes')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('view_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('saved_view_homes_pk', ['user_id', 'list'])
    .execute();
}
