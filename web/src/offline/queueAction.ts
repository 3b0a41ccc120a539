import { ApiError } from '../api/client';
import type { Action, OrderDetail } from '../api/types';
import { enqueue, QUEUEABLE, readOutbox, removeItem } from './outbox';

/** Whether this step, refused for want of a connection, waits in the outbox instead. */
export function mayQueue(action: Action, error?: ApiError): boolean {
  return QUEUEABLE.has(action) && (error ? error.status === 0 : !navigator.onLine);
}

/**
 * Puts a step in the outbox with the order's version and the newest event the user has seen.
 * `uncertain`: the request went out and no answer came, so it may already have been applied.
 */
export function queueAction(
  userId: number,
  order: OrderDetail,
  action: Action,
  body: Record<string, unknown> & { version: number },
  uncertain: boolean,
): void {
  enqueue(userId, {
    orderId: order.id,
    orderCode: order.code,
    orderTitle: order.title,
    action,
    body,
    lastEventId: Math.max(0, ...order.timeline.map((e) => e.id)),
    uncertain,
  });
}

/** The queued step of this form that the server refused (409 or a rule): to be shown in the form, with what was typed. */
export function failureOf(
  userId: number,
  orderId: number,
  action: Action,
): { id: string; error: ApiError } | undefined {
  const item = readOutbox(userId).find(
    (i) => i.orderId === orderId && i.action === action && i.state === 'failed',
  );
  if (!item?.error) return undefined;
  const e = item.error;
  return { id: item.id, error: new ApiError(e.status, e.code, e.message, e.details) };
}

/** The form shows the refusal now: the step leaves the outbox (its text stays in the form's draft). */
export const dropFailure = removeItem;
