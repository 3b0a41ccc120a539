import { ApiError } from '../api/client';
import { ordersApi } from '../api/orders';
import type { Me, OrderDetail } from '../api/types';
import { discardDraft, draftKey } from '../lib/drafts';
import { EVENT_OF, type OutboxItem, readOutbox, updateOutbox } from './outbox';

const STEP_REQUIRED = new Set(['PASSWORD_CHANGE_REQUIRED', 'TOTP_ENROLMENT_REQUIRED']);

type Answered = (order: OrderDetail, item: OutboxItem) => void;
const answeredListeners = new Set<Answered>();

/**
 * Lets an open order page show the order as the server left it after a step sent from the outbox:
 * with the step applied, or, when it was refused, as the others changed it.
 */
export function onAnswered(fn: Answered): () => void {
  answeredListeners.add(fn);
  return () => answeredListeners.delete(fn);
}

/** The draft a queued step was typed in: kept until the server accepts the step. */
export const actionDraftKey = (userId: number, orderId: number, action: string) =>
  draftKey(userId, `order:${orderId}:${action}`);

function patch(userId: number, id: string, change: Partial<OutboxItem>) {
  updateOutbox(userId, (items) => items.map((i) => (i.id === id ? { ...i, ...change } : i)));
}

/** Whether a step whose answer was lost did reach the server: its event follows what the user had seen. */
async function alreadyApplied(item: OutboxItem, me: Me): Promise<boolean> {
  const order = await ordersApi.get(item.orderId);
  return order.timeline.some(
    (e) => e.id > item.lastEventId && e.type === EVENT_OF[item.action] && e.actorName === me.name,
  );
}

function accepted(me: Me, item: OutboxItem, order: OrderDetail) {
  updateOutbox(me.id, (items) =>
    items
      .filter((i) => i.id !== item.id)
      // The user's next steps on this order were taken after this one, on the version it makes.
      .map((i) =>
        i.orderId === item.orderId && i.body.version === item.body.version
          ? { ...i, body: { ...i.body, version: order.version } }
          : i,
      ),
  );
  discardDraft(actionDraftKey(me.id, item.orderId, item.action));
  for (const fn of answeredListeners) fn(order, item);
}

/** Sends one step; false when the connection (or the session) is gone and sending should stop. */
async function sendOne(me: Me, item: OutboxItem): Promise<boolean> {
  // Marked before sending: should the answer be lost, the next attempt checks before resending.
  patch(me.id, item.id, { uncertain: true });
  try {
    accepted(me, item, await ordersApi.act(item.orderId, item.action, item.body));
    return true;
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e), undefined);
    // No answer, or a gateway's error: still queued, still uncertain; the next connection tries again.
    if (err.status === 0 || err.status >= 500) return false;
    // Signed out, or a step (new password, second factor) required first: kept for when the user is back.
    if (err.status === 401 || STEP_REQUIRED.has(err.code)) {
      patch(me.id, item.id, { uncertain: false });
      return false;
    }
    if (err.isVersionConflict && item.uncertain) {
      try {
        if (await alreadyApplied(item, me)) {
          accepted(me, item, await ordersApi.get(item.orderId));
          return true;
        }
      } catch {
        return false;
      }
    }
    // A conflict or a refusal: the user decides, with the reason and what was typed.
    patch(me.id, item.id, {
      state: 'failed',
      uncertain: false,
      error: { status: err.status, code: err.code, message: err.message, details: err.details },
    });
    // The order as it now is, for an open page: what changed, and which steps are still offered.
    await ordersApi
      .get(item.orderId)
      .then((order) => {
        for (const fn of answeredListeners) fn(order, item);
      })
      .catch(() => undefined);
    return true;
  }
}

async function sendAll(me: Me): Promise<void> {
  const blocked = new Set<number>();
  for (const queued of readOutbox(me.id)) {
    // Re-read: an earlier send may have moved this step onto a new version.
    const item = readOutbox(me.id).find((i) => i.id === queued.id);
    if (!item) continue;
    // The steps after a failed one on the same order wait until the user has dealt with it.
    if (item.state === 'failed' || blocked.has(item.orderId)) {
      blocked.add(item.orderId);
      continue;
    }
    if (!(await sendOne(me, item))) return;
    if (readOutbox(me.id).some((i) => i.id === item.id && i.state === 'failed')) blocked.add(item.orderId);
  }
}

let running: Promise<void> | null = null;

/**
 * Sends the queued steps in the order they were taken. One sender at a time, across the app's
 * tabs too (Web Locks), so no step goes out twice at once.
 */
export function sendOutbox(me: Me): Promise<void> {
  if (running) return running;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const run = locks
    ? locks.request(`huiyin-outbox-${me.id}`, { ifAvailable: true }, (lock) =>
        lock ? sendAll(me) : undefined,
      )
    : sendAll(me);
  running = Promise.resolve(run).finally(() => {
    running = null;
  });
  return running;
}
