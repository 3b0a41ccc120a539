import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

/** Spaces and punctuation left out; full-width digits written the ASCII way. */
const IGNORED_IN_PLACES = [...' \u3000\t\n\r-－—,，.。、;；:：()（）#＃'];
const PLACE_KEY_REPLACEMENTS: ReadonlyArray<readonly [string, string]> = [
  ...IGNORED_IN_PLACES.map((c) => [c, ''] as const),
  ...[...'０１２３４５６７８９'].map((c, i) => [c, String(i)] as const),
];
const PLACE_KEY_MIN_LENGTH = 6;

/**
 * Repeats and clusters (issue 12): each order keeps the key of its address (the place, typed
 * any way), the order the office linked it to as a repeat, and the cluster it belongs to.
 * Indexes let the detector read only the same phone, the same place and the same township's
 * recent orders.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await db.schema
    .alterTable('work_orders')
    .addColumn('place_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('work_orders').addColumn('repeat_of_id', 'integer').execute();
  await db.schema.alterTable('work_orders').addColumn('cluster_id', 'integer').execute();

  // The key as the domain computed it then, as SQL, for the orders already there (the rule of
  // 2026-11-30, kept here as it was: 2026-12-06-repeats-003 keys every address again by today's).
  let key = 'citizen_address';
  for (const [from, to] of PLACE_KEY_REPLACEMENTS) key = `replace(${key}, '${from}', '${to}')`;
  await sql
    .raw(
      `update work_orders set place_key = case when length(${key}) >= ${PLACE_KEY_MIN_LENGTH} then ${key} else '' end`,
    )
    .execute(db);

  await db.schema
    .createIndex('work_orders_place')
    .on('work_orders')
    .columns(['place_key', 'created_at'])
    .execute();
  await db.schema
    .createIndex('work_orders_township_created')
    .on('work_orders')
    .columns(['township_unit_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('work_orders_phone_created')
    .on('work_orders')
    .columns(['citizen_phone', 'created_at'])
    .execute();

  await withId(db.schema.createTable('order_clusters'))
    .addColumn('township_unit_id', 'integer')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('first_order_id', 'integer', (c) => c.notNull())
    .addColumn('order_count', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('alerted_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();
}
