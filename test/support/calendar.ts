import { statutoryArrangement } from '../../src/modules/calendar/statutory-days.js';

/**
 * A year's days off as a whole State Council notice gives them: the days the law fixes, with the
 * test's own (its names win on a shared date). An import without the law's days is refused.
 */
export function withStatutory(year: number, holidays: Array<{ date: string; name: string }>) {
  const byDate = new Map(statutoryArrangement(year).holidays.map((h) => [h.date as string, h.name]));
  for (const h of holidays) byDate.set(h.date, h.name);
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name }));
}
