import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type CalendarDay, WorkingCalendar } from '../../src/domain/calendar.js';
import { DEFAULT_TIME_LIMITS, type TimeLimitSettings } from '../../src/domain/time-limits.js';

/**
 * The working calendar built from the State Council's real holiday arrangements, as packaged
 * by `chinese-days`: `holidays` are days off ('holiday'), `workdays` are the make-up working
 * days (调休上班, 'makeup'). Values look like `Spring Festival,春节,4`.
 */
interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
const data = JSON.parse(
  readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'),
) as ChineseDaysJson;

const nameOf = (value: string): string | null => value.split(',')[1] ?? null;

export const FIXTURE_YEARS = [2025, 2026] as const;

export function calendarDays(years: readonly number[] = FIXTURE_YEARS): CalendarDay[] {
  const inYears = (date: string) => years.includes(Number(date.slice(0, 4)));
  const days: CalendarDay[] = [];
  for (const [date, value] of Object.entries(data.holidays)) {
    if (inYears(date)) days.push({ date, kind: 'holiday', name: nameOf(value) });
  }
  for (const [date, value] of Object.entries(data.workdays)) {
    if (inYears(date)) days.push({ date, kind: 'makeup', name: nameOf(value) });
  }
  return days;
}

export function buildCalendar(years: readonly number[] = FIXTURE_YEARS): WorkingCalendar {
  return new WorkingCalendar(years, calendarDays(years));
}

/** The calendar for 2025 and 2026, shared by the tests (it is immutable). */
export const calendar = buildCalendar();

export const settings = (overrides: Partial<TimeLimitSettings> = {}): TimeLimitSettings => ({
  ...DEFAULT_TIME_LIMITS,
  ...overrides,
});

/** An instant written in Shanghai local time: `sh('2026-02-12T10:00')`. */
export function sh(local: string): Date {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  const d = new Date(`${withSeconds}+08:00`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`bad local time ${local}`);
  return d;
}

/** The start of the Shanghai day after `date`, i.e. 24:00 of `date`. */
export const endOfDay = (date: string): Date => {
  const d = sh(`${date}T00:00`);
  return new Date(d.getTime() + 24 * 60 * 60 * 1000);
};
