import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the lists, the search and the statistics at a city's scale (millions of orders),
 * measured with `npm run bench` (docs/performance.md).
 *
 * Keyword search finds substrings, and Chinese search words are mostly two characters long,
 * too short for trigram indexes. So both dialects index character bigrams, and the query keeps
 * its LIKE conditions as the exact test; the bigram index only narrows the rows to test:
 * - SQLite: an FTS5 table of each order's title, content and caller's name written as
 *   space-separated bigrams, kept by triggers (plain SQL, so any client writing the database
 *   keeps it right). A search is then a phrase of the query's bigrams.
 * - PostgreSQL: a GIN index on the set of bigrams of the same text, through an immutable SQL
 *   function; a search asks for rows whose set contains the query's.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // A unit's orders: the scope subquery reads only this index.
  await db.schema.dropIndex('wou_unit_active').execute();
  await db.schema
    .createIndex('wou_unit_order')
    .on('work_order_units')
    .columns(['unit_id', 'active', 'order_id'])
    .execute();
  // A queue sorted by deadline; the search by phone number.
  await db.schema
    .createIndex('work_orders_state_handle')
    .on('work_orders')
    .columns(['state', 'handle_by', 'id'])
    .execute();
  await db.schema.createIndex('work_orders_phone').on('work_orders').column('citizen_phone').execute();
  // Lists by date and the statistics of a period read this index alone, not the wide rows.
  await db.schema.dropIndex('work_orders_created').execute();
  await db.schema
    .createIndex('work_orders_report')
    .on('work_orders')
    .columns([
      'created_at',
      'state',
      'type',
      'channel',
      'urgency',
      'lead_unit_id',
      'last_callback_result',
      'replied_at',
      'handle_by',
    ])
    .execute();

  if (dialect === 'postgres') {
    await sql.raw(POSTGRES_SEARCH.bigrams).execute(db);
    await sql.raw(POSTGRES_SEARCH.table).execute(db);
    await sql.raw(POSTGRES_SEARCH.sync).execute(db);
    await sql.raw(POSTGRES_SEARCH.trigger).execute(db);
    await sql.raw(POSTGRES_SEARCH.backfill).execute(db);
    await sql.raw(POSTGRES_SEARCH.index).execute(db);
    return;
  }

  await sql`
    create virtual table work_order_search using fts5(
      title, content, citizen_name,
      tokenize = 'ascii', content = '', contentless_delete = 1
    )`.execute(db);
  for (const statement of Object.values(SQLITE_SEARCH_TRIGGERS)) await sql.raw(statement).execute(db);
  await sql
    .raw(
      `insert into work_order_search (rowid, title, content, citizen_name) select ${searchRow('o')} from work_orders o`,
    )
    .execute(db);
}

/** An order's text as the search index holds it: characters two by two, space-separated. */
const bigrams = (column: string) =>
  `(select group_concat(substr(${column}, key + 1, 2), ' ' order by key) from json_each(` +
  `'[' || rtrim(replace(hex(zeroblob(max(length(${column}) - 1, 1))), '00', '0,'), ',') || ']'))`;
const searchRow = (alias: string) =>
  `${alias}.id, ${bigrams(`${alias}.title`)}, ${bigrams(`${alias}.content`)}, ${bigrams(`${alias}.citizen_name`)}`;

/** The SQLite triggers that keep the search index; exported so that a bulk loader may pause one. */
export const SQLITE_SEARCH_TRIGGERS = {
  work_order_search_insert: `create trigger work_order_search_insert after insert on work_orders begin
      insert into work_order_search (rowid, title, content, citizen_name) values (${searchRow('new')});
    end`,
  work_order_search_update: `create trigger work_order_search_update after update of title, content, citizen_name on work_orders begin
      delete from work_order_search where rowid = old.id;
      insert into work_order_search (rowid, title, content, citizen_name) values (${searchRow('new')});
    end`,
  work_order_search_delete: `create trigger work_order_search_delete after delete on work_orders begin
      delete from work_order_search where rowid = old.id;
    end`,
};

/** What the insert trigger computes, in JavaScript (code points, as SQLite's substr counts). */
export function searchBigrams(text: string): string {
  const chars = Array.from(text);
  if (chars.length < 2) return text;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push((chars[i] as string) + (chars[i + 1] as string));
  return out.join(' ');
}

/**
 * PostgreSQL's search index: the bigrams of each order's text in a table of their own (so the
 * workflow's updates of an order never rewrite them), kept by a trigger, with a GIN index.
 * Characters are paired by zipping the character array with itself shifted by one: substr()
 * would cost O(n) per call on UTF-8 text. Exported so that a bulk loader may build it after
 * loading.
 */
export const POSTGRES_SEARCH = {
  bigrams: `create function huiyin_bigrams(s text) returns text[]
    language sql immutable strict parallel safe
    as $$
      select coalesce(array_agg(a || b) filter (where b is not null), '{}')
      from unnest(string_to_array(s, null), (string_to_array(s, null))[2:]) as t(a, b)
    $$`,
  table: `create table work_order_search (
    order_id integer primary key references work_orders (id) on delete cascade,
    terms text[] not null
  )`,
  sync: `create function work_order_search_sync() returns trigger language plpgsql as $$
    begin
      insert into work_order_search (order_id, terms)
      values (new.id, huiyin_bigrams(new.title || chr(1) || new.content || chr(1) || new.citizen_name))
      on conflict (order_id) do update set terms = excluded.terms;
      return null;
    end
  $$`,
  trigger: `create trigger work_order_search_sync after insert or update of title, content, citizen_name
    on work_orders for each row execute function work_order_search_sync()`,
  backfill: `insert into work_order_search (order_id, terms)
    select id, huiyin_bigrams(title || chr(1) || content || chr(1) || citizen_name) from work_orders`,
  index: 'create index work_order_search_terms on work_order_search using gin (terms)',
};
