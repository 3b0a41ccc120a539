import type { Transaction } from 'kysely';
import { CityOutboxRepository } from '../../db/repositories/city-outbox.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
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
  const details = await Promise.all(tracked.map((e) => detailForCity(trx, e)));
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
          detail: details[i] as CityResult['detail'],
        };
      }),
    at,
  );
}

/**
 * An event's content as the city can read it: beside the county's own ids, which mean nothing
 * there, the names and codes they stand for. A reply names its replying unit (notice 二(三):
 * 答复单位); a merge names the order it went into by the county's code and the city's number.
 */
async function detailForCity(trx: Transaction<Database>, e: EventOf<CityTrackedEvent>): Promise<unknown> {
  if (e.type === 'replied' || e.type === 'fax_reply_recorded') {
    const unit = await new UnitRepository(trx).find(e.payload.reply.replyingUnitId);
    return { ...e.payload, reply: { ...e.payload.reply, replyingUnitName: unit?.name ?? null } };
  }
  if (e.type === 'merged') {
    const into = await new WorkOrderRepository(trx).findById(e.payload.intoOrderId);
    return { ...e.payload, intoOrderCode: into?.code ?? null, intoCityOrderNo: into?.city_order_no ?? null };
  }
  return e.payload;
}
