import type { Transaction } from 'kysely';
import { DeadlineMarksRepository, type MarkSpec } from '../db/repositories/deadline-marks.repository.js';
import { WorkOrderRepository } from '../db/repositories/work-order.repository.js';
import type { Database, WorkOrderRow } from '../db/schema.js';
import { eventFacts } from '../domain/event-facts.js';
import type { DecidedEvent, Decision } from '../domain/workflow/decision.js';
import { type OrderState, UNIT_CLOCK_STATES } from '../domain/workflow/states.js';
import type { Notifier } from '../modules/notifications/notifier.js';
import { noticeFacts } from '../modules/work-orders/side-records.js';
import type { AppContext } from '../server/context.js';

const SYSTEM = { userId: null, unitId: null, name: '系统', ip: null };

/**
 * A deadline the watcher records once when it passes: the office's dispatch deadline
 * (分发超时, domain/office-clock.ts), its deadline to decide a unit's request (审批超时,
 * domain/office-decision.ts) and the progress report due under an extension (进展未报,
 * domain/progress-reports.ts). The mark column holds the deadline it was recorded for, so a new
 * deadline (a return back to the office, the next report interval) is watched again.
 */
export interface ClockMark extends MarkSpec {
  type: 'dispatch_overdue' | 'progress_missed' | 'decision_overdue';
  column: 'dispatch_overdue_marked_for' | 'progress_missed_for' | 'decision_overdue_marked_for';
  deadline: 'dispatch_by' | 'progress_due_at' | 'decide_by';
  /** The states in which the clock runs. */
  states: readonly OrderState[];
}

export const CLOCK_MARKS: ClockMark[] = [
  {
    type: 'dispatch_overdue',
    column: 'dispatch_overdue_marked_for',
    deadline: 'dispatch_by',
    states: ['pending_dispatch'],
  },
  {
    type: 'progress_missed',
    column: 'progress_missed_for',
    deadline: 'progress_due_at',
    states: UNIT_CLOCK_STATES,
  },
  {
    // 审批超时: a unit's request still waiting for the office past its decision deadline
    // (domain/office-decision.ts); the deadline is cleared when the office decides.
    type: 'decision_overdue',
    column: 'decision_overdue_marked_for',
    deadline: 'decide_by',
    states: UNIT_CLOCK_STATES,
  },
];

/**
 * Records every passed, unrecorded deadline of `mark`: claimed with one conditional update (so
 * several server processes record it once), the event dated at the deadline (so after a
 * downtime it still falls in its own period), the audience told now. Returns how many it recorded.
 */
export async function recordPassedDeadlines(
  ctx: AppContext,
  notifier: Notifier,
  mark: ClockMark,
  limit: number,
): Promise<number> {
  const now = ctx.clock.now();
  const due = await new DeadlineMarksRepository(ctx.db.kysely).passed(
    mark,
    mark.states,
    now.toISOString(),
    limit,
  );
  let recorded = 0;
  for (const row of due) {
    const deadline = row.deadline as string;
    const done = await ctx.db.kysely.transaction().execute(async (trx) => {
      if (!(await new DeadlineMarksRepository(trx).claim(row.id, mark, deadline, mark.states))) return false;
      const event = await addMarkEvent(trx, row, mark.type, deadline);
      await notifier.forEvents(trx, row.id, await noticeFacts(trx, row.id), [event], now);
      return true;
    });
    if (done) recorded++;
  }
  return recorded;
}

/**
 * A decision made past the office's decision deadline is 审批超时 even if no watcher recorded it
 * while it waited: recorded with the decision, in its transaction, dated at the deadline, claimed
 * as the watcher claims it (so it is recorded once). Nobody is told: the office has just decided.
 */
export async function recordLateDecision(
  trx: Transaction<Database>,
  row: Pick<WorkOrderRow, 'id' | 'decide_by' | 'lead_unit_id'>,
  decision: Pick<Decision, 'patch'>,
  now: Date,
): Promise<void> {
  const deadline = row.decide_by;
  if (!deadline || decision.patch.decideBy !== null || Date.parse(deadline) > now.getTime()) return;
  const mark = CLOCK_MARKS.find((m) => m.type === 'decision_overdue');
  if (!mark || !(await new DeadlineMarksRepository(trx).claim(row.id, mark, deadline))) return;
  await addMarkEvent(trx, row, 'decision_overdue', deadline);
}

/** The timeline's record of a passed deadline: by the system, dated at the deadline, against the lead unit. */
async function addMarkEvent(
  trx: Transaction<Database>,
  row: { id: number; lead_unit_id: number | null },
  type: ClockMark['type'],
  deadline: string,
): Promise<DecidedEvent> {
  const event: DecidedEvent = { type, payload: { deadline } };
  await new WorkOrderRepository(trx).addEvent(
    row.id,
    event.type,
    SYSTEM,
    new Date(deadline),
    event.payload,
    undefined,
    eventFacts(event, row.lead_unit_id, row.lead_unit_id),
  );
  return event;
}
