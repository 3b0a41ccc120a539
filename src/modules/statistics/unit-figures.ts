import type { Kysely } from 'kysely';
import { StatisticsRepository } from '../../db/repositories/statistics.repository.js';
import type { Database } from '../../db/schema.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { emptyCounts, type Period, type UnitCounts } from '../../domain/figures.js';
import { handlingWorkingDays, heldRunStarts } from '../../domain/handling-time.js';
import type { RepeatSettings } from '../../domain/repeats.js';
import { addDays, startOfShanghaiDay } from '../../domain/time.js';
import { UNIT_CLOCK_STATES } from '../../domain/workflow/index.js';
import { cityBulletinCounts } from '../city-bulletins/city-bulletin-figures.js';
import { storedRepeatComplaintsByUnit } from '../repeats/repeat-figures.js';
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

/**
 * Every unit's counts for a period: the pre-summed daily figures and a few queries, identical on
 * both databases. `primary` stores the repeat verdicts the reads bring up to date (`db` may be a replica).
 */
export async function unitCounts(
  db: Kysely<Database>,
  calendar: WorkingCalendar,
  period: Period,
  now: Date,
  repeatSettings: RepeatSettings,
  primary: Kysely<Database> = db,
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

  const repo = new StatisticsRepository(db);
  // The reads do not depend on each other: on PostgreSQL they run at once on the pool's
  // connections (a year at a million orders: ~0.3 s instead of their sum); SQLite runs them in turn.
  const [
    events,
    overdueEver,
    overdueNow,
    coReceived,
    coSilent,
    signLate,
    unmarked,
    held,
    repeated,
    bulletins,
    daySums,
  ] = await Promise.all([
    repo.unitEvents(period.from, period.to),
    // Overdue from the deadline instant, whether or not the watcher ran then.
    overdueByUnit(db, start, end, now),
    repo.overdueNow(UNIT_CLOCK_STATES, now.toISOString()),
    repo.coReceived(start, end),
    repo.coSilent(start, end),
    // 超时签收: the missed sign-for deadlines recorded (marks, late signings without one), and those
    // passed in the period that the watcher has not marked yet, late from the deadline as 期内超期 is.
    repo.signLate(period.from, period.to),
    repo.unmarkedSignLate(start, end, now.toISOString()),
    // 期初在手: what the overdue rate and the ranking measure against, beside what came in the period.
    repo.heldAtStartOf(period.from),
    // 「重复投诉」: the one definition shared with the bulletins and the dispatcher's detector, stored per complaint.
    storedRepeatComplaintsByUnit(db, primary, start, end, repeatSettings),
    // 被市政府通报: counted by the bulletin's date, as defined once in domain/city-bulletin.ts.
    cityBulletinCounts(db, period),
    repo.replyDayTotals(period.from, period.to, heldRunStarts(calendar, period.from, period.to)),
  ]);
  for (const g of events) EVENT_COUNTS[g.type]?.(of(g.unitId), g.outcome, g.count);
  for (const [unitId, n] of overdueEver) of(unitId).overdueEver = n;
  for (const [unitId, n] of overdueNow) of(unitId).overdueNow = n;
  for (const [unitId, n] of coReceived) of(unitId).coReceived = n;
  for (const [unitId, n] of coSilent) of(unitId).coSilent = n;
  for (const [unitId, n] of signLate) of(unitId).signedLate += n;
  for (const [unitId, n] of unmarked) of(unitId).signedLate += n;
  for (const [unitId, n] of held) of(unitId).openAtStart = n;
  for (const [unitId, n] of repeated) of(unitId).repeatedComplaints = n;
  for (const [unitId, c] of bulletins) Object.assign(of(unitId), c);
  for (const [unitId, days] of handlingWorkingDays(daySums, calendar)) of(unitId).handlingWorkingDays += days;
  return counts;
}
