import type { WorkingCalendar } from './calendar.js';
import type { Urgency } from './deadlines.js';
import { addDays, HOUR_MS, shanghaiDate, startOfShanghaiDay } from './time.js';
import type { TimeLimitSettings } from './time-limits.js';
import type { OrderState } from './workflow/states.js';

/**
 * The office's own clock (通知二(一):县热线办收到工单后「第一时间……及时分发」). An order
 * registered or received from the city, and not yet dispatched, must be dispatched by its
 * dispatch deadline:
 * - a normal order within `dispatchWorkingHours` working hours of its receipt, counted on the
 *   working-day calendar (only time on working days counts, so an order received on Saturday
 *   is due the same hours into Monday);
 * - an urgent or leader-instructed order within `urgentDispatchHours` natural hours (急事急办:
 *   the city counts urgent orders in natural hours too).
 * It is due soon (即将超时) once half of its window has passed. Like the units' deadlines, the
 * dispatch deadline is computed once, when the clock starts (receipt; again when the office
 * takes a returned order back), and stored on the order.
 */
export type DispatchSettings = Pick<TimeLimitSettings, 'dispatchWorkingHours' | 'urgentDispatchHours'>;

export interface DispatchClock {
  dispatchBy: Date;
  /** From when the order is due soon for dispatch. */
  dispatchWarnAt: Date;
}

/** The instant at which `workingMs` of working time has passed since `start` (working days only). */
export function afterWorkingTime(calendar: WorkingCalendar, start: Date, workingMs: number): Date {
  let remaining = workingMs;
  let cursor = start.getTime();
  let day = shanghaiDate(start);
  for (;;) {
    const dayEnd = startOfShanghaiDay(addDays(day, 1)).getTime();
    if (calendar.isWorkingDay(day)) {
      const span = dayEnd - cursor;
      if (span >= remaining) return new Date(cursor + remaining);
      remaining -= span;
    }
    cursor = dayEnd;
    day = addDays(day, 1);
  }
}

const natural = (urgency: Urgency) => urgency === 'urgent' || urgency === 'leader';

export function dispatchClock(
  calendar: WorkingCalendar,
  settings: DispatchSettings,
  receivedAt: Date,
  urgency: Urgency,
): DispatchClock {
  if (natural(urgency)) {
    const window = settings.urgentDispatchHours * HOUR_MS;
    return {
      dispatchBy: new Date(receivedAt.getTime() + window),
      dispatchWarnAt: new Date(receivedAt.getTime() + window / 2),
    };
  }
  const window = settings.dispatchWorkingHours * HOUR_MS;
  return {
    dispatchBy: afterWorkingTime(calendar, receivedAt, window),
    dispatchWarnAt: afterWorkingTime(calendar, receivedAt, window / 2),
  };
}

export type DispatchStatus = 'ok' | 'due_soon' | 'overdue';

/** Where an undispatched order stands against its dispatch deadline at `now`. */
export function readDispatchClock(clock: DispatchClock, now: Date): DispatchStatus {
  if (now.getTime() >= clock.dispatchBy.getTime()) return 'overdue';
  return now.getTime() >= clock.dispatchWarnAt.getTime() ? 'due_soon' : 'ok';
}

export interface OfficeClockProblem {
  field: 'dispatchWorkingHours' | 'urgentDispatchHours';
  message: string;
}

/**
 * The office's limit must be stricter than the unit's handling limit for the same urgency: an
 * order may not spend longer waiting for dispatch than a unit is given to handle it.
 */
export function officeClockProblems(
  settings: Pick<
    TimeLimitSettings,
    'dispatchWorkingHours' | 'urgentDispatchHours' | 'handleWorkingDays' | 'urgentHandleHours'
  >,
): OfficeClockProblem[] {
  const problems: OfficeClockProblem[] = [];
  if (settings.dispatchWorkingHours >= settings.handleWorkingDays * 24) {
    problems.push({
      field: 'dispatchWorkingHours',
      message: `普通件分发时限（${settings.dispatchWorkingHours} 个工作小时）须短于普通件办理时限（${settings.handleWorkingDays} 个工作日）。`,
    });
  }
  if (settings.urgentDispatchHours >= settings.urgentHandleHours) {
    problems.push({
      field: 'urgentDispatchHours',
      message: `急件分发时限（${settings.urgentDispatchHours} 小时）须短于急件办理时限（${settings.urgentHandleHours} 小时）。`,
    });
  }
  return problems;
}

/** What the figures need about an order's current dispatch clock. */
export interface DispatchFacts {
  orderId: number;
  state: OrderState;
  dispatchBy: Date | null;
  /** The dispatch that stopped the current clock (null while it runs). */
  dispatchedAt: Date | null;
  /** Answered on the spot (直办) instead of dispatched: the clock stopped when it closed. */
  closedAt: Date | null;
}

/** When the office's clock stopped for the current dispatch deadline, or null if it still runs. */
function stoppedAt(f: DispatchFacts): Date | null {
  if (f.state === 'pending_dispatch') return null;
  if (f.dispatchedAt) return f.dispatchedAt;
  if (f.state === 'closed') return f.closedAt;
  return null;
}

/**
 * The instant an order became late for dispatch (分发超时), or null: its dispatch deadline, if
 * by `now` that deadline has passed with the order still undispatched, or it was dispatched (or
 * answered on the spot) after it. A voided order without a watcher's mark is not counted: when
 * it was voided is not kept apart from its last change.
 */
export function dispatchLateAt(f: DispatchFacts, now: Date): Date | null {
  if (!f.dispatchBy || f.dispatchBy.getTime() > now.getTime()) return null;
  if (f.state === 'pending_dispatch') return f.dispatchBy;
  const stopped = stoppedAt(f);
  return stopped && stopped.getTime() > f.dispatchBy.getTime() ? f.dispatchBy : null;
}

/** A late-dispatch mark the deadline watcher recorded (at the dispatch deadline). */
export interface DispatchLateMark {
  orderId: number;
  at: Date;
}

/**
 * The orders that became late for dispatch in [start, end), each once: counted from the
 * dispatch deadline, whether or not a watcher ran then; marks keep earlier clocks (before a
 * return) and voided orders the watcher saw.
 */
export function dispatchLateInPeriod(
  current: readonly DispatchFacts[],
  marks: readonly DispatchLateMark[],
  start: Date,
  end: Date,
  now: Date,
): Set<number> {
  const inPeriod = (d: Date) => d.getTime() >= start.getTime() && d.getTime() < end.getTime();
  const late = new Set<number>();
  for (const m of marks) if (inPeriod(m.at)) late.add(m.orderId);
  for (const f of current) {
    const at = dispatchLateAt(f, now);
    if (at && inPeriod(at)) late.add(f.orderId);
  }
  return late;
}
