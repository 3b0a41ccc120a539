import type { Kysely } from 'kysely';
import { basisOf, ComplaintRepeatsRepository } from '../../db/repositories/complaint-repeats.repository.js';
import { RepeatRepository } from '../../db/repositories/repeat.repository.js';
import type { Database } from '../../db/schema.js';
import { type RepeatSettings, repeatedComplaints } from '../../domain/repeats.js';

const DAY_MS = 86_400_000;

/**
 * 「重复投诉」 per unit for complaints registered in [start, end), counted from the rows: the
 * domain's one definition (repeatedComplaints) applied to each complaint against the complaints
 * of the window before it. Used by the bulletins, and by the unit figures while the stored
 * verdicts follow other settings. A repeat counts against the unit handling it, or, when it was
 * merged away, the unit handling the order it repeats.
 */
export async function repeatComplaintsByUnit(
  db: Kysely<Database>,
  start: string,
  end: string,
  settings: RepeatSettings,
): Promise<Map<number, number>> {
  const from = new Date(Date.parse(start) - settings.windowDays * DAY_MS).toISOString();
  const rows = await new RepeatRepository(db).complaintsBetween(from, end);
  const leadOf = new Map(rows.map((r) => [r.id, r.leadUnitId]));
  const counts = new Map<number, number>();
  for (const [id, repeated] of repeatedComplaints(rows, start, settings)) {
    if (!repeated) continue;
    const unitId = leadOf.get(id) ?? repeated.leadUnitId;
    if (unitId !== null) counts.set(unitId, (counts.get(unitId) ?? 0) + 1);
  }
  return counts;
}

/** One refresh or recompute at a time per database in this process (a second caller waits for it). */
const running = new WeakMap<Kysely<Database>, Promise<unknown>>();
function once<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  const next = (running.get(db) ?? Promise.resolve()).catch(() => undefined).then(work);
  running.set(db, next);
  return next;
}

/**
 * The same figures from the stored verdicts (migration 2026-12-01-summaries-002): the verdicts
 * the queued changes can move are recomputed first, through `primary`. When the office changed
 * the repeat settings since the verdicts were computed, this read counts from the rows and all
 * verdicts are recomputed in the background (minutes for a city); reads use them once done.
 */
export async function storedRepeatComplaintsByUnit(
  db: Kysely<Database>,
  primary: Kysely<Database>,
  start: string,
  end: string,
  settings: RepeatSettings,
): Promise<Map<number, number>> {
  const stored = new ComplaintRepeatsRepository(primary);
  if ((await stored.basis()) !== basisOf(settings)) {
    void recomputeRepeatVerdicts(primary, settings).catch((e: unknown) =>
      console.error('重复投诉 recompute failed', e),
    );
    return repeatComplaintsByUnit(db, start, end, settings);
  }
  await once(primary, () => stored.refresh(settings));
  return new ComplaintRepeatsRepository(db).countByUnit(start, end);
}

/** Recomputes every stored verdict under `settings` (after the office changed them), unless they follow them already. */
export function recomputeRepeatVerdicts(primary: Kysely<Database>, settings: RepeatSettings): Promise<void> {
  return once(primary, async () => {
    const stored = new ComplaintRepeatsRepository(primary);
    if ((await stored.basis()) !== basisOf(settings)) await stored.recomputeAll(settings);
  });
}
