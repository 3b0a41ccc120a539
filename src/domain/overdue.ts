import { awaitingOffice } from './office-decision.js';
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
  /** An extension request awaits the office's decision (domain/office-decision.ts). */
  extensionPending: boolean;
}

/**
 * The instant the order went overdue against its current deadline, or null if it did not (yet):
 * still with the unit once the deadline passed, or replied after it. Not while a request of the
 * unit awaits the office's decision (domain/office-decision.ts): the decision says which
 * deadline counts, and a rejection leaves the old one, overdue from when it passed.
 */
export function wentOverdueAt(f: DeadlineFacts, now: Date): Date | null {
  if (!f.handleBy || f.handleBy.getTime() > now.getTime()) return null;
  if (UNIT_CLOCK_STATES.includes(f.state)) return awaitingOffice(f) ? null : f.handleBy;
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
 * Whether the watcher's mark still counts, given the order's current facts (when known). A mark
 * of the deadline the order still has is withdrawn by a reply the office recorded as received
 * by that deadline: a faxed reply typed in after the deadline it came before (补录, with its
 * written reason) makes the order answered on time, so it is not also 期内超期. Any other mark
 * stands: an earlier deadline (before an extension or a redo) went unanswered whatever came
 * after, and an order voided after going overdue was overdue.
 */
export function markStands(mark: OverdueMark, current: DeadlineFacts | undefined): boolean {
  if (!current?.handleBy || current.handleBy.getTime() !== mark.at.getTime()) return true;
  return !(current.repliedAt && current.repliedAt.getTime() <= current.handleBy.getTime());
}

/**
 * The orders that went overdue in [start, end), each once, with the unit it counts against:
 * those whose current deadline passed unanswered in the period, and those recorded overdue
 * against an earlier deadline (before an extension or a redo) that fell in the period. A mark
 * is read against the order's current facts (markStands): `current` holds them for a mark of
 * the current deadline, which falls in the period with it; `factsOf` may add others.
 */
export function overdueInPeriod(
  current: readonly DeadlineFacts[],
  marks: readonly OverdueMark[],
  start: Date,
  end: Date,
  now: Date,
  factsOf: ReadonlyMap<number, DeadlineFacts> = new Map(current.map((f) => [f.orderId, f])),
): Map<number, number | null> {
  const inPeriod = (d: Date) => d.getTime() >= start.getTime() && d.getTime() < end.getTime();
  const orders = new Map<number, number | null>();
  for (const m of marks) {
    if (inPeriod(m.at) && !orders.has(m.orderId) && markStands(m, factsOf.get(m.orderId)))
      orders.set(m.orderId, m.unitId);
  }
  for (const f of current) {
    const at = wentOverdueAt(f, now);
    if (at && inPeriod(at) && !orders.has(f.orderId)) orders.set(f.orderId, f.unitId);
  }
  return orders;
}

/**
 * The same count per unit, from pre-summed figures: `summed` holds, per unit, the orders whose
 * current deadline fell in [start, summedEnd) and went unanswered (summedEnd ≤ now); `recent`
 * the current deadlines of [summedEnd, end) as rows; `marks` the watcher's marks of the period
 * and `marked` the current deadlines of the orders they mark. An order is counted once: a marked
 * one against its mark's unit, so it is taken out of `summed` if it is there too.
 */
export function overdueCountsByUnit(
  summed: ReadonlyMap<number, number>,
  recent: readonly DeadlineFacts[],
  marks: readonly OverdueMark[],
  marked: readonly DeadlineFacts[],
  period: { start: Date; summedEnd: Date; end: Date },
  now: Date,
): Map<number, number> {
  const counts = new Map(summed);
  const add = (unitId: number | null, n: number) => {
    if (unitId !== null) counts.set(unitId, (counts.get(unitId) ?? 0) + n);
  };
  const { start, summedEnd, end } = period;
  const factsOf = new Map([...recent, ...marked].map((f) => [f.orderId, f]));
  const orders = overdueInPeriod(recent, marks, start, end, now, factsOf);
  for (const unitId of orders.values()) add(unitId, 1);
  // A marked order whose current deadline is in the summed part is there too: counted once, by its mark.
  for (const f of marked) {
    if (!orders.has(f.orderId)) continue;
    const at = wentOverdueAt(f, now);
    if (at && at.getTime() >= start.getTime() && at.getTime() < summedEnd.getTime()) add(f.unitId, -1);
  }
  for (const [unitId, n] of counts) if (n === 0) counts.delete(unitId);
  return counts;
}
