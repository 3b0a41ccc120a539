import { type Kysely, sql } from 'kysely';

/**
 * A list of orders (a unit's queue, the office's lists) changes when any order it could hold
 * changes, so a stored list must be able to ask "has any order of this scope changed since I was
 * built?" in one small read (modules/work-orders/stored-lists.ts). `page_stamps` becomes that
 * journal: each order's row now also says which write last changed the order, in `changed`, and
 * every write of the order's own row moves it too (before, only writes that left the version
 * alone did). An index on `changed` finds the orders written since a moment.
 *
 * What "since" means differs by database:
 * - PostgreSQL: the writing transaction's id (xid8). Transactions commit in another order than
 *   they start, so a larger number is not a later commit; a list remembers the snapshot it was
 *   built after and asks for rows whose writer that snapshot did not see (pg_visible_in_snapshot).
 *   Nothing is shared between writers: no counter row serializes them.
 * - SQLite: one writer at a time, so a sequence (the largest value plus one, found by the index)
 *   is the commit order, and "since" is "larger than the largest value read before building".
 */
const CHILD_TABLES = ['work_order_units', 'work_order_events', 'attachments', 'urges'] as const;

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const statements = dialect === 'postgres' ? postgres() : sqlite();
  for (const statement of statements) await sql.raw(statement).execute(db);
}

function sqlite(): string[] {
  const next = '(select coalesce(max(changed), 0) + 1 from page_stamps)';
  const bump = (id: string) =>
    `insert into page_stamps (order_id, stamp, changed) select ${id}, 1, ${next} where ${id} is not null
      on conflict (order_id) do update set stamp = page_stamps.stamp + 1, changed = excluded.changed;`;
  return [
    'alter table page_stamps add column changed integer not null default 0',
    'create index page_stamps_changed on page_stamps (changed)',
    'drop trigger work_orders_page_stamp',
    `create trigger work_orders_page_stamp after update on work_orders begin ${bump('new.id')} end`,
    `create trigger work_orders_page_stamp_insert after insert on work_orders begin ${bump('new.id')} end`,
    ...CHILD_TABLES.flatMap((t) => [
      `drop trigger ${t}_page_stamp_insert`,
      `drop trigger ${t}_page_stamp_delete`,
      `drop trigger ${t}_page_stamp_update`,
      `create trigger ${t}_page_stamp_insert after insert on ${t} begin ${bump('new.order_id')} end`,
      `create trigger ${t}_page_stamp_delete after delete on ${t} begin ${bump('old.order_id')} end`,
      `create trigger ${t}_page_stamp_update after update on ${t} begin
        ${bump('new.order_id')}
        ${bump('case when old.order_id is not new.order_id then old.order_id end')}
      end`,
    ]),
  ];
}

function postgres(): string[] {
  const bump = (id: string) =>
    `insert into page_stamps (order_id, stamp, changed) select ${id}, 1, pg_current_xact_id()
      where ${id} is not null
      on conflict (order_id) do update set stamp = page_stamps.stamp + 1, changed = excluded.changed;`;
  return [
    // Rows already there take this migration's transaction, committed before any list is stored.
    'alter table page_stamps add column changed xid8 not null default pg_current_xact_id()',
    'create index page_stamps_changed on page_stamps (changed)',
    // Every write of the order's row now, inserts too: a new order joins lists.
    'drop trigger work_orders_page_stamp on work_orders',
    `create or replace function huiyin_page_stamp_order() returns trigger language plpgsql as $$
    begin ${bump('new.id')} return null; end $$`,
    `create trigger work_orders_page_stamp after insert or update on work_orders for each row
      execute function huiyin_page_stamp_order()`,
    // The children's trigger keeps its shape; its upsert now records the writer too.
    `create or replace function huiyin_page_stamp_child() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then ${bump('old.order_id')} end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.order_id is distinct from old.order_id) then
        ${bump('new.order_id')}
      end if;
      return null;
    end $$`,
  ];
}
