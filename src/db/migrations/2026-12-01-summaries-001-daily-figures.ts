import { type Kysely, sql } from 'kysely';
import { wordCounts } from '../../domain/county-figures.js';
import type { Database } from '../schema.js';

/**
 * Pre-summed daily figures, so that a year's statistics read a few thousand rows instead of a
 * year's orders and events (docs/performance.md, "A year's statistics"). Each table holds, per
 * Beijing day and per the dimensions the statistics pages group by, how many rows fall there.
 * Database triggers keep them in the same transaction as every change to the rows they sum,
 * so every writer keeps them right: the workflow, imports, the deadline watcher, the bench's
 * generator, a hand-written UPDATE. (SQLite: triggers in plain SQL; PostgreSQL: plpgsql.)
 *
 * - order_day_figures: orders by registration day and channel / type / township / category,
 *   and the office's on-the-spot answers (直办) by closing day (dim 'on_spot').
 * - unit_event_days: timeline events that feed a unit's counts, by day, unit, type and outcome.
 * - unit_reply_spans: each reply with the start of its handling (the last dispatch or redo
 *   before it), by reply day, unit and start day, with the sums of both instants' times of day.
 *   The working days between two instants then follow from the calendar at read time (so a
 *   holiday entered later still counts): see unitHandlingDays in statistics.repository.ts.
 *
 * - title_words_days: the words of the titles registered each day (for the hot words). Words
 *   come from Intl.Segmenter, which SQL cannot run, so the application writes them; the
 *   triggers only mark a day's words stale (words null, gen + 1) whenever an order of that day
 *   is registered, retitled, moved or removed. A reader recomputes a stale day from its titles
 *   and stores the result only if gen has not moved meanwhile (StatisticsRepository.dayWords).
 *
 * A null key is stored as '' (township, category, outcome). Rows whose count fell to zero stay;
 * the reads leave them out.
 */

/** The Beijing day of an ISO instant (no daylight saving in China since 1991). */
const DAY = {
  sqlite: (x: string) => `strftime('%Y-%m-%d', ${x}, '+8 hours')`,
  postgres: (x: string) => `to_char((${x})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
};
/** Milliseconds since the start of the Beijing day of an ISO instant. */
const MS_OF_DAY = {
  sqlite: (x: string) =>
    `((cast(round((julianday(${x}) - 2440587.5) * 86400000) as integer) + 28800000) % 86400000)`,
  postgres: (x: string) =>
    `((round(extract(epoch from (${x})::timestamptz) * 1000)::bigint + 28800000) % 86400000)`,
};
export type Dialect = keyof typeof DAY;

/** The timeline events the unit figures count (statistics.repository.ts, EVENT_TYPES). */
export const COUNTED_EVENTS = [
  'dispatched',
  'signed',
  'return_requested',
  'return_rejected',
  'extension_approved',
  'replied',
  'fax_reply_recorded',
  'redo_ordered',
  'callback_recorded',
  'urged',
];
/** A list of event types as SQL literals, for `type in (…)`. */
export const quotedTypes = (types: readonly string[]) => types.map((t) => `'${t}'`).join(', ');
const counted = quotedTypes(COUNTED_EVENTS);
/** The events that carry a unit's reply, each summed with the start of its handling. */
export const REPLY_EVENTS = ['replied', 'fax_reply_recorded'];
const replies = quotedTypes(REPLY_EVENTS);

export const onSpotDay = (d: Dialect, a: string) =>
  `case when ${a}.state = 'closed' and ${a}.answered_on_spot_version_id is not null then ${DAY[d](`${a}.closed_at`)} end`;

/** Adds (sign 1) or takes away (sign -1) one order's registration figures. */
const orderDays = (a: string, sign: number) => `
  insert into order_day_figures (day, dim, key, n)
  select ${a}.created_day, dim, key, ${sign} from (
    select 'channel' as dim, ${a}.channel as key
    union all select 'type', ${a}.type
    union all select 'township', coalesce(cast(${a}.township_unit_id as text), '')
    union all select 'category', coalesce(cast(${a}.category_id as text), '')
  ) k where ${a}.created_day is not null
  on conflict (day, dim, key) do update set n = order_day_figures.n + excluded.n;`;

const onSpot = (d: Dialect, a: string, sign: number) => `
  insert into order_day_figures (day, dim, key, n)
  select ${onSpotDay(d, a)}, 'on_spot', '', ${sign} where ${onSpotDay(d, a)} is not null
  on conflict (day, dim, key) do update set n = order_day_figures.n + excluded.n;`;

export const eventDays = (d: Dialect, a: string, sign: number) => `
  insert into unit_event_days (day, unit_id, type, outcome, n)
  select ${DAY[d](`${a}.at`)}, ${a}.unit_id, ${a}.type, coalesce(${a}.outcome, ''), ${sign}
  where ${a}.unit_id is not null and ${a}.type in (${counted})
  on conflict (day, unit_id, type, outcome) do update set n = unit_event_days.n + excluded.n;`;

/** A reply with the start of its handling: the order's last dispatch or redo before it, by id. */
export const replySpan = (d: Dialect, a: string, sign: number) => `
  insert into unit_reply_spans (reply_day, unit_id, began_day, n, reply_ms, began_ms)
  select ${DAY[d](`${a}.at`)}, ${a}.unit_id, ${DAY[d]('b.at')}, ${sign},
    ${sign} * ${MS_OF_DAY[d](`${a}.at`)}, ${sign} * ${MS_OF_DAY[d]('b.at')}
  from (
    select s.at from work_order_events s
    where s.order_id = ${a}.order_id and s.type in ('dispatched', 'redo_ordered') and s.id < ${a}.id
    order by s.id desc limit 1
  ) b
  where ${a}.unit_id is not null and ${a}.type in (${replies})
  on conflict (reply_day, unit_id, began_day) do update set
    n = unit_reply_spans.n + excluded.n,
    reply_ms = unit_reply_spans.reply_ms + excluded.reply_ms,
    began_ms = unit_reply_spans.began_ms + excluded.began_ms;`;

/** Marks the words of the day an order was registered on stale. */
const staleWords = (a: string) => `
  insert into title_words_days (day, gen, words) select ${a}.created_day, 1, null where ${a}.created_day is not null
  on conflict (day) do update set gen = title_words_days.gen + 1, words = null;`;

const TABLES = [
  `create table title_words_days (day text primary key, gen integer not null, words text)`,
  `create table order_day_figures (
    day text not null, dim text not null, key text not null, n integer not null,
    primary key (day, dim, key))`,
  `create table unit_event_days (
    day text not null, unit_id integer not null, type text not null, outcome text not null,
    n integer not null, primary key (day, unit_id, type, outcome))`,
  `create table unit_reply_spans (
    reply_day text not null, unit_id integer not null, began_day text not null,
    n integer not null, reply_ms bigint not null, began_ms bigint not null,
    primary key (reply_day, unit_id, began_day))`,
];

export const ORDER_COLUMNS = 'created_day, channel, type, township_unit_id, category_id';
export const changed = (columns: string) =>
  columns
    .split(', ')
    .map((c) => `old.${c} is distinct from new.${c}`)
    .join(' or ');

/** SQLite: plain SQL triggers. An update touches the sums only when a summed value changed. */
export function sqliteTriggers(): Record<string, string> {
  const d = 'sqlite';
  const isNot = (cond: string) => cond.replaceAll('is distinct from', 'is not');
  return {
    order_day_figures_insert: `create trigger order_day_figures_insert after insert on work_orders begin
      ${orderDays('new', 1)} ${onSpot(d, 'new', 1)} ${staleWords('new')} end`,
    order_day_figures_delete: `create trigger order_day_figures_delete after delete on work_orders begin
      ${orderDays('old', -1)} ${onSpot(d, 'old', -1)} ${staleWords('old')} end`,
    title_words_days_update: `create trigger title_words_days_update after update of title, created_day on work_orders
      when old.title is not new.title or old.created_day is not new.created_day begin
      ${staleWords('old')} ${staleWords('new')} end`,
    order_day_figures_update: `create trigger order_day_figures_update after update of ${ORDER_COLUMNS} on work_orders
      when ${isNot(changed(ORDER_COLUMNS))} begin ${orderDays('old', -1)} ${orderDays('new', 1)} end`,
    order_day_figures_on_spot: `create trigger order_day_figures_on_spot after update of state, answered_on_spot_version_id, closed_at on work_orders
      when (${onSpotDay(d, 'old')}) is not (${onSpotDay(d, 'new')}) begin ${onSpot(d, 'old', -1)} ${onSpot(d, 'new', 1)} end`,
    unit_event_days_insert: `create trigger unit_event_days_insert after insert on work_order_events begin
      ${eventDays(d, 'new', 1)} ${replySpan(d, 'new', 1)} end`,
    unit_event_days_delete: `create trigger unit_event_days_delete after delete on work_order_events begin
      ${eventDays(d, 'old', -1)} ${replySpan(d, 'old', -1)} end`,
    unit_event_days_update: `create trigger unit_event_days_update after update of order_id, type, at, unit_id, outcome on work_order_events begin
      ${eventDays(d, 'old', -1)} ${replySpan(d, 'old', -1)} ${eventDays(d, 'new', 1)} ${replySpan(d, 'new', 1)} end`,
  };
}

/** PostgreSQL: one plpgsql function per table, the same statements as SQLite's. */
export function postgresTriggers(): string[] {
  const d = 'postgres';
  return [
    `create function order_day_figures_sync() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and (tg_op = 'DELETE' or ${changed(ORDER_COLUMNS)}) then ${orderDays('old', -1)} end if;
      if tg_op in ('UPDATE', 'INSERT') and (tg_op = 'INSERT' or ${changed(ORDER_COLUMNS)}) then ${orderDays('new', 1)} end if;
      if tg_op in ('UPDATE', 'DELETE') and (tg_op = 'DELETE' or ${changed('title, created_day')}) then ${staleWords('old')} end if;
      if tg_op in ('UPDATE', 'INSERT') and (tg_op = 'INSERT' or ${changed('title, created_day')}) then ${staleWords('new')} end if;
      if tg_op = 'DELETE' or (tg_op = 'UPDATE' and (${onSpotDay(d, 'old')}) is distinct from (${onSpotDay(d, 'new')})) then ${onSpot(d, 'old', -1)} end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and (${onSpotDay(d, 'old')}) is distinct from (${onSpotDay(d, 'new')})) then ${onSpot(d, 'new', 1)} end if;
      return null;
    end $$`,
    `create trigger order_day_figures_sync after insert or update or delete on work_orders
      for each row execute function order_day_figures_sync()`,
    `create function unit_event_days_sync() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then ${eventDays(d, 'old', -1)} ${replySpan(d, 'old', -1)} end if;
      if tg_op in ('UPDATE', 'INSERT') then ${eventDays(d, 'new', 1)} ${replySpan(d, 'new', 1)} end if;
      return null;
    end $$`,
    `create trigger unit_event_days_sync after insert or update of order_id, type, at, unit_id, outcome or delete
      on work_order_events for each row execute function unit_event_days_sync()`,
  ];
}

/**
 * The same sums computed from the rows, per table: what the backfill writes, and what a test
 * compares the trigger-kept tables with.
 */
export const FROM_ROWS = (d: Dialect) => ({
  order_day_figures: `
    select day, dim, key, count(*) as n from (
      select created_day as day, 'channel' as dim, channel as key from work_orders
      union all select created_day, 'type', type from work_orders
      union all select created_day, 'township', coalesce(cast(township_unit_id as text), '') from work_orders
      union all select created_day, 'category', coalesce(cast(category_id as text), '') from work_orders
      union all select ${DAY[d]('closed_at')}, 'on_spot', '' from work_orders
        where state = 'closed' and answered_on_spot_version_id is not null and closed_at is not null
    ) k where day is not null group by day, dim, key`,
  unit_event_days: `
    select ${DAY[d]('at')} as day, unit_id, type, coalesce(outcome, '') as outcome, count(*) as n
    from work_order_events
    where unit_id is not null and type in (${counted})
    group by 1, 2, 3, 4`,
  unit_reply_spans: `
    select reply_day, unit_id, began_day, count(*) as n, sum(reply_ms) as reply_ms, sum(began_ms) as began_ms from (
      select ${DAY[d]('r.at')} as reply_day, r.unit_id, ${DAY[d]('b.at')} as began_day,
        ${MS_OF_DAY[d]('r.at')} as reply_ms, ${MS_OF_DAY[d]('b.at')} as began_ms
      from work_order_events r
      join work_order_events b on b.id = (
        select s.id from work_order_events s
        where s.order_id = r.order_id and s.type in ('dispatched', 'redo_ordered') and s.id < r.id
        order by s.id desc limit 1)
      where r.unit_id is not null and r.type in (${replies})
    ) x group by reply_day, unit_id, began_day`,
});

const backfill = (d: Dialect) =>
  Object.entries(FROM_ROWS(d)).map(([table, select]) => `insert into ${table} ${select}`);

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const t of TABLES) await sql.raw(t).execute(db);
  const started = performance.now();
  for (const statement of backfill(dialect)) await sql.raw(statement).execute(db);
  await backfillWords(db as unknown as Kysely<Database>);
  const seconds = (performance.now() - started) / 1000;
  // Printed when it takes long enough to notice (a city's data set), so the operator knows why.
  if (seconds > 5) console.log(`daily figures backfilled in ${seconds.toFixed(1)} s`);
  if (dialect === 'postgres') {
    for (const statement of postgresTriggers()) await sql.raw(statement).execute(db);
  } else {
    for (const statement of Object.values(sqliteTriggers())) await sql.raw(statement).execute(db);
  }
}

/** Each day's title words, a month of days at a time (the titles of a month fit in memory). */
async function backfillWords(db: Kysely<Database>): Promise<void> {
  const days = await db
    .selectFrom('work_orders')
    .select('created_day')
    .distinct()
    .where('created_day', 'is not', null)
    .orderBy('created_day')
    .execute();
  const months = [...new Set(days.map((d) => (d.created_day as string).slice(0, 7)))];
  for (const month of months) {
    const rows = await db
      .selectFrom('work_orders')
      .select(['created_day', 'title'])
      .where('created_day', '>=', `${month}-01`)
      .where('created_day', '<=', `${month}-31`)
      .execute();
    const byDay = new Map<string, string[]>();
    for (const r of rows) {
      const day = r.created_day as string;
      const titles = byDay.get(day);
      if (titles) titles.push(r.title);
      else byDay.set(day, [r.title]);
    }
    const values = [...byDay].map(([day, titles]) => ({
      day,
      gen: 0,
      words: JSON.stringify(Object.fromEntries(wordCounts(titles))),
    }));
    for (let i = 0; i < values.length; i += 100) {
      await db
        .insertInto('title_words_days')
        .values(values.slice(i, i + 100))
        .execute();
    }
  }
}
