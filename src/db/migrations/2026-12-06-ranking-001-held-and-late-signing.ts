import { type Kysely, sql } from 'kysely';
import { UNIT_CLOCK_STATES } from '../../domain/workflow/states.js';

/**
 * Two more pre-summed unit figures, so that the ranking judges units by what they had in hand
 * and by the sign-for deadlines they missed (docs/figures.md; year-end review S1), without
 * reading a year of orders (docs/performance.md, "A year's statistics"):
 *
 * - unit_held_days (期初在手): per Beijing day and unit, how the number of orders in the unit's
 *   hands (lead unit, on the unit's clock: 待签收, 回退待审, 办理中, 待签发) moved: +1 for each
 *   event that brought an order into those states (dispatch, redo), −1 for each that took it out
 *   (reply, approved return, void or merge). The orders a unit held at the start of a period are
 *   the sum of the days before it. Every change of state is an event that carries its from and
 *   to state and the lead unit (event-facts.ts: the returning unit for an approved return), so
 *   the sum follows from the timeline alone.
 * - unit_sign_late_days (超时签收): each sign-for deadline the unit missed, once: the watcher's
 *   「超时未签收」 mark (recorded at the deadline, so on its day), and a late signing that no mark
 *   preceded since the order's last dispatch (the watcher did not run in time), on the day of
 *   the signing. The watcher marks only orders still waiting to be signed, so a mark always comes
 *   before the late signing it concerns, and the signing is then not counted again.
 *
 * Kept by triggers on work_order_events in the same transaction as the event, as
 * summaries-001 keeps unit_event_days; rows whose count fell to zero stay, the reads skip them.
 */

const DAY = {
  sqlite: (x: string) => `strftime('%Y-%m-%d', ${x}, '+8 hours')`,
  postgres: (x: string) => `to_char((${x})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
};
export type Dialect = keyof typeof DAY;

const clock = UNIT_CLOCK_STATES.map((s) => `'${s}'`).join(', ');

/** An event that moved an order into or out of its lead unit's hands. */
const heldEvent = (a: string) => `${a}.unit_id is not null and ${a}.from_state is not null
  and ${a}.to_state is not null and ((${a}.from_state in (${clock})) <> (${a}.to_state in (${clock})))`;
const heldMove = (a: string) => `case when ${a}.to_state in (${clock}) then 1 else -1 end`;

/** A mark of a missed sign-for deadline, or a late signing (counted only without a mark). */
const signLateEvent = (a: string) =>
  `${a}.unit_id is not null and (${a}.type = 'sign_overdue' or (${a}.type = 'signed' and ${a}.outcome = 'late'))`;
/** …and not a late signing whose deadline the watcher already marked since the last dispatch. */
const notMarkedBefore = (a: string) => `(${a}.type = 'sign_overdue' or not exists (
    select 1 from work_order_events m
    where m.order_id = ${a}.order_id and m.type = 'sign_overdue' and m.id < ${a}.id
      and m.id > coalesce((select max(d.id) from work_order_events d
        where d.order_id = ${a}.order_id and d.type = 'dispatched' and d.id < ${a}.id), 0)))`;

const heldDay = (d: Dialect, a: string, sign: number) => `
  insert into unit_held_days (day, unit_id, n)
  select ${DAY[d](`${a}.at`)}, ${a}.unit_id, ${sign} * ${heldMove(a)} where ${heldEvent(a)}
  on conflict (day, unit_id) do update set n = unit_held_days.n + excluded.n;`;

const signLateDay = (d: Dialect, a: string, sign: number) => `
  insert into unit_sign_late_days (day, unit_id, n)
  select ${DAY[d](`${a}.at`)}, ${a}.unit_id, ${sign} where ${signLateEvent(a)} and ${notMarkedBefore(a)}
  on conflict (day, unit_id) do update set n = unit_sign_late_days.n + excluded.n;`;

const TABLES = [
  `create table unit_held_days (day text not null, unit_id integer not null, n integer not null,
    primary key (day, unit_id))`,
  `create table unit_sign_late_days (day text not null, unit_id integer not null, n integer not null,
    primary key (day, unit_id))`,
];

/** The same sums counted from the events: the backfill, and what a test compares the tables with. */
export const FROM_ROWS = (d: Dialect) => ({
  unit_held_days: `
    select ${DAY[d]('e.at')} as day, e.unit_id, sum(${heldMove('e')}) as n
    from work_order_events e where ${heldEvent('e')} group by 1, 2`,
  unit_sign_late_days: `
    select ${DAY[d]('e.at')} as day, e.unit_id, count(*) as n
    from work_order_events e where ${signLateEvent('e')} and ${notMarkedBefore('e')} group by 1, 2`,
});

function sqliteTriggers(): string[] {
  const d = 'sqlite';
  return [
    `create trigger unit_held_days_insert after insert on work_order_events when ${heldEvent('new')}
      begin ${heldDay(d, 'new', 1)} end`,
    `create trigger unit_sign_late_days_insert after insert on work_order_events when ${signLateEvent('new')}
      begin ${signLateDay(d, 'new', 1)} end`,
    `create trigger unit_ranking_days_delete after delete on work_order_events
      begin ${heldDay(d, 'old', -1)} ${signLateDay(d, 'old', -1)} end`,
    `create trigger unit_ranking_days_update after update of order_id, type, at, unit_id, outcome, from_state, to_state
      on work_order_events begin
      ${heldDay(d, 'old', -1)} ${signLateDay(d, 'old', -1)} ${heldDay(d, 'new', 1)} ${signLateDay(d, 'new', 1)} end`,
  ];
}

function postgresTriggers(): string[] {
  const d = 'postgres';
  return [
    `create function unit_ranking_days_sync() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then ${heldDay(d, 'old', -1)} ${signLateDay(d, 'old', -1)} end if;
      if tg_op in ('UPDATE', 'INSERT') then ${heldDay(d, 'new', 1)} ${signLateDay(d, 'new', 1)} end if;
      return null;
    end $$`,
    // An insert calls the function only for the events it sums (evaluated without entering plpgsql).
    `create trigger unit_ranking_days_sync after insert on work_order_events for each row
      when ((${heldEvent('new')}) or (${signLateEvent('new')})) execute function unit_ranking_days_sync()`,
    `create trigger unit_ranking_days_sync_change
      after update of order_id, type, at, unit_id, outcome, from_state, to_state or delete
      on work_order_events for each row execute function unit_ranking_days_sync()`,
  ];
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const t of TABLES) await sql.raw(t).execute(db);
  for (const [table, select] of Object.entries(FROM_ROWS(dialect)))
    await sql.raw(`insert into ${table} ${select}`).execute(db);
  for (const statement of dialect === 'postgres' ? postgresTriggers() : sqliteTriggers())
    await sql.raw(statement).execute(db);
}
