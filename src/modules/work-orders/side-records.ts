import type { Transaction } from 'kysely';
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
  for (const e of events.filter((x) => x.type === 'urged')) {
    const unitId = e.payload.unitId as number | null;
    if (!unitId) continue;
    await trx
      .insertInto('urges')
      .values({
        order_id: orderId,
        unit_id: unitId,
        message: String(e.payload.message),
        auto: e.payload.auto ? 1 : 0,
        created_at: now.toISOString(),
        created_by: userId,
      })
      .execute();
  }
}

/** What notices need to know about an order, as it stands inside the transaction. */
export async function noticeFacts(trx: Transaction<Database>, orderId: number): Promise<NoticeFacts> {
  const order = await trx
    .selectFrom('work_orders')
    .select(['code', 'title', 'lead_unit_id'])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const co = await trx
    .selectFrom('work_order_units')
    .select('unit_id')
    .where('order_id', '=', orderId)
    .where('active', '=', 1)
    .where('role', '=', 'co')
    .execute();
  return {
    code: order.code,
    title: order.title,
    leadUnitId: order.lead_unit_id,
    coUnitIds: co.map((c) => c.unit_id),
  };
}
