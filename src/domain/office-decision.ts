import type { WorkingCalendar } from './calendar.js';
import { afterWorkingTime } from './office-clock.js';
import { HOUR_MS } from './time.js';
import type { TimeLimitSettings } from './time-limits.js';
import type { OrderState } from './workflow/states.js';

/**
 * The office's decision on a unit's request (延期申请, 回退申请), and what the wait means for the
 * unit's deadline. The notice has the unit report (上报) the request to the office, which decides;
 * it sets no time for the office to decide, and a unit that asked in time cannot make the office
 * answer. So:
 *
 * 1. While a request awaits the office's decision, the order is not marked overdue (超期) against
 *    the unit: no watcher mark, no count in the figures, the ranking or the bulletins.
 * 2. The decision says which deadline the unit is judged by:
 *    - extension approved: the new deadline replaces the old one; the old one was never overdue;
 *    - extension rejected, or dropped by the unit's own reply: the old deadline stands, and if
 *      it passed the order is overdue from it (通知二（一）：在规定期限内办结；延期只是申请，
 *      未经同意，规定期限不变);
 *    - return approved: the unit is off the order and nothing counts against it;
 *    - return rejected: the unit keeps the order and its deadline, which did not stop
 *      (通知二（三）：经核实不属于本单位处理的才回退); overdue from it if it passed.
 * 3. The office has its own limit to decide (`decisionWorkingHours`, working hours from the
 *    request): past it the request is 审批超时, the office's own lateness, counted beside its
 *    分发超时.
 */
export type DecisionSettings = Pick<TimeLimitSettings, 'decisionWorkingHours'>;

export const OFFICE_REQUESTS = ['extension', 'return'] as const;
export type OfficeRequest = (typeof OFFICE_REQUESTS)[number];

export const OFFICE_REQUEST_LABELS: Record<OfficeRequest, string> = {
  extension: '延期申请',
  return: '回退申请',
};

/** What the rule reads of an order. */
export interface AwaitingFacts {
  state: OrderState;
  /** Whether an extension request awaits the office (the order's pending extension). */
  extensionPending: boolean;
}

/** Which of the unit's requests awaits the office's decision now, if any (a return first: it stops the work). */
export function awaitingOffice(f: AwaitingFacts): OfficeRequest | null {
  if (f.state === 'return_requested') return 'return';
  return f.extensionPending ? 'extension' : null;
}

/** By when the office must decide a request made at `requestedAt`: its limit in working hours. */
export function decisionDeadline(
  calendar: WorkingCalendar,
  settings: DecisionSettings,
  requestedAt: Date,
): Date {
  return afterWorkingTime(calendar, requestedAt, settings.decisionWorkingHours * HOUR_MS);
}

export type DecisionStatus = 'ok' | 'late';

/** Whether the office is (or was, deciding at `now`) past its limit to decide. */
export function readDecisionClock(decideBy: Date, now: Date): DecisionStatus {
  return now.getTime() >= decideBy.getTime() ? 'late' : 'ok';
}

/**
 * The office's decision clock across one action: it starts when a request comes to await the
 * office and none did, and stops (cleared) when none awaits any more. Two requests at once (an
 * extension, then a return) keep the clock of the first: the office owes its answer from then.
 */
export function decisionClockPatch(
  before: AwaitingFacts,
  after: AwaitingFacts,
  calendar: WorkingCalendar,
  settings: DecisionSettings,
  now: Date,
): { decisionRequestedAt?: Date | null; decideBy?: Date | null } {
  const was = awaitingOffice(before) !== null;
  const is = awaitingOffice(after) !== null;
  if (!was && is) return { decisionRequestedAt: now, decideBy: decisionDeadline(calendar, settings, now) };
  if (was && !is) return { decisionRequestedAt: null, decideBy: null };
  return {};
}

/** What the figures need about an order's current decision clock. */
export interface DecisionFacts {
  orderId: number;
  /** Set while a request awaits the office (cleared by the decision). */
  decideBy: Date | null;
}

/** A 审批超时 mark: recorded at the office's decision deadline, by the watcher or by a late decision. */
export interface DecisionLateMark {
  orderId: number;
  at: Date;
}

/**
 * The requests the office was late deciding whose decision deadline fell in [start, end), one per
 * order and deadline: those recorded (a decision made late records it at once, the watcher
 * records one still waiting), and those still waiting past a deadline nobody recorded yet.
 */
export function decisionLateInPeriod(
  current: readonly DecisionFacts[],
  marks: readonly DecisionLateMark[],
  start: Date,
  end: Date,
  now: Date,
): number {
  const inPeriod = (d: Date) => d.getTime() >= start.getTime() && d.getTime() < end.getTime();
  const late = new Set<string>();
  for (const m of marks) if (inPeriod(m.at)) late.add(`${m.orderId}@${m.at.getTime()}`);
  for (const f of current) {
    if (!f.decideBy || f.decideBy.getTime() > now.getTime() || !inPeriod(f.decideBy)) continue;
    late.add(`${f.orderId}@${f.decideBy.getTime()}`);
  }
  return late.size;
}
