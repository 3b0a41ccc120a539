import { normalisePhone } from './citizen-phone.js';
import { similarityTo } from './text-similarity.js';

/**
 * Repeats (重复诉求): one definition, used by the dispatcher's detector while an order is
 * registered, by the unit figures and by the bulletins (「重复投诉」).
 *
 * An earlier order is a *candidate* for a new one when it is open, or was registered within
 * the office's window (default 30 days), and it came from the same phone, concerns the same
 * address (place), or says much the same thing in the same township. Candidates are ranked
 * by how much they have in common.
 *
 * A complaint is a *repeat complaint* (重复投诉) when an earlier complaint within the window
 * is about the same matter: the office linked or merged it to that one, or it came from the
 * same phone or the same place and is about the same thing (the same category when both are
 * classified, otherwise similar text). Similar text from a different phone and address is
 * shown to the dispatcher but counts only once the office links it: the figures never blame
 * a unit for a coincidence.
 */

export interface RepeatSettings {
  /** Orders registered this many days back are shown as candidates and count as repeats. */
  windowDays: number;
  /** Text similarity (0–1, Dice over character pairs) from which two texts are "about the same thing". */
  minSimilarity: number;
}

export const DEFAULT_REPEAT_SETTINGS: RepeatSettings = { windowDays: 30, minSimilarity: 0.3 };

/** What the rule reads of an order. Instants are ISO 8601 UTC strings. */
export interface RepeatFacts {
  id: number;
  type: string;
  phone: string;
  placeKey: string;
  townshipUnitId: number | null;
  categoryId: number | null;
  /** Title and the start of the content: enough to compare, cheap to load. */
  text: string;
  createdAt: string;
  open: boolean;
  /** The order the office linked this one to as a repeat, or merged it into. */
  repeatOfId: number | null;
}

export type RepeatReason = 'phone' | 'place' | 'content';

export const REPEAT_REASON_LABELS: Record<RepeatReason, string> = {
  phone: '同一来电号码',
  place: '同一地址',
  content: '同乡镇内容相近',
};

export interface RepeatMatch {
  reasons: RepeatReason[];
  similarity: number;
  /** Higher first: what the dispatcher sees at the top. */
  score: number;
  /** Whether, were both complaints, the later would count as a repeat complaint. */
  sameMatter: boolean;
}

/** Digits only, without the country code: "+86 139-0000-1111" and "13900001111" are one phone. */
export function phoneKey(phone: string): string {
  return normalisePhone(phone).replace(/\D/g, '');
}

const DAY_MS = 86_400_000;

/** Whether `earlier` falls in the window before `later` (or is still open, for the detector). */
export function withinWindow(later: string, earlier: string, settings: RepeatSettings): boolean {
  const gap = Date.parse(later) - Date.parse(earlier);
  return gap >= 0 && gap <= settings.windowDays * DAY_MS;
}

/**
 * How `candidate` relates to `probe` (the new order), or null when it is no candidate.
 * Pass `similarity` (from `similarityTo(probe.text)`) to compare many candidates with one probe.
 */
export function matchRepeat(
  probe: RepeatFacts,
  candidate: RepeatFacts,
  settings: RepeatSettings,
  similarityToProbe: (text: string) => number = similarityTo(probe.text),
): RepeatMatch | null {
  if (candidate.id === probe.id) return null;
  if (!candidate.open && !withinWindow(probe.createdAt, candidate.createdAt, settings)) return null;
  if (Date.parse(candidate.createdAt) > Date.parse(probe.createdAt)) return null;
  const reasons: RepeatReason[] = [];
  const probePhone = phoneKey(probe.phone);
  if (probePhone.length >= 5 && probePhone === phoneKey(candidate.phone)) reasons.push('phone');
  if (probe.placeKey !== '' && probe.placeKey === candidate.placeKey) reasons.push('place');
  const similarity = similarityToProbe(candidate.text);
  const similar = similarity >= settings.minSimilarity;
  const sameTownship = probe.townshipUnitId !== null && probe.townshipUnitId === candidate.townshipUnitId;
  if (similar && sameTownship) reasons.push('content');
  const linked = probe.repeatOfId === candidate.id;
  if (reasons.length === 0 && !linked) return null;
  const bothClassified = probe.categoryId !== null && candidate.categoryId !== null;
  const sameThing = bothClassified ? probe.categoryId === candidate.categoryId : similar;
  const sameMatter = linked || ((reasons.includes('phone') || reasons.includes('place')) && sameThing);
  const score =
    (linked ? 4 : 0) +
    (reasons.includes('phone') ? 2 : 0) +
    (reasons.includes('place') ? 2 : 0) +
    (sameThing ? 1 : 0) +
    similarity * 2 +
    (candidate.open ? 0.5 : 0);
  return { reasons, similarity: Math.round(similarity * 100) / 100, score, sameMatter };
}

/**
 * 「重复投诉」: whether the complaint `order` repeats one of `earlier` (any orders; only
 * complaints registered within the window before it count). Returns the one it repeats.
 */
export function repeatedComplaintOf(
  order: RepeatFacts,
  earlier: readonly RepeatFacts[],
  settings: RepeatSettings,
): RepeatFacts | null {
  if (order.type !== 'complaint') return null;
  const similarity = similarityTo(order.text);
  for (const e of earlier) {
    if (e.type !== 'complaint' || e.id === order.id) continue;
    if (!withinWindow(order.createdAt, e.createdAt, settings)) continue;
    if (e.createdAt === order.createdAt && e.id > order.id) continue;
    const m = matchRepeat(order, { ...e, open: false }, settings, similarity);
    if (m?.sameMatter) return e;
  }
  return null;
}

/**
 * Of a township's recent orders (id and compared text), the ones whose text is close enough to
 * the probe's to be candidates for their content alone, most similar first, at most `limit`.
 * The same test `matchRepeat` applies for the 'content' reason, so reading only these rows in
 * full changes nothing in the ranking.
 */
export function similarInText(
  probeText: string,
  rows: ReadonlyArray<{ id: number; text: string }>,
  settings: RepeatSettings,
  limit: number,
): number[] {
  const similarity = similarityTo(probeText);
  const found: Array<{ id: number; similarity: number }> = [];
  for (const r of rows) {
    const s = similarity(r.text);
    if (s >= settings.minSimilarity) found.push({ id: r.id, similarity: s });
  }
  found.sort((a, b) => b.similarity - a.similarity || b.id - a.id);
  return found.slice(0, limit).map((f) => f.id);
}

/** Ranks candidates for the detector: best first, at most `limit`. */
export function rankRepeats<T extends RepeatFacts>(
  probe: RepeatFacts,
  candidates: readonly T[],
  settings: RepeatSettings,
  limit = 10,
): Array<T & { match: RepeatMatch }> {
  const similarity = similarityTo(probe.text);
  const found: Array<T & { match: RepeatMatch }> = [];
  for (const c of candidates) {
    const match = matchRepeat(probe, c, settings, similarity);
    if (match) found.push({ ...c, match });
  }
  found.sort((a, b) => b.match.score - a.match.score || b.createdAt.localeCompare(a.createdAt));
  return found.slice(0, limit);
}

/**
 * 「重复投诉」 over a run of complaints: for each complaint registered at or after `from`, the
 * earlier complaint it repeats (repeatedComplaintOf), compared with the complaints of `rows`
 * that share its phone or its place, or that it is linked to. `rows` must hold every complaint
 * of the window before `from` as well (and none the figures leave out: voided, unless merged).
 * Complaints that repeat nothing map to null.
 */
export function repeatedComplaints<T extends RepeatFacts>(
  rows: readonly T[],
  from: string,
  settings: RepeatSettings,
): Map<number, T | null> {
  const byPhone = groupBy(rows, (r) => phoneKey(r.phone));
  const byPlace = groupBy(rows, (r) => r.placeKey);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const verdicts = new Map<number, T | null>();
  for (const order of rows) {
    if (order.createdAt < from || order.type !== 'complaint') continue;
    const earlier = new Set<T>([
      ...(byPhone.get(phoneKey(order.phone)) ?? []),
      ...(order.placeKey ? (byPlace.get(order.placeKey) ?? []) : []),
    ]);
    const linked = order.repeatOfId === null ? undefined : byId.get(order.repeatOfId);
    if (linked) earlier.add(linked);
    verdicts.set(order.id, repeatedComplaintOf(order, [...earlier], settings) as T | null);
  }
  return verdicts;
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
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
