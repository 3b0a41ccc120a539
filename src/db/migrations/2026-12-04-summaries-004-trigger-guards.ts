import { type Kysely, sql } from 'kysely';
import {
  COUNTED_EVENTS,
  changed,
  type Dialect,
  eventDays,
  ORDER_COLUMNS,
  onSpotDay,
  quotedTypes,
  REPLY_EVENTS,
  replySpan,
} from './2026-12-01-summaries-001-daily-figures.js';
import {
  counted,
  overdueDay,
  REPEAT_COLUMNS,
  staleRepeats,
  unanswered,
  unitOfVerdicts,
} from './2026-12-01-summaries-002-overdue-and-repeats.js';

/**
 * The summing triggers run only when what they sum changes (docs/performance.md, "Summing
 * triggers that run only when their sums change"). The figures they keep are the same.
 *
 * Measured on PostgreSQL under the workflow bench, the plpgsql functions of the daily figures
 * took about half a millisecond of the database's CPU per action. A call, and each statement in
 * it, costs even when it inserts nothing: an event that no figure counts still ran two inserts
 * that selected no row, and every change of state took one from an overdue sum and added it back
 * to the same row (an order signed for is as unanswered as it was when dispatched). Now:
 *
 * - overdue_deadline_days moves only when the order's contribution moves: whether its deadline
 *   went unanswered, or (while it is counted) the deadline or the lead unit.
 * - unit_event_days and unit_reply_spans are written for the events they count, by a condition
 *   on the trigger, so the others do not call anything.
 * - PostgreSQL's updates of work_orders call the two summing functions only when the trigger's
 *   condition (evaluated without entering plpgsql) says a summed column changed.
 *
 * The statements that write the sums are the earlier migrations' own (imported from them); only
 * the conditions around them are new here.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const statement of dialect === 'postgres' ? postgres() : sqlite())
    await sql.raw(statement).execute(db);
}

const countedEvent = (a: string) =>
  `${a}.unit_id is not null and ${a}.type in (${quotedTypes(COUNTED_EVENTS)})`;
const replyEvent = (a: string) => `${a}.unit_id is not null and ${a}.type in (${quotedTypes(REPLY_EVENTS)})`;

/**
 * Whether an update moves the order's overdue contribution: one row (its deadline's day, its
 * lead unit) counted while `unanswered` holds. Unchanged when it holds neither before nor after,
 * or holds both times with the same deadline and lead unit.
 */
const overdueMoves = (op: 'is not' | 'is distinct from') => `
  (${unanswered('old')}) ${op} (${unanswered('new')})
  or ((${unanswered('new')}) and (old.handle_by ${op} new.handle_by or old.lead_unit_id ${op} new.lead_unit_id))`;

function sqlite(): string[] {
  return [
    'drop trigger overdue_deadline_days_update',
    `create trigger overdue_deadline_days_update after update of handle_by, state, replied_at, lead_unit_id on work_orders
      when ${overdueMoves('is not')}
      begin ${overdueDay('sqlite', 'old', -1)} ${overdueDay('sqlite', 'new', 1)} end`,
    'drop trigger unit_event_days_insert',
    `create trigger unit_event_days_insert after insert on work_order_events when ${countedEvent('new')}
      begin ${eventDays('sqlite', 'new', 1)} end`,
    `create trigger unit_reply_spans_insert after insert on work_order_events when ${replyEvent('new')}
      begin ${replySpan('sqlite', 'new', 1)} end`,
  ];
}

const repeatsMove = `${changed(REPEAT_COLUMNS)} or ${counted('old')} is distinct from ${counted('new')}`;
const dayFiguresMove = `${changed(ORDER_COLUMNS)} or ${changed('title, created_day')}
  or (${onSpotDay('postgres', 'old')}) is distinct from (${onSpotDay('postgres', 'new')})`;

function postgres(): string[] {
  return [
    // Same statements as before, each now behind the condition under which it changes a sum.
    `create or replace function overdue_and_repeats_sync() returns trigger language plpgsql as $$
    declare
      overdue_moves boolean := tg_op <> 'UPDATE' or (${overdueMoves('is distinct from')});
      repeats_move boolean := tg_op <> 'UPDATE' or (${repeatsMove});
    begin
      if tg_op <> 'INSERT' and overdue_moves then ${overdueDay('postgres', 'old', -1)} end if;
      if tg_op <> 'DELETE' and overdue_moves then ${overdueDay('postgres', 'new', 1)} end if;
      if tg_op <> 'INSERT' and repeats_move then ${staleRepeats('old')} end if;
      if tg_op <> 'DELETE' and repeats_move then ${staleRepeats('new')} end if;
      if tg_op = 'DELETE' then delete from complaint_repeats where order_id = old.id or repeat_of_id = old.id; end if;
      if tg_op = 'UPDATE' and old.lead_unit_id is distinct from new.lead_unit_id then ${unitOfVerdicts('new')} end if;
      return null;
    end $$`,
    'drop trigger overdue_and_repeats_sync on work_orders',
    `create trigger overdue_and_repeats_sync after insert or delete on work_orders
      for each row execute function overdue_and_repeats_sync()`,
    `create trigger overdue_and_repeats_sync_update after update on work_orders for each row
      when (${overdueMoves('is distinct from')} or ${repeatsMove} or old.lead_unit_id is distinct from new.lead_unit_id)
      execute function overdue_and_repeats_sync()`,
    'drop trigger order_day_figures_sync on work_orders',
    `create trigger order_day_figures_sync after insert or delete on work_orders
      for each row execute function order_day_figures_sync()`,
    `create trigger order_day_figures_sync_update after update on work_orders for each row
      when (${dayFiguresMove}) execute function order_day_figures_sync()`,
    `create or replace function unit_event_days_sync() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and ${countedEvent('old')} then ${eventDays('postgres', 'old', -1)} end if;
      if tg_op in ('UPDATE', 'DELETE') and ${replyEvent('old')} then ${replySpan('postgres', 'old', -1)} end if;
      if tg_op in ('UPDATE', 'INSERT') and ${countedEvent('new')} then ${eventDays('postgres', 'new', 1)} end if;
      if tg_op in ('UPDATE', 'INSERT') and ${replyEvent('new')} then ${replySpan('postgres', 'new', 1)} end if;
      return null;
    end $$`,
    'drop trigger unit_event_days_sync on work_order_events',
    `create trigger unit_event_days_sync after insert on work_order_events for each row
      when (${countedEvent('new')}) execute function unit_event_days_sync()`,
    `create trigger unit_event_days_sync_change after update of order_id, type, at, unit_id, outcome or delete
      on work_order_events for each row execute function unit_event_days_sync()`,
  ];
}
