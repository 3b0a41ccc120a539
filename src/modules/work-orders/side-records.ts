import type { Transaction } from 'kysely';
import { UrgeRepository } from '../../db/repositories/urge.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { Database } from '../../db/schema.js';
import type { NoticeFacts } from '../../domain/notification-policy.js';
import type { DecidedEvent } from '../../domain/workflow/index.js';

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

/** What notices need to know about an order, as it stands inside the transaction. */
export function noticeFacts(trx: Transaction<Database>, orderId: number): Promise<NoticeFacts> {
  return new WorkOrderRepository(trx).noticeFacts(orderId);
}
