/**
 * How the pulls of the city's order list went, for the office and the administrator to see the
 * link's health (not only the service log). Consecutive polls with the same outcome and reason
 * make one run (first and last time, how many polls), so an hour of the same refusal is one line,
 * and only the latest runs are kept.
 */

/**
 * ok: the list was read; refused: a failure that repeats until someone changes something (the
 * outbound guard refused the address, the city refused the request: a wrong key, no such list);
 * failed: one that may pass by itself (no answer in time, the city busy or down, an answer that
 * is no order list).
 */
export const POLL_OUTCOMES = ['ok', 'refused', 'failed'] as const;
export type PollOutcomeKind = (typeof POLL_OUTCOMES)[number];

/** The cursor of the order list (city_sync_cursors): its time is that of the last page read. */
export const ORDERS_CURSOR = 'city_orders';

/** The runs kept; older ones are deleted as new ones start. */
export const POLL_RUNS_KEPT = 30;

/** A reason is the adapter's sentence and at most 200 characters of the city's answer. */
export const POLL_REASON_MAX = 500;

export interface PollAttempt {
  outcome: PollOutcomeKind;
  /** Why, in Chinese; null for ok. */
  reason: string | null;
  /** Orders registered, and orders refused for their content (kept for the office), by this poll. */
  received: number;
  refusedOrders: number;
}

/** Whether an attempt continues the latest run instead of starting one. */
export const continuesRun = (latest: Pick<PollAttempt, 'outcome' | 'reason'>, next: PollAttempt): boolean =>
  latest.outcome === next.outcome && latest.reason === next.reason;
