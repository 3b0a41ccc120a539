import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { emptyCounts, type Period, type UnitCounts } from '../../domain/figures.js';
import type { RepeatSettings } from '../../domain/repeats.js';
import { addDays, DAY_MS, startOfShanghaiDay } from '../../domain/time.js';
import { UNIT_CLOCK_STATES } from '../../domain/workflow/index.js';
import { cityBulletinCounts } from '../city-bulletins/city-bulletin-figures.js';
import { repeatComplaintsByUnit } from '../repeats/repeat-figures.js';
import { overdueByUnit } from './overdue-orders.js';

export const bounds = (p: Period) => ({
  start: startOfShanghaiDay(p.from).toISOString(),
  end: startOfShanghaiDay(addDays(p.to, 1)).toISOString(),
});

/** Which timeline events feed which count (see docs/figures.md). */
const EVENT_COUNTS: Record<string, (c: UnitCounts, outcome: string | null, n: number) => void> = {
  dispatched: (c, _o, n) => {
    c.received += n;
  },
  signed: (c, o, n) => {
    c.signed += n;
    if (o === 'on_time') c.signedOnTime += n;
  },
  return_requested: (c, _o, n) => {
    c.returned += n;
  },
  return_rejected: (c, _o, n) => {
    c.returnsRejected += n;
  },
  extension_approved: (c, _o, n) => {
    c.extended += n;
  },
  replied: (c, o, n) => {
    c.replied += n;
    if (o === 'on_time') c.repliedOnTime += n;
  },
  redo_ordered: (c, _o, n) => {
    c.redone += n;
  },
  callback_recorded: (c, o, n) => {
    c.callbacks += n;
    if (o === 'satisfied') c.satisfied += n;
    else if (o === 'basically_satisfied') c.basicallySatisfied += n;
    else if (o === 'unsatisfied') c.unsatisfied += n;
    else if (o === 'unreachable') c.unreachable += n;
  },
  urged: (c, _o, n) => {
    c.urges += n;
  },
};
EVENT_COUNTS.fax_reply_recorded = EVENT_COUNTS.replied as (typeof EVENT_COUNTS)[string];

/** Every unit's counts for a period: a few GROUP BY queries, identical on both databases. */
export async function unitCounts(
  db: Kysely<Database>,
  calendar: WorkingCalendar,
  period: Period,
  now: Date,
  repeatSettings: RepeatSettings,
): Promise<Map<number, UnitCounts>> {
  const { start, end } = bounds(period);
  const counts = new Map<number, UnitCounts>();
  const of = (unitId: number) => {
    let c = counts.get(unitId);
    if (!c) {
      c = emptyCounts();
      counts.set(unitId, c);
    }
    return c;
  };

  const grouped = await db
    .selectFrom('work_order_events')
    .select(['unit_id', 'type', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('type', 'in', Object.keys(EVENT_COUNTS))
    .where('at', '>=', start)
    .where('at', '<', end)
    .where('unit_id', 'is not', null)
    .groupBy(['unit_id', 'type', 'outcome'])
    .execute();
  for (const g of grouped) EVENT_COUNTS[g.type]?.(of(Number(g.unit_id)), g.outcome, Number(g.n));

  // Overdue from the deadline instant, whether or not the watcher ran then.
  for (const [unitId, n] of await overdueByUnit(db, start, end, now)) of(unitId).overdueEver = n;

  const overdueNow = await db
    .selectFrom('work_orders')
    .select(['lead_unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('state', 'in', [...UNIT_CLOCK_STATES])
    .where('handle_by', '<=', now.toISOString())
    .where('lead_unit_id', 'is not', null)
    .groupBy('lead_unit_id')
    .execute();
  for (const g of overdueNow) of(Number(g.lead_unit_id)).overdueNow = Number(g.n);

  const coReceived = await db
    .selectFrom('work_order_units')
    .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('role', '=', 'co')
    .where('dispatched_at', '>=', start)
    .where('dispatched_at', '<', end)
    .groupBy('unit_id')
    .execute();
  for (const g of coReceived) of(Number(g.unit_id)).coReceived = Number(g.n);

  // 「重复投诉」: the one definition shared with the bulletins and the dispatcher's detector.
  const repeated = await repeatComplaintsByUnit(db, start, end, repeatSettings);
  for (const [unitId, n] of repeated) of(unitId).repeatedComplaints = n;

  // 被市政府通报: counted by the bulletin's date, as defined once in domain/city-bulletin.ts.
  for (const [unitId, c] of await cityBulletinCounts(db, period)) Object.assign(of(unitId), c);

  await addHandlingTime(db, calendar, start, end, of);
  return counts;
}

/** Working days from the start of each handling (dispatch or redo) to its reply, for the period's replies. */
async function addHandlingTime(
  db: Kysely<Database>,
  calendar: WorkingCalendar,
  start: string,
  end: string,
  of: (unitId: number) => UnitCounts,
) {
  const replies = await db
    .selectFrom('work_order_events')
    .select(['id', 'order_id', 'unit_id', 'at'])
    .where('type', 'in', ['replied', 'fax_reply_recorded'])
    .where('at', '>=', start)
    .where('at', '<', end)
    .where('unit_id', 'is not', null)
    .execute();
  if (replies.length === 0) return;
  const orderIds = [...new Set(replies.map((r) => r.order_id))];
  // Ordered by id, not time: a redo may carry the same instant as the reply it follows.
  const starts = new Map<number, Array<{ id: number; at: string }>>();
  for (let i = 0; i < orderIds.length; i += 500) {
    const rows = await db
      .selectFrom('work_order_events')
      .select(['id', 'order_id', 'at'])
      .where('type', 'in', ['dispatched', 'redo_ordered'])
      .where('order_id', 'in', orderIds.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const r of rows) starts.set(r.order_id, [...(starts.get(r.order_id) ?? []), { id: r.id, at: r.at }]);
  }
  for (const r of replies) {
    const began = (starts.get(r.order_id) ?? []).filter((s) => s.id < r.id).at(-1)?.at;
    if (!began) continue;
    try {
      of(Number(r.unit_id)).handlingWorkingDays +=
        calendar.workingMsBetween(new Date(began), new Date(r.at)) / DAY_MS;
    } catch {
      // A reply in a year the calendar no longer holds: counted, without its handling time.
    }
  }
}
