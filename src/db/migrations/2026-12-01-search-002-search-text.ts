import { type Kysely, sql } from 'kysely';

/**
 * Two reads at a million orders (docs/performance.md, issue 14 item 4):
 *
 * - PostgreSQL: the search table keeps each order's text and date beside its bigram index. Until
 *   now it held only the bigrams (1.4 KB an order, 1.5 GB), so a query of three characters and more
 *   read each candidate's order for the LIKE check, and each match's order again for its date: a
 *   place word with a thousand matches made ~2,000 random reads in two large tables (150–300 ms
 *   under load). Now the row the index points at holds the text (title, content and caller's name
 *   joined by chr(1), which no query contains) and the date: the check, the count and the page of
 *   a plain search read this table alone, a third of the size, and no bigram array is stored (the
 *   GIN index is on the expression huiyin_bigrams(body)).
 * - Both: `work_orders_state (state, created_at)` also carries type, channel and urgency, so a list
 *   filtered by state, type, channel and month is counted from the index alone (SQLite read the
 *   month's closed orders one by one: 110–600 ms).
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema.dropIndex('work_orders_state').execute();
  await db.schema
    .createIndex('work_orders_state')
    .on('work_orders')
    .columns(['state', 'created_at', 'type', 'channel', 'urgency'])
    .execute();
  if (dialect === 'sqlite') {
    // A database that has the planner's statistics gets this index's too (one pass over it): an
    // index without them looks selective to SQLite, which then chose it over work_orders_state_handle
    // for a unit's queue and read each open order's row for its deadline.
    const stats = await sql`select 1 from sqlite_master where name = 'sqlite_stat1'`.execute(db);
    if (stats.rows.length > 0) await sql`analyze work_orders_state`.execute(db);
    return;
  }
  await sql`drop trigger work_order_search_sync on work_orders`.execute(db);
  await sql`drop function work_order_search_sync()`.execute(db);
  await sql`drop table work_order_search`.execute(db);
  // A GIN build sorts its entries in memory: the default 64 MB makes it several times slower.
  await sql`set local maintenance_work_mem = '512MB'`.execute(db);
  await sql.raw(SEARCH_TEXT.table).execute(db);
  await sql.raw(SEARCH_TEXT.sync).execute(db);
  await sql.raw(SEARCH_TEXT.backfill).execute(db);
  await sql.raw(SEARCH_TEXT.index).execute(db);
  await sql.raw(SEARCH_TEXT.trigger).execute(db);
  await sql`analyze work_order_search`.execute(db);
}

/**
 * PostgreSQL's search table from this migration on; exported for the bench's bulk loader, which
 * builds it once after loading. `body` is written as the search queries write it
 * (work-order-search.ts: SEARCH_BODY).
 */
export const SEARCH_TEXT = {
  table: `create table work_order_search (
    order_id integer primary key references work_orders (id) on delete cascade,
    created_at text not null,
    body text not null
  )`,
  sync: `create function work_order_search_sync() returns trigger language plpgsql as $$
    begin
      insert into work_order_search (order_id, created_at, body)
      values (new.id, new.created_at, new.title || chr(1) || new.content || chr(1) || new.citizen_name)
      on conflict (order_id) do update set created_at = excluded.created_at, body = excluded.body;
      return null;
    end
  $$`,
  trigger: `create trigger work_order_search_sync
    after insert or update of title, content, citizen_name, created_at
    on work_orders for each row execute function work_order_search_sync()`,
  backfill: `insert into work_order_search (order_id, created_at, body)
    select id, created_at, title || chr(1) || content || chr(1) || citizen_name from work_orders`,
  index: 'create index work_order_search_terms on work_order_search using gin (huiyin_bigrams(body))',
};
