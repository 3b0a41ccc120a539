import type { Transaction } from 'kysely';
import { CityOutboxRepository } from '../../db/repositories/city-outbox.repository.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import {
  type CityResult,
  type CityTrackedEvent,
  cityStatusOf,
  idempotencyKeyOf,
  isCityTracked,
} from '../../domain/city-link.js';
import type { DecidedEvent, EventOf, OrderState } from '../../domain/workflow/index.js';

/**
 * Queues what the city tracks of a decision in the outbox, inside the decision's transaction:
 * the result exists exactly when the change does. Orders that did not come from the city have
 * nobody to tell.
 */
export async function queueCityResults(
  trx: Transaction<Database>,
  order: WorkOrderRow,
  events: readonly DecidedEvent[],
  stateAfter: OrderState,
  now: Date,
): Promise<void> {
  const cityOrderNo = order.city_order_no;
  if (cityOrderNo === null || order.channel !== 'city_platform') return;
  const tracked = events.filter((e): e is EventOf<CityTrackedEvent> => isCityTracked(e.type));
  if (tracked.length === 0) return;
  const at = now.toISOString();
  await new CityOutboxRepository(trx).enqueue(
    order.id,
    (first) =>
      tracked.map((e, i): CityResult => {
        const sequence = first + i;
        return {
          idempotencyKey: idempotencyKeyOf(order.code, sequence),
          cityOrderNo,
          orderCode: order.code,
          sequence,
          event: e.type,
          occurredAt: at,
          status: cityStatusOf(stateAfter),
          detail: e.payload,
        };
      }),
    at,
  );
}
