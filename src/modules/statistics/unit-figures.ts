import type { Kysely } from 'kysely';
import { StatisticsRepository } from '../../db/repositories/statistics.repository.js';
import type { Database } from '../../db/schema.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { emptyCounts, type Period, type UnitCounts } from '../../domain/figures.js';
import type { RepeatSettings } from '../../domain/repeats.js';
import { addDays, DAY_MS, startOfShanghaiDay } from '../../domain/time.js';
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
  for (const g of await repo.unitEvents(period.from, period.to)) {
    EVENT_COUNTS[g.type]?.(of(g.unitId), g.outcome, g.count);
  }

  // Overdue from the deadline instant, whether or not the watcher ran then.
  for (const [unitId, n] of await overdueByUnit(db, start, end, now)) of(unitId).overdueEver = n;

  for (const [unitId, n] of await repo.overdueNow(UNIT_CLOCK_STATES, now.toISOString())) {
    of(unitId).overdueNow = n;
  }
  for (const [unitId, n] of await repo.coReceived(start, end)) of(unitId).coReceived = n;
  for (const [unitId, n] of await repo.coSilent(start, end)) of(unitId).coSilent = n;

  // 超时签收: the missed sign-for deadlines recorded (marks, late signings without one), and those
  // passed in the period that the watcher has not marked yet, late from the deadline as 期内超期 is.
  const [signLate, unmarked, held] = await Promise.all([
    repo.signLate(period.from, period.to),
    repo.unmarkedSignLate(start, end, now.toISOString()),
    repo.heldAtStartOf(period.from),
  ]);
  for (const [unitId, n] of signLate) of(unitId).signedLate += n;
  for (const [unitId, n] of unmarked) of(unitId).signedLate += n;
  // 期初在手: what the overdue rate and the ranking measure against, beside what came in the period.
  for (const [unitId, n] of held) of(unitId).openAtStart = n;

  // 「重复投诉」: the one definition shared with the bulletins and the dispatcher's detector, stored per complaint.
  const repeated = await storedRepeatComplaintsByUnit(db, primary, start, end, repeatSettings);
  for (const [unitId, n] of repeated) of(unitId).repeatedComplaints = n;

  // 被市政府通报: counted by the bulletin's date, as defined once in domain/city-bulletin.ts.
  for (const [unitId, c] of await cityBulletinCounts(db, period)) Object.assign(of(unitId), c);

  addHandlingTime(await repo.replySpans(period.from, period.to), calendar, of);
  return counts;
}

/**
 * Working days from the start of each handling (dispatch or redo) to its reply, for the period's
 * replies, from the pre-summed spans: for instants b ≤ r on Beijing days B ≤ R, the working time
 * between them is the working time from the start of B to the start of R, plus r's time into R
 * if R is a working day, less b's time into B if B is one. Summed over a group of spans that
 * share B and R, that needs only their count and the sums of their times of day, so the calendar
 * as it stands now (holidays entered later included) applies. A span that reaches a year the
 * calendar no longer holds is counted without its handling time, as before.
 */
function addHandlingTime(
  spans: Awaited<ReturnType<StatisticsRepository['replySpans']>>,
  calendar: WorkingCalendar,
  of: (unitId: number) => UnitCounts,
) {
  const between = new Map<string, number | null>();
  const daysBetween = (from: string, to: string) => {
    const key = `${from}/${to}`;
    if (!between.has(key)) {
      try {
        between.set(key, calendar.workingMsBetween(startOfShanghaiDay(from), startOfShanghaiDay(to)));
      } catch {
        between.set(key, null);
      }
    }
    return between.get(key) ?? null;
  };
  for (const s of spans) {
    const whole = daysBetween(s.beganDay, s.replyDay);
    let ms: number;
    try {
      if (whole === null) continue;
      ms =
        s.count * whole +
        (calendar.isWorkingDay(s.replyDay) ? s.replyMs : 0) -
        (calendar.isWorkingDay(s.beganDay) ? s.beganMs : 0);
    } catch {
      continue; // A reply in a year the calendar no longer holds: counted, without its handling time.
    }
    of(s.unitId).handlingWorkingDays += ms / DAY_MS;
  }
}
