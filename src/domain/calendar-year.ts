import { type CalendarDay, ordinaryKind } from './calendar.js';
import { refuse } from './refusal.js';
import { addDays, type IsoDate, isIsoDate, weekday, yearOf } from './time.js';

/** A year's holiday arrangement as the State Council publishes it. */
export interface YearArrangement {
  /** Days off (放假), e.g. 2026-02-15 … 2026-02-23 named 春节. */
  holidays: Array<{ date: IsoDate; name: string }>;
  /** Make-up working days on weekends (调休上班), e.g. 2026-02-14 named 春节. */
  makeupDays: Array<{ date: IsoDate; name: string }>;
}

/** Every day of `year`, with the arrangement applied to the ordinary weekday/weekend pattern. */
export function buildYear(year: number, arrangement: YearArrangement): CalendarDay[] {
  const seen = new Set<string>();
  const check = (date: string, what: string) => {
    if (!isIsoDate(date) || yearOf(date) !== year) {
      refuse(
        'invalid',
        'CALENDAR_DATE_INVALID',
        `${what}日期 ${date} 不是 ${year} 年的有效日期（格式 YYYY-MM-DD）。`,
      );
    }
    if (seen.has(date))
      refuse('invalid', 'CALENDAR_DATE_DUPLICATE', `日期 ${date} 重复出现，不能既放假又调休上班。`);
    seen.add(date);
  };
  const special = new Map<string, CalendarDay>();
  for (const h of arrangement.holidays) {
    check(h.date, '放假');
    special.set(h.date, { date: h.date, kind: 'holiday', name: h.name });
  }
  for (const m of arrangement.makeupDays) {
    check(m.date, '调休上班');
    const wd = weekday(m.date);
    if (wd !== 0 && wd !== 6) {
      refuse(
        'invalid',
        'MAKEUP_NOT_WEEKEND',
        `调休上班日 ${m.date} 不是周末；调休上班只会安排在周六或周日。`,
      );
    }
    special.set(m.date, { date: m.date, kind: 'makeup', name: m.name });
  }
  const days: CalendarDay[] = [];
  for (let d = `${year}-01-01`; yearOf(d) === year; d = addDays(d, 1)) {
    days.push(special.get(d) ?? { date: d, kind: ordinaryKind(d), name: null });
  }
  return days;
}

/** The first year of the law as revised in 2024 (除夕 and 2 May became days off). */
export const STATUTORY_FROM_YEAR = 2025;

/**
 * The days the law fixes as days off (`statutory`) that an arrangement does not give off. The State
 * Council's notice for a year always includes them, so an arrangement missing one was typed or
 * pasted in part (only 元旦 of a whole year's notice once replaced the year, and every festival
 * after it became a working day). Nothing is said for years before the law's revision.
 */
export function missingStatutoryDays(
  year: number,
  arrangement: YearArrangement,
  statutory: YearArrangement,
): Array<{ date: IsoDate; name: string }> {
  if (year < STATUTORY_FROM_YEAR) return [];
  const off = new Set(arrangement.holidays.map((h) => h.date));
  return statutory.holidays.filter((h) => !off.has(h.date));
}
