import type { WorkingCalendar } from './calendar.js';
import { DAY_MS, type IsoDate, startOfShanghaiDay } from './time.js';

/**
 * A unit's handling time (办理用时, working days from the start of each handling to its reply) from
 * day sums rather than from each reply. For instants b ≤ r on Beijing days B ≤ R, the working time
 * between them is W(R) − W(B) plus r's time into R if R is a working day, less b's time into B if B
 * is one, where W(d) is the working time from a fixed day to the start of d. Summed over replies,
 * the R side and the B side separate: per day, only the number of replies (or starts) and the sum
 * of their times of day are needed, with the calendar as it stands now (holidays entered later
 * included). The calendar holds whole years; a reply whose handling reaches a year it does not
 * hold is counted without its handling time (the reads leave it out, `heldRunStarts`).
 */
export interface DayTotal {
  unitId: number;
  day: IsoDate;
  count: number;
  /** The replies' (or starts') milliseconds into their Beijing day, summed. */
  ms: number;
}

/**
 * For each year of the period's, the first day of the run of years the calendar holds without a
 * gap up to it: a handling that began on or after it can be measured to a reply in that year.
 * A year the calendar does not hold has none.
 */
export function heldRunStarts(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): Map<string, string> {
  const starts = new Map<string, string>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    if (!calendar.holdsYear(year)) continue;
    let first = year;
    while (calendar.holdsYear(first - 1)) first--;
    starts.set(String(year), `${first}-01-01`);
  }
  return starts;
}

/** Working days of handling per unit: the replies' side less the starts' side. */
export function handlingWorkingDays(
  sums: { replies: readonly DayTotal[]; starts: readonly DayTotal[] },
  calendar: WorkingCalendar,
): Map<number, number> {
  const reach = workingTimeReached(
    calendar,
    [...sums.replies, ...sums.starts].map((s) => s.day),
  );
  const totals = new Map<number, number>();
  const add = (s: DayTotal, sign: 1 | -1) => {
    const at = reach.get(s.day) as { w: number; working: boolean };
    const ms = s.count * at.w + (at.working ? s.ms : 0);
    totals.set(s.unitId, (totals.get(s.unitId) ?? 0) + sign * ms);
  };
  for (const s of sums.replies) add(s, 1);
  for (const s of sums.starts) add(s, -1);
  return new Map([...totals].map(([unitId, ms]) => [unitId, ms / DAY_MS]));
}

/**
 * W(d) for each day: the working time from the earliest day given to the start of d, and whether d
 * is a working day. Across a year the calendar does not hold the count starts again from zero: a
 * reply and its start are always in one run of held years, so the offset cancels.
 */
function workingTimeReached(calendar: WorkingCalendar, days: readonly IsoDate[]) {
  const reach = new Map<IsoDate, { w: number; working: boolean }>();
  let previous: IsoDate | null = null;
  let w = 0;
  for (const day of [...new Set(days)].sort()) {
    if (previous !== null) {
      try {
        w += calendar.workingMsBetween(startOfShanghaiDay(previous), startOfShanghaiDay(day));
      } catch {
        w = 0;
      }
    }
    reach.set(day, { w, working: calendar.isWorkingDay(day) });
    previous = day;
  }
  return reach;
}
