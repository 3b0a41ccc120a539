import type { Kysely } from 'kysely';
import { type RepeatCandidateRow, RepeatRepository } from '../../db/repositories/repeat.repository.js';
import type { Database } from '../../db/schema.js';
import { phoneKey, type RepeatSettings, repeatedComplaintOf } from '../../domain/repeats.js';

const DAY_MS = 86_400_000;

/**
 * 「重复投诉」 per unit for complaints registered in [start, end): the domain's one definition
 * (repeatedComplaintOf), applied to each complaint against the complaints of the window before
 * it that share its phone, its place, or its link. Used by the unit figures and the bulletins.
 * A repeat counts against the unit handling it, or, when it was merged away, the unit handling
 * the order it repeats.
 */
export async function repeatComplaintsByUnit(
  db: Kysely<Database>,
  start: string,
  end: string,
  settings: RepeatSettings,
): Promise<Map<number, number>> {
  const from = new Date(Date.parse(start) - settings.windowDays * DAY_MS).toISOString();
  const rows = await new RepeatRepository(db).complaintsBetween(from, end);
  const byPhone = group(rows, (r) => phoneKey(r.phone));
  const byPlace = group(rows, (r) => r.placeKey);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const counts = new Map<number, number>();
  for (const order of rows) {
    if (order.createdAt < start) continue;
    const earlier = new Set<RepeatCandidateRow>([
      ...(byPhone.get(phoneKey(order.phone)) ?? []),
      ...(order.placeKey ? (byPlace.get(order.placeKey) ?? []) : []),
    ]);
    const linked = order.repeatOfId === null ? undefined : byId.get(order.repeatOfId);
    if (linked) earlier.add(linked);
    const repeated = repeatedComplaintOf(order, [...earlier], settings) as RepeatCandidateRow | null;
    if (!repeated) continue;
    const unitId = order.leadUnitId ?? repeated.leadUnitId;
    if (unitId !== null) counts.set(unitId, (counts.get(unitId) ?? 0) + 1);
  }
  return counts;
}

function group<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === '') continue;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
