import type { Kysely } from 'kysely';
import { DeadlineFiguresRepository } from '../../db/repositories/deadline-figures.repository.js';
import type { Database } from '../../db/schema.js';
import { dispatchLateInPeriod } from '../../domain/office-clock.js';

/**
 * 分发超时: the orders the office dispatched late, or has still not dispatched, whose dispatch
 * deadline fell in [start, end) (domain/office-clock.ts). Counted from the deadline instant, so a
 * month's figure is right even when no watcher ran across its end. Shared by the county figures
 * and the bulletins.
 */
export async function dispatchLateCount(
  db: Kysely<Database>,
  start: string,
  end: string,
  now: Date,
): Promise<number> {
  const repo = new DeadlineFiguresRepository(db);
  const [current, marks] = await Promise.all([
    repo.dispatchDeadlinesIn(start, end, now.toISOString()),
    repo.dispatchLateMarksIn(start, end),
  ]);
  return dispatchLateInPeriod(current, marks, new Date(start), new Date(end), now).size;
}
