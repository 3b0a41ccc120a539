import { type Kysely, sql } from 'kysely';
import { DEFAULT_REPEAT_SETTINGS, type RepeatSettings } from '../../domain/repeats.js';
import { UNIT_CLOCK_STATES } from '../../domain/workflow/states.js';
import { ComplaintRepeatsRepository, UNIT_OF_VERDICT } from '../repositories/complaint-repeats.repository.js';
import type { Database } from '../schema.js';

/**
 * The last two unit figures that were counted from a year of rows (docs/performance.md,
 * "A year's statistics"):
 *
 * - overdue_deadline_days (期内超期): orders whose current deadline went unanswered (still on
 *   the unit's clock, or replied after it), per Beijing day of the deadline and lead unit, kept
 *   by triggers in the same transaction as the order. A deadline still ahead is stored too; the
 *   reads take only the days before today and count today's and later deadlines from the rows
 *   (statistics/overdue-orders.ts), with the watcher's marks for earlier deadlines.
 * - complaint_repeats (重复投诉): each complaint that repeats an earlier one, with the unit it
 *   counts against, under the settings in complaint_repeats_basis. Triggers queue the
 *   registration instant of each complaint registered, changed in what the rule reads, or
 *   removed (complaint_repeats_stale), and keep the unit when a lead unit changes; the reader
 *   recomputes the queued part with the domain's rule (ComplaintRepeatsRepository.refresh).
 */

const DAY = {
  sqlite: (x: string) => `strftime('%Y-%m-%d', ${x}, '+8 hours')`,
  postgres: (x: string) => `to_char((${x})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
};
type Dialect = keyof typeof DAY;

const clock = UNIT_CLOCK_STATES.map((s) => `'${s}'`).join(', ');
/** Whether an order's current deadline went (or will go, once passed) unanswered: domain/overdue.ts, wentOverdueAt. */
export const unanswered = (a: string) => `${a}.lead_unit_id is not null and ${a}.handle_by is not null and (
  ${a}.state in (${clock})
  or (${a}.state not in ('pending_dispatch', 'voided') and ${a}.replied_at is not null and ${a}.replied_at > ${a}.handle_by))`;

export const overdueDay = (d: Dialect, a: string, sign: number) => `
  insert into overdue_deadline_days (day, unit_id, n)
  select ${DAY[d](`${a}.handle_by`)}, ${a}.lead_unit_id, ${sign} where ${unanswered(a)}
  on conflict (day, unit_id) do update set n = overdue_deadline_days.n + excluded.n;`;

/** What the repeat rule reads of an order (domain/repeats.ts, RepeatFacts; the voided filter of complaintsBetween). */
export const REPEAT_COLUMNS =
  'type, citizen_phone, place_key, category_id, title, content, created_at, repeat_of_id, merged_into_id';
export const counted = (a: string) => `(${a}.state <> 'voided' or ${a}.merged_into_id is not null)`;
export const staleRepeats = (a: string) => `
  insert into complaint_repeats_stale (at) select ${a}.created_at where ${a}.type = 'complaint';`;
export const unitOfVerdicts = (a: string) => `
  update complaint_repeats set unit_id = ${UNIT_OF_VERDICT}
  where order_id = ${a}.id or repeat_of_id = ${a}.id;`;

const changed = (columns: string, op: string) =>
  columns
    .split(', ')
    .map((c) => `old.${c} ${op} new.${c}`)
    .join(' or ');

const TABLES = [
  `create table overdue_deadline_days (day text not null, unit_id integer not null, n integer not null,
    primary key (day, unit_id))`,
  `create table complaint_repeats (order_id integer primary key, created_at text not null,
    repeat_of_id integer not null, unit_id integer)`,
  'create index complaint_repeats_period on complaint_repeats (created_at, unit_id)',
  'create index complaint_repeats_of on complaint_repeats (repeat_of_id)',
  'create table complaint_repeats_basis (id integer primary key, settings text not null)',
];
const QUEUE = {
  sqlite: 'create table complaint_repeats_stale (id integer primary key autoincrement, at text not null)',
  postgres: 'create table complaint_repeats_stale (id bigserial primary key, at text not null)',
};

function sqliteTriggers(): string[] {
  const d = 'sqlite';
  const isNot = changed(REPEAT_COLUMNS, 'is not');
  return [
    `create trigger overdue_deadline_days_insert after insert on work_orders begin ${overdueDay(d, 'new', 1)} end`,
    `create trigger overdue_deadline_days_delete after delete on work_orders begin ${overdueDay(d, 'old', -1)} end`,
    `create trigger overdue_deadline_days_update after update of handle_by, state, replied_at, lead_unit_id on work_orders
      when ${changed('handle_by, state, replied_at, lead_unit_id', 'is not')}
      begin ${overdueDay(d, 'old', -1)} ${overdueDay(d, 'new', 1)} end`,
    `create trigger complaint_repeats_insert after insert on work_orders begin ${staleRepeats('new')} end`,
    `create trigger complaint_repeats_delete after delete on work_orders begin
      ${staleRepeats('old')} delete from complaint_repeats where order_id = old.id or repeat_of_id = old.id; end`,
    `create trigger complaint_repeats_update after update of state, ${REPEAT_COLUMNS} on work_orders
      when ${isNot} or ${counted('old')} is not ${counted('new')}
      begin ${staleRepeats('old')} ${staleRepeats('new')} end`,
    `create trigger complaint_repeats_unit after update of lead_unit_id on work_orders
      when old.lead_unit_id is not new.lead_unit_id begin ${unitOfVerdicts('new')} end`,
  ];
}

function postgresTriggers(): string[] {
  const d = 'postgres';
  return [
    `create function overdue_and_repeats_sync() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or (tg_op = 'UPDATE' and (${changed('handle_by, state, replied_at, lead_unit_id', 'is distinct from')})) then
        ${overdueDay(d, 'old', -1)}
      end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and (${changed('handle_by, state, replied_at, lead_unit_id', 'is distinct from')})) then
        ${overdueDay(d, 'new', 1)}
      end if;
      if tg_op = 'DELETE' or (tg_op = 'UPDATE' and (${changed(REPEAT_COLUMNS, 'is distinct from')} or ${counted('old')} is distinct from ${counted('new')})) then
        ${staleRepeats('old')}
      end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and (${changed(REPEAT_COLUMNS, 'is distinct from')} or ${counted('old')} is distinct from ${counted('new')})) then
        ${staleRepeats('new')}
      end if;
      if tg_op = 'DELETE' then delete from complaint_repeats where order_id = old.id or repeat_of_id = old.id; end if;
      if tg_op = 'UPDATE' and old.lead_unit_id is distinct from new.lead_unit_id then ${unitOfVerdicts('new')} end if;
      return null;
    end $$`,
    `create trigger overdue_and_repeats_sync after insert or update or delete on work_orders
      for each row execute function overdue_and_repeats_sync()`,
  ];
}

/** The overdue sums computed from the rows: what the backfill writes and the test compares with. */
export const FROM_ROWS = (d: Dialect) => ({
  overdue_deadline_days: `
    select ${DAY[d]('handle_by')} as day, lead_unit_id as unit_id, count(*) as n
    from work_orders as o where ${unanswered('o')} group by 1, 2`,
});

/** The repeat settings the office stored (settings key 'assistant'), or the defaults. */
async function storedRepeatSettings(db: Kysely<Database>): Promise<RepeatSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'assistant')
    .executeTakeFirst();
  const stored = row ? (JSON.parse(row.value) as { repeats?: Partial<RepeatSettings> }).repeats : undefined;
  return { ...DEFAULT_REPEAT_SETTINGS, ...stored };
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const t of [...TABLES, QUEUE[dialect]]) await sql.raw(t).execute(db);
  const started = performance.now();
  await sql.raw(`insert into overdue_deadline_days ${FROM_ROWS(dialect).overdue_deadline_days}`).execute(db);
  const overdue = (performance.now() - started) / 1000;
  const typed = db as unknown as Kysely<Database>;
  const repeats = await new ComplaintRepeatsRepository(typed).recomputeAll(await storedRepeatSettings(typed));
  const seconds = (performance.now() - started) / 1000;
  // Printed when it takes long enough to notice (a city's data set), so the operator knows why.
  if (seconds > 5)
    console.log(
      `overdue figures backfilled in ${overdue.toFixed(1)} s, ${repeats} repeat complaints in ${(seconds - overdue).toFixed(1)} s`,
    );
  for (const statement of dialect === 'postgres' ? postgresTriggers() : sqliteTriggers())
    await sql.raw(statement).execute(db);
}
