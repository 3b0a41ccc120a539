import { AppRefusal } from './refusal.js';
import { addDays, DAY_MS, type IsoDate, shanghaiDate, startOfShanghaiDay, weekday, yearOf } from './time.js';

/**
 * The working-day calendar (工作日历): weekends and the State Council's public holidays are
 * off, its make-up working days (调休上班) are on. It holds whole years only; asking about a
 * year it does not hold is refused rather than guessed, because a guessed weekday calendar
 * silently produces wrong deadlines around the holidays.
 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface CalendarDay {
  date: IsoDate;
  kind: DayKind;
  /** Holiday name for holidays and make-up days, e.g. 春节. */
  name: string | null;
}

export function isWorkingKind(kind: DayKind): boolean {
  return kind === 'workday' || kind === 'makeup';
}

/** The kind a date has when no holiday arrangement touches it. */
export function ordinaryKind(date: IsoDate): DayKind {
  const wd = weekday(date);
  return wd === 0 || wd === 6 ? 'weekend' : 'workday';
}

export class CalendarYearMissing extends AppRefusal {
  constructor(readonly year: number) {
    super(
      'CALENDAR_YEAR_MISSING',
      `工作日历中没有 ${year} 年的数据，无法按工作日计算时限。请系统管理员先录入或导入 ${year} 年的节假日安排。`,
      { year },
      'rule',
    );
  }
}

export class WorkingCalendar {
  private readonly working = new Map<IsoDate, boolean>();
  private readonly years: ReadonlySet<number>;

  /** `days` may hold only the exceptions; every other date of a held year is ordinary. */
  constructor(years: Iterable<number>, days: Iterable<CalendarDay>) {
    this.years = new Set(years);
    for (const day of days) this.working.set(day.date, isWorkingKind(day.kind));
  }

  holdsYear(year: number): boolean {
    return this.years.has(year);
  }

  heldYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isWorkingDay(date: IsoDate): boolean {
    const year = yearOf(date);
    if (!this.years.has(year)) throw new CalendarYearMissing(year);
    return this.working.get(date) ?? ordinaryKind(date) === 'workday';
  }

  /** The first working day on or after `date`. */
  nextWorkingDayFrom(date: IsoDate): IsoDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /**
   * The last day of a period of `n` working days that starts on `start` (民法典 art. 201:
   * the starting day is not counted). With n = 0 the answer is the first working day on or
   * after the start, so that a zero-length period still ends on a working day.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
    if (n === 0) return this.nextWorkingDayFrom(start);
    let d = start;
    let counted = 0;
    while (counted < n) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) counted++;
    }
    return d;
  }

  /**
   * Working time between two instants: the part of [from, to) that falls on working days,
   * in milliseconds. Negative when `to` is before `from`.
   */
  workingMsBetween(from: Date, to: Date): number {
    if (to.getTime() < from.getTime()) return -this.workingMsBetween(to, from);
    let total = 0;
    let day = shanghaiDate(from);
    const lastDay = shanghaiDate(to);
    for (;;) {
      const dayStart = startOfShanghaiDay(day).getTime();
      const lo = Math.max(dayStart, from.getTime());
      const hi = Math.min(dayStart + DAY_MS, to.getTime());
      if (hi > lo && this.isWorkingDay(day)) total += hi - lo;
      if (day === lastDay) break;
      day = addDays(day, 1);
    }
    return total;
  }
}
