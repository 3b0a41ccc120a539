import type { EventType } from './workflow/decision.js';
import type { EventPayloads } from './workflow/event-payloads.js';
import type { OrderState } from './workflow/states.js';

/**
 * What the city platform hears back about the orders it sent down (issue 10, item 3): the
 * timeline events it tracks, the coarse status it keeps per order, the outbound message, and
 * the comparison behind the daily reconciliation. Pure: the outbox, the worker and the adapter
 * build on these.
 */
export const CITY_TRACKED_EVENTS = [
  'signed',
  'return_requested',
  'return_approved',
  'return_rejected',
  'extension_requested',
  'extension_approved',
  'extension_rejected',
  // The unit replied while its request waited: the city, told of the request, hears how it ended.
  'extension_withdrawn',
  'progress_reported',
  'replied',
  'fax_reply_recorded',
  'redo_ordered',
  'closed',
  // The office answered a consultation itself from the knowledge base (直办), closing it.
  'answered_on_spot',
  'voided',
  'merged',
] as const satisfies readonly EventType[];
export type CityTrackedEvent = (typeof CITY_TRACKED_EVENTS)[number];

export const isCityTracked = (type: string): type is CityTrackedEvent =>
  (CITY_TRACKED_EVENTS as readonly string[]).includes(type);

/**
 * The status the city keeps for an order. Every change of this status comes with a tracked
 * event, so once the outbox is delivered the city's status equals Huiyin's.
 */
export const CITY_STATUSES = [
  'accepted',
  'return_requested',
  'handling',
  'replied',
  'closed',
  'voided',
] as const;
export type CityStatus = (typeof CITY_STATUSES)[number];

export const CITY_STATUS_LABELS: Record<CityStatus, string> = {
  accepted: '已受理',
  return_requested: '申请回退',
  handling: '办理中',
  replied: '已答复',
  closed: '已办结',
  voided: '已作废',
};

const STATUS_OF: Record<OrderState, CityStatus> = {
  pending_dispatch: 'accepted',
  pending_sign: 'accepted',
  return_requested: 'return_requested',
  handling: 'handling',
  // Waiting for the unit's leader to sign it off: the reply has not reached the office yet.
  pending_sign_off: 'handling',
  pending_review: 'replied',
  pending_callback: 'replied',
  closed: 'closed',
  voided: 'voided',
};

export const cityStatusOf = (state: OrderState): CityStatus => STATUS_OF[state];

/** One result for the city, in Huiyin's own field names (the adapter maps them to the city's). */
export interface CityResult {
  idempotencyKey: string;
  cityOrderNo: string;
  orderCode: string;
  /** 1, 2, 3 … per order: the city can tell a missing or reordered result. */
  sequence: number;
  event: CityTrackedEvent;
  occurredAt: string;
  status: CityStatus;
  /** The event's content: reply, reason, new deadline, callback result … */
  detail: EventPayloads[CityTrackedEvent];
}

export const CITY_RESULT_FIELDS = [
  'idempotencyKey',
  'cityOrderNo',
  'orderCode',
  'sequence',
  'event',
  'occurredAt',
  'status',
  'detail',
] as const satisfies readonly (keyof CityResult)[];

/** The key the city drops duplicates by: stable for one event of one order, whatever is resent. */
export const idempotencyKeyOf = (orderCode: string, sequence: number) => `huiyin:${orderCode}:${sequence}`;

/**
 * Renames the result's fields to the city's (a field left out of the mapping keeps its name).
 * A dotted target nests: `{ cityOrderNo: 'order.no' }` gives `{ order: { no: … } }`.
 */
export function mapFields(
  result: CityResult,
  mapping: Partial<Record<(typeof CITY_RESULT_FIELDS)[number], string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of CITY_RESULT_FIELDS) {
    const path = (mapping[field] ?? field).split('.');
    let node = out;
    for (const part of path.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = result[field];
  }
  return out;
}

/** Exponential backoff after the n-th failed attempt: base, 2×, 4× … capped at one hour. */
export const cityBackoffMs = (attempt: number, baseMs: number) =>
  Math.min(baseMs * 2 ** (attempt - 1), 3600_000);

export type DifferenceKind = 'status_differs' | 'missing_in_huiyin' | 'missing_in_city';

export interface ReconciliationItem {
  kind: DifferenceKind;
  cityOrderNo: string;
  orderCode: string | null;
  huiyinStatus: CityStatus | null;
  cityStatus: string | null;
  /** Results still waiting in the outbox for this order: a difference that may close by itself. */
  undelivered: number;
}

/** Compares the city's list with Huiyin's: orders whose status differs, and orders one side lacks. */
export function reconcile(
  city: readonly { cityOrderNo: string; status: string }[],
  huiyin: readonly { cityOrderNo: string; orderCode: string; state: OrderState; undelivered: number }[],
): ReconciliationItem[] {
  const ours = new Map(huiyin.map((o) => [o.cityOrderNo, o]));
  const theirs = new Map(city.map((o) => [o.cityOrderNo, o]));
  const items: ReconciliationItem[] = [];
  for (const c of city) {
    const h = ours.get(c.cityOrderNo);
    if (!h) {
      items.push({
        kind: 'missing_in_huiyin',
        cityOrderNo: c.cityOrderNo,
        orderCode: null,
        huiyinStatus: null,
        cityStatus: c.status,
        undelivered: 0,
      });
      continue;
    }
    const status = cityStatusOf(h.state);
    if (status !== c.status) {
      items.push({
        kind: 'status_differs',
        cityOrderNo: c.cityOrderNo,
        orderCode: h.orderCode,
        huiyinStatus: status,
        cityStatus: c.status,
        undelivered: h.undelivered,
      });
    }
  }
  for (const h of huiyin) {
    if (theirs.has(h.cityOrderNo)) continue;
    items.push({
      kind: 'missing_in_city',
      cityOrderNo: h.cityOrderNo,
      orderCode: h.orderCode,
      huiyinStatus: cityStatusOf(h.state),
      cityStatus: null,
      undelivered: h.undelivered,
    });
  }
  return items;
}

/**
 * The servers (scheme, host and port) among the addresses to be saved that none of the kept
 * addresses is on. The key goes with every call to the city, so a key left unchanged may only
 * go on to servers it already went to: moving an address elsewhere, or adding one on a new
 * server, needs the key typed again (security review M5), as for the notification channels'
 * secrets. Another path on the same server keeps it.
 */
export function newServersForKey(sent: (string | null)[], kept: (string | null)[]): string[] {
  const originOf = (address: string | null) => {
    if (!address) return null;
    try {
      return new URL(address).origin;
    } catch {
      return address;
    }
  };
  const known = new Set(kept.map(originOf));
  const unknown = sent.map(originOf).filter((o): o is string => o !== null && !known.has(o));
  return [...new Set(unknown)];
}
