import type { Kysely } from 'kysely';
import { DeadlineFiguresRepository } from '../../db/repositories/deadline-figures.repository.js';
import type { Database } from '../../db/schema.js';
import { decisionLateInPeriod } from '../../domain/office-decision.js';

/**
 * 审批超时: the units' requests (延期、回退) the office decided late, or has still not decided,
 * whose decision deadline fell in [start, end) (domain/office-decision.ts). The office's own
 * lateness, beside its 分发超时; shared by the county figures and the bulletins.
 */
export async function decisionLateCount(
  db: Kysely<Database>,
  start: string,
  end: string,
  now: Date,
): Promise<number> {
  const repo = new DeadlineFiguresRepository(db);
  const [current, marks] = await Promise.all([
    repo.decisionDeadlinesIn(start, end, now.toISOString()),
    repo.decisionLateMarksIn(start, end),
  ]);
  return decisionLateInPeriod(current, marks, new Date(start), new Date(end), now);
}
