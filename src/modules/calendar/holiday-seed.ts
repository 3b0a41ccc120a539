import { createRequire } from 'node:module';
import type { YearArrangement } from '../../domain/calendar-year.js';

/**
 * The State Council's arrangements for the years the `chinese-days` package holds (to 2026):
 * the seed of the calendar that then lives in the database and that administrators edit.
 */
type DayMap = Record<string, string>;
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: DayMap;
  workdays: DayMap;
};

/** The package's names look like `Spring Festival,春节,4`; keep the Chinese one. */
const chineseName = (raw: string) => raw.split(',')[1] ?? raw;

export function packagedArrangement(year: number): YearArrangement | null {
  const pick = (map: DayMap) =>
    Object.entries(map)
      .filter(([date]) => date.startsWith(`${year}-`))
      .map(([date, name]) => ({ date, name: chineseName(name) }));
  const holidays = pick(data.holidays);
  return holidays.length > 0 ? { holidays, makeupDays: pick(data.workdays) } : null;
}

export const SEEDED_YEARS = [2025, 2026];
