import type { Kysely } from 'kysely';
import { DeadlineFiguresRepository } from '../../db/repositories/deadline-figures.repository.js';
import type { Database } from '../../db/schema.js';
import { overdueCountsByUnit, overdueInPeriod } from '../../domain/overdue.js';
import { DAY_MS, shanghaiDate, startOfShanghaiDay } from '../../domain/time.js';

/**
 * The orders that went overdue in [start, end) and the unit each counts against: from the
 * deadlines and reply times (domain/overdue.ts), so a month's figures are right even when no
 * watcher ran across its end. Shared by the unit figures, the ranking, the drill-down and the
 * bulletins.
 */
export async function overdueOrders(
  db: Kysely<Database>,
  start: string,
  end: string,
  now: Date,
): Promise<Map<number, number | null>> {
  const repo = new DeadlineFiguresRepository(db);
  const [current, marks] = await Promise.all([
    repo.deadlinesIn(start, end, now.toISOString()),
    repo.overdueMarksIn(start, end),
  ]);
  return overdueInPeriod(current, marks, new Date(start), new Date(end), now);
}

/**
 * The same, counted per unit: the deadlines of the days before today from the pre-summed
 * figures (migration 2026-12-01-summaries-002), today's and later ones and the watcher's marks
 * from the rows (domain/overdue.ts, overdueCountsByUnit).
 */
export async function overdueByUnit(
  db: Kysely<Database>,
  start: string,
  end: string,
  now: Date,
): Promise<Map<number, number>> {
  const repo = new DeadlineFiguresRepository(db);
  const today = startOfShanghaiDay(shanghaiDate(now));
  const summedEnd = new Date(Math.max(Date.parse(start), Math.min(Date.parse(end), today.getTime())));
  const lastSummedDay = shanghaiDate(new Date(summedEnd.getTime() - DAY_MS));
  const [summed, recent, marks] = await Promise.all([
    summedEnd.getTime() > Date.parse(start)
      ? repo.unansweredByUnit(shanghaiDate(new Date(start)), lastSummedDay)
      : new Map<number, number>(),
    repo.deadlinesIn(summedEnd.toISOString(), end, now.toISOString()),
    repo.overdueMarksIn(start, end),
  ]);
  const marked = await repo.deadlinesOf([...new Set(marks.map((m) => m.orderId))]);
  return overdueCountsByUnit(
    summed,
    recent,
    marks,
    marked,
    { start: new Date(start), summedEnd, end: new Date(end) },
    now,
  );
}
