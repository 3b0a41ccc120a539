import type { Kysely } from 'kysely';
import { DeadlineFiguresRepository } from '../../db/repositories/deadline-figures.repository.js';
import type { Database } from '../../db/schema.js';
import { overdueInPeriod } from '../../domain/overdue.js';

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

/** The same, counted per unit. */
export async function overdueByUnit(
  db: Kysely<Database>,
  start: string,
  end: string,
  now: Date,
): Promise<Map<number, number>> {
  const byUnit = new Map<number, number>();
  for (const unitId of (await overdueOrders(db, start, end, now)).values()) {
    if (unitId !== null) byUnit.set(unitId, (byUnit.get(unitId) ?? 0) + 1);
  }
  return byUnit;
}
