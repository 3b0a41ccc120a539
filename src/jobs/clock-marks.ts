import { DeadlineMarksRepository, type MarkSpec } from '../db/repositories/deadline-marks.repository.js';
import { type OrderState, UNIT_CLOCK_STATES } from '../domain/workflow/states.js';
import type { Notifier } from '../modules/notifications/notifier.js';
import { addMarkEvent, DECISION_MARK } from '../modules/work-orders/mark-events.js';
import { noticeFacts } from '../modules/work-orders/side-records.js';
import type { AppContext } from '../server/context.js';

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
  // 审批超时: a unit's request still waiting for the office past its decision deadline
  // (domain/office-decision.ts); the deadline is cleared when the office decides.
  { ...DECISION_MARK, type: 'decision_overdue', states: UNIT_CLOCK_STATES },
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
