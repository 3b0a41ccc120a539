import { type OrderState, UNIT_CLOCK_STATES } from './workflow/states.js';

/**
 * When an order went overdue (超期), read from its deadline and its reply, not from when the
 * deadline watcher noticed: an order is overdue from the instant its deadline passes. The
 * figures count an order in the period that instant falls in, even if no server ran then
 * (docs/figures.md).
 */
export interface DeadlineFacts {
  orderId: number;
  /** The lead unit the overdue order counts against. */
  unitId: number | null;
  state: OrderState;
  handleBy: Date | null;
  repliedAt: Date | null;
}

/**
 * The instant the order went overdue against its current deadline, or null if it did not (yet):
 * still with the unit once the deadline passed, or replied after it.
 */
export function wentOverdueAt(f: DeadlineFacts, now: Date): Date | null {
  if (!f.handleBy || f.handleBy.getTime() > now.getTime()) return null;
  if (UNIT_CLOCK_STATES.includes(f.state)) return f.handleBy;
  if (f.state === 'pending_dispatch' || f.state === 'voided') return null;
  return f.repliedAt && f.repliedAt.getTime() > f.handleBy.getTime() ? f.handleBy : null;
}

/** An overdue mark the watcher recorded (at its deadline), for a deadline the order no longer has. */
export interface OverdueMark {
  orderId: number;
  unitId: number | null;
  at: Date;
}

/**
 * The orders that went overdue in [start, end), each once, with the unit it counts against:
 * those whose current deadline passed unanswered in the period, and those recorded overdue
 * against an earlier deadline (before an extension or a redo) that fell in the period.
 */
export function overdueInPeriod(
  current: readonly DeadlineFacts[],
  marks: readonly OverdueMark[],
  start: Date,
  end: Date,
  now: Date,
): Map<number, number | null> {
  const inPeriod = (d: Date) => d.getTime() >= start.getTime() && d.getTime() < end.getTime();
  const orders = new Map<number, number | null>();
  for (const m of marks) if (inPeriod(m.at) && !orders.has(m.orderId)) orders.set(m.orderId, m.unitId);
  for (const f of current) {
    const at = wentOverdueAt(f, now);
    if (at && inPeriod(at) && !orders.has(f.orderId)) orders.set(f.orderId, f.unitId);
  }
  return orders;
}
