import type { Transaction } from 'kysely';
import { UrgeRepository } from '../../db/repositories/urge.repository.js';
import type { EventActor } from '../../db/repositories/work-order.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { Database } from '../../db/schema.js';
import type { NoticeFacts } from '../../domain/notification-policy.js';
import type { DecidedEvent } from '../../domain/workflow/index.js';
import type { Notifier } from '../notifications/notifier.js';

/** Urges get a row of their own, so the unit's reading of each can be recorded. */
export async function recordUrges(
  trx: Transaction<Database>,
  orderId: number,
  events: DecidedEvent[],
  userId: number | null,
  now: Date,
): Promise<void> {
  const urges = events.flatMap((e) => {
    if (e.type !== 'urged' || !e.payload.unitId) return [];
    const { unitId, message, auto } = e.payload;
    return [{ orderId, unitId, message, auto, createdBy: userId }];
  });
  await new UrgeRepository(trx).insertMany(urges, now.toISOString());
}

/**
 * An order merged into another leaves its caller's matter to that order: the other order's
 * timeline says so (which also makes its stored page new), and its lead unit is told to answer
 * this caller as well (事事有回音).
 */
export async function recordMergeOnTarget(
  trx: Transaction<Database>,
  notifier: Notifier,
  merged: { id: number; code: string },
  events: DecidedEvent[],
  actor: EventActor,
  now: Date,
): Promise<void> {
  for (const e of events) {
    if (e.type !== 'merged') continue;
    const received: DecidedEvent = {
      type: 'merge_received',
      payload: { fromOrderId: merged.id, fromCode: merged.code, reason: e.payload.reason },
    };
    await new WorkOrderRepository(trx).addEvent(
      e.payload.intoOrderId,
      received.type,
      actor,
      now,
      received.payload,
    );
    await notifier.forEvents(
      trx,
      e.payload.intoOrderId,
      await noticeFacts(trx, e.payload.intoOrderId),
      [received],
      now,
    );
  }
}

/** What notices need to know about an order, as it stands inside the transaction. */
export function noticeFacts(trx: Transaction<Database>, orderId: number): Promise<NoticeFacts> {
  return new WorkOrderRepository(trx).noticeFacts(orderId);
}
