import { type Kysely, sql } from 'kysely';

/**
 * What an order's page shows changes only when one of these moves, so a page built once can be
 * served again after one small read (modules/work-orders/stored-pages.ts):
 * - `work_orders.version`, moved by every workflow action and edit;
 * - the order's row in `page_stamps`, moved by the database itself when anything else the page
 *   shows changes: the order's row without a new version (deadline marks, repeat links), or its
 *   assignments, timeline, attachments or urges (an urge read, a file added);
 * - the counter `directory_changes`, moved when a unit or a category changes (the names and the
 *   sign-off mode the page shows).
 * Triggers keep them, so every path that writes these tables moves them, in the same
 * transaction, whichever process or script writes. The stamps live in a narrow table of their
 * own: moving one rewrites a few bytes, not the order's wide row. An order without a row there
 * has stamp 0.
 */
const CHILD_TABLES = ['work_order_units', 'work_order_events', 'attachments', 'urges'] as const;
const DIRECTORY_TABLES = ['units', 'categories'] as const;
export const DIRECTORY_COUNTER = 'directory_changes';

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('page_stamps')
    .addColumn('order_id', 'integer', (c) => c.primaryKey())
    .addColumn('stamp', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into counters (name, value) values (${DIRECTORY_COUNTER}, 0)`.execute(db);
  const statements = dialect === 'postgres' ? postgres() : sqlite();
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const bump = (id: string) =>
  `insert into page_stamps (order_id, stamp) select ${id}, 1 where ${id} is not null
    on conflict (order_id) do update set stamp = page_stamps.stamp + 1;`;
const bumpDirectory = `update counters set value = value + 1 where name = '${DIRECTORY_COUNTER}';`;

function sqlite(): string[] {
  return [
    // An update that does not move the version moves the stamp.
    `create trigger work_orders_page_stamp after update on work_orders when new.version = old.version
      begin ${bump('new.id')} end`,
    ...CHILD_TABLES.flatMap((t) => [
      `create trigger ${t}_page_stamp_insert after insert on ${t} begin ${bump('new.order_id')} end`,
      `create trigger ${t}_page_stamp_delete after delete on ${t} begin ${bump('old.order_id')} end`,
      `create trigger ${t}_page_stamp_update after update on ${t} begin
        ${bump('new.order_id')}
        ${bump('case when old.order_id is not new.order_id then old.order_id end')}
      end`,
    ]),
    ...DIRECTORY_TABLES.flatMap((t) =>
      ['insert', 'update', 'delete'].map(
        (event) =>
          `create trigger ${t}_directory_changes_${event} after ${event} on ${t} begin ${bumpDirectory} end`,
      ),
    ),
  ];
}

function postgres(): string[] {
  return [
    `create or replace function huiyin_page_stamp_order() returns trigger language plpgsql as $$
    begin ${bump('new.id')} return null; end $$`,
    `create trigger work_orders_page_stamp after update on work_orders for each row
      when (new.version = old.version) execute function huiyin_page_stamp_order()`,
    `create or replace function huiyin_page_stamp_child() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then ${bump('old.order_id')} end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.order_id is distinct from old.order_id) then
        ${bump('new.order_id')}
      end if;
      return null;
    end $$`,
    ...CHILD_TABLES.map(
      (t) => `create trigger ${t}_page_stamp after insert or update or delete on ${t}
        for each row execute function huiyin_page_stamp_child()`,
    ),
    `create or replace function huiyin_directory_changes() returns trigger language plpgsql as $$
    begin ${bumpDirectory} return null; end $$`,
    ...DIRECTORY_TABLES.map(
      (t) => `create trigger ${t}_directory_changes after insert or update or delete on ${t}
        for each statement execute function huiyin_directory_changes()`,
    ),
  ];
}
