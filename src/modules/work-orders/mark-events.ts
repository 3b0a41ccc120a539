import type { Transaction } from 'kysely';
import { DeadlineMarksRepository, type MarkSpec } from '../../db/repositories/deadline-marks.repository.js';
import { SYSTEM_ACTOR, WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import { eventFacts } from '../../domain/event-facts.js';
import { awaitingOffice } from '../../domain/office-decision.js';
import type { DecidedEvent, Decision } from '../../domain/workflow/decision.js';
import { orderState } from '../../domain/workflow/states.js';

/**
 * The timeline's records of passed deadlines, written by the deadline watcher (jobs/clock-marks.ts)
 * and, for the office's decision deadline, by a late decision itself (perform-action.ts).
 */

/** Where the office's decision deadline (审批时限) and its recorded mark live on an order. */
export const DECISION_MARK = {
  column: 'decision_overdue_marked_for',
  deadline: 'decide_by',
} as const satisfies MarkSpec;

/**
 * A decision made past the office's decision deadline is 审批超时 even if no watcher recorded it
 * while it waited: recorded with the decision, in its transaction, dated at the deadline, claimed
 * as the watcher claims it (so it is recorded once). Nobody is told: the office has just decided.
 */
export async function recordLateDecision(
  trx: Transaction<Database>,
  row: Pick<WorkOrderRow, 'id' | 'decide_by' | 'lead_unit_id' | 'state' | 'pending_extension'>,
  decision: Pick<Decision, 'patch'>,
  now: Date,
): Promise<void> {
  const deadline = row.decide_by;
  if (!deadline || decision.patch.decideBy !== null || Date.parse(deadline) > now.getTime()) return;
  if (!(await new DeadlineMarksRepository(trx).claim(row.id, DECISION_MARK, deadline))) return;
  await addMarkEvent(trx, row, 'decision_overdue', deadline);
}

/** What a mark reads of its order: 审批超时 names the request that waited. */
type MarkedRow = Pick<WorkOrderRow, 'id' | 'lead_unit_id' | 'state' | 'pending_extension'>;

/** The timeline's record of a passed deadline: by the system, dated at the deadline, against the lead unit. */
export async function addMarkEvent(
  trx: Transaction<Database>,
  row: MarkedRow,
  type: 'dispatch_overdue' | 'progress_missed' | 'decision_overdue',
  deadline: string,
): Promise<DecidedEvent> {
  const event: DecidedEvent =
    type === 'decision_overdue'
      ? { type, payload: { deadline, ...requestOf(row) } }
      : { type, payload: { deadline } };
  await new WorkOrderRepository(trx).addEvent(
    row.id,
    event.type,
    SYSTEM_ACTOR,
    new Date(deadline),
    event.payload,
    undefined,
    eventFacts(event, row.lead_unit_id, row.lead_unit_id),
  );
  return event;
}

function requestOf(row: MarkedRow) {
  const request = awaitingOffice({
    state: orderState(row.state),
    extensionPending: row.pending_extension !== null,
  });
  return request ? { request } : {};
}
