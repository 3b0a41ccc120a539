import { type Kysely, sql } from 'kysely';
import { UNIT_CLOCK_STATES } from '../../domain/workflow/states.js';
import { changed } from './2026-12-01-summaries-001-daily-figures.js';
import {
  counted,
  REPEAT_COLUMNS,
  staleRepeats,
  unitOfVerdicts,
} from './2026-12-01-summaries-002-overdue-and-repeats.js';

/**
 * The office's clock to decide a unit's request (审批时限, domain/office-decision.ts), and the
 * overdue sums without the orders whose request awaits the office:
 *
 * - decision_requested_at, decide_by: set while a unit's extension or return request awaits the
 *   office; decision_overdue_marked_for: the decision deadline recorded 审批超时 (claimed once).
 *   Requests that were waiting before this migration have no decision deadline (the limit did
 *   not exist when they came in).
 * - overdue_deadline_days (期内超期) counted an order on the unit's clock once its deadline
 *   passed, also while the unit's request awaited the office. Now an order in 回退待审, or with a
 *   pending extension, is not counted (domain/overdue.ts, wentOverdueAt); the decision brings it
 *   back when it leaves the old deadline standing. The triggers watch pending_extension too, and
 *   the sums are counted again from the rows.
 */

const DAY = {
  sqlite: (x: string) => `strftime('%Y-%m-%d', ${x}, '+8 hours')`,
  postgres: (x: string) => `to_char((${x})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`,
};
type Dialect = keyof typeof DAY;

const clock = UNIT_CLOCK_STATES.map((s) => `'${s}'`).join(', ');

/** Whether an order's current deadline went (or will go, once passed) unanswered: domain/overdue.ts, wentOverdueAt. */
export const unanswered = (a: string) => `${a}.lead_unit_id is not null and ${a}.handle_by is not null and (
  (${a}.state in (${clock}) and ${a}.state <> 'return_requested' and ${a}.pending_extension is null)
  or (${a}.state not in ('pending_dispatch', 'voided') and ${a}.replied_at is not null and ${a}.replied_at > ${a}.handle_by))`;

const overdueDay = (d: Dialect, a: string, sign: number) => `
  insert into overdue_deadline_days (day, unit_id, n)
  select ${DAY[d](`${a}.handle_by`)}, ${a}.lead_unit_id, ${sign} where ${unanswered(a)}
  on conflict (day, unit_id) do update set n = overdue_deadline_days.n + excluded.n;`;

/** As summaries-004: the order's contribution moves when `unanswered` flips, or its deadline or unit moves while it holds. */
const overdueMoves = (op: 'is not' | 'is distinct from') => `
  (${unanswered('old')}) ${op} (${unanswered('new')})
  or ((${unanswered('new')}) and (old.handle_by ${op} new.handle_by or old.lead_unit_id ${op} new.lead_unit_id))`;

/** The overdue sums counted from the rows: the rebuild here, and what a test compares the table with. */
export const FROM_ROWS = (d: Dialect) => ({
  overdue_deadline_days: `
    select ${DAY[d]('handle_by')} as day, lead_unit_id as unit_id, count(*) as n
    from work_orders as o where ${unanswered('o')} group by 1, 2`,
});

function sqlite(): string[] {
  const d = 'sqlite';
  return [
    'drop trigger overdue_deadline_days_insert',
    'drop trigger overdue_deadline_days_delete',
    'drop trigger overdue_deadline_days_update',
    `create trigger overdue_deadline_days_insert after insert on work_orders begin ${overdueDay(d, 'new', 1)} end`,
    `create trigger overdue_deadline_days_delete after delete on work_orders begin ${overdueDay(d, 'old', -1)} end`,
    `create trigger overdue_deadline_days_update
      after update of handle_by, state, replied_at, lead_unit_id, pending_extension on work_orders
      when ${overdueMoves('is not')}
      begin ${overdueDay(d, 'old', -1)} ${overdueDay(d, 'new', 1)} end`,
  ];
}

const repeatsMove = `${changed(REPEAT_COLUMNS)} or ${counted('old')} is distinct from ${counted('new')}`;

function postgres(): string[] {
  const d = 'postgres';
  return [
    // summaries-004's function with the new overdue condition; the repeats part is unchanged.
    `create or replace function overdue_and_repeats_sync() returns trigger language plpgsql as $$
    declare
      overdue_moves boolean := tg_op <> 'UPDATE' or (${overdueMoves('is distinct from')});
      repeats_move boolean := tg_op <> 'UPDATE' or (${repeatsMove});
    begin
      if tg_op <> 'INSERT' and overdue_moves then ${overdueDay(d, 'old', -1)} end if;
      if tg_op <> 'DELETE' and overdue_moves then ${overdueDay(d, 'new', 1)} end if;
      if tg_op <> 'INSERT' and repeats_move then ${staleRepeats('old')} end if;
      if tg_op <> 'DELETE' and repeats_move then ${staleRepeats('new')} end if;
      if tg_op = 'DELETE' then delete from complaint_repeats where order_id = old.id or repeat_of_id = old.id; end if;
      if tg_op = 'UPDATE' and old.lead_unit_id is distinct from new.lead_unit_id then ${unitOfVerdicts('new')} end if;
      return null;
    end $$`,
    'drop trigger overdue_and_repeats_sync_update on work_orders',
    `create trigger overdue_and_repeats_sync_update after update on work_orders for each row
      when (${overdueMoves('is distinct from')} or ${repeatsMove} or old.lead_unit_id is distinct from new.lead_unit_id)
      execute function overdue_and_repeats_sync()`,
  ];
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const column of ['decision_requested_at', 'decide_by', 'decision_overdue_marked_for']) {
    await db.schema.alterTable('work_orders').addColumn(column, 'text').execute();
  }
  // The dispatcher's queue of requests by decision deadline; the watcher's and the figures' range reads.
  // Partial: only the few orders with a request waiting are in it, so a registration and the
  // workflow's updates of every other order do not write to it (every read names a range or
  // `is not null`, which both databases take as implying the index's condition).
  await sql
    .raw('create index work_orders_decide_by on work_orders (decide_by) where decide_by is not null')
    .execute(db);
  for (const statement of dialect === 'postgres' ? postgres() : sqlite())
    await sql.raw(statement).execute(db);
  await sql.raw('delete from overdue_deadline_days').execute(db);
  await sql.raw(`insert into overdue_deadline_days ${FROM_ROWS(dialect).overdue_deadline_days}`).execute(db);
}
