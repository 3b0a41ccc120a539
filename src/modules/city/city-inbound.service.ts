import type { Transaction } from 'kysely';
import { toDate } from '../../db/json.js';
import { CategoryRepository } from '../../db/repositories/category.repository.js';
import { CityRefusedRepository } from '../../db/repositories/city-refused.repository.js';
import { type EventActor, WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import { findCategory } from '../../domain/city-import.js';
import { type Urgency, underCityDeadline } from '../../domain/deadlines.js';
import { refuse } from '../../domain/refusal.js';
import { shanghaiDate, toShanghaiIso } from '../../domain/time.js';
import { type DecidedEvent, eventOf, type OrderState } from '../../domain/workflow/index.js';
import { FINAL_STATES, UNIT_CLOCK_STATES } from '../../domain/workflow/states.js';
import type { AppContext } from '../../server/context.js';
import { type Answer, contentHash, once } from '../api-clients/idempotency.js';
import { Notifier } from '../notifications/notifier.js';
import { insertOrder, type OfficeClockLimits, officeClockLimits } from '../work-orders/register-order.js';
import { noticeFacts } from '../work-orders/side-records.js';
import {
  type CityOrderAnswer,
  type CityOrderPayload,
  type CityUpdateAnswer,
  type CityUpdatePayload,
  cityOrderBody,
  cityUpdateBody,
} from './city.schemas.js';

/** The machine client a call comes from (see api-clients). */
export interface ApiClientRef {
  id: number;
  name: string;
  /** The unit the client speaks for (the city platform's unit), shown on the timeline. */
  unitId: number | null;
}

const actorOf = (client: ApiClientRef, ip: string | null): EventActor => ({
  userId: null,
  unitId: client.unitId,
  name: client.name,
  ip,
});

/**
 * An order from the city platform, registered exactly once. The idempotency key defaults to the
 * city order number: a resend (same key, same content) gets the first answer; the same key with
 * other content is refused (422); a resend racing the first waits for it. A city order already
 * registered under another key (or by the office, or by the spreadsheet import) is answered with
 * that order (200, duplicate), never registered twice.
 *
 * Called by the city routes (push) and by the city poller (pull). Throws AppRefusal for bad input.
 */
export async function receiveCityOrder(
  ctx: AppContext,
  client: ApiClientRef,
  payload: CityOrderPayload,
  idempotencyKey?: string | null,
  ip: string | null = null,
): Promise<Answer<CityOrderAnswer>> {
  const input = cityOrderBody.parse(payload);
  const key = idempotencyKey ?? `city-order:${input.cityOrderNo}`;
  const now = ctx.clock.now();
  const limits = await officeClockLimits(ctx);
  return once(ctx, client.id, key, contentHash(input), (trx) =>
    registerCityOrder(trx, input, actorOf(client, ip), now, limits),
  );
}

/**
 * Registers a city order in `trx` unless its city order number is already registered (then
 * that order is the answer, 200). Shared by the push route (inside its idempotency claim) and
 * the order-list poll (inside its cursor's transaction). Throws AppRefusal before writing anything.
 */
export async function registerCityOrder(
  trx: Transaction<Database>,
  input: ReturnType<typeof cityOrderBody.parse>,
  actor: EventActor,
  now: Date,
  limits: OfficeClockLimits,
): Promise<{ status: 200 | 201; body: CityOrderAnswer }> {
  const repo = new WorkOrderRepository(trx);
  const existing = await repo.findByCityOrderNo(input.cityOrderNo);
  if (existing) return { status: 200, body: answerFor(existing, true) };
  if (input.cityDeadline && new Date(input.cityDeadline).getTime() <= now.getTime()) {
    refuse('invalid', 'CITY_DEADLINE_PASSED', '市平台办理期限早于现在，请核对。');
  }
  if (input.categoryId && !(await repo.categoryExists(input.categoryId))) {
    refuse('invalid', 'CATEGORY_NOT_FOUND', `诉求分类 ${input.categoryId} 不存在。`);
  }
  // The city knows the county's categories by name, not by the county's database ids.
  const { categoryPath, ...order } = input;
  let categoryId = input.categoryId ?? null;
  if (!categoryId && categoryPath) {
    categoryId = findCategory(categoryPath, await new CategoryRepository(trx).active());
    if (categoryId === null)
      refuse(
        'invalid',
        'CATEGORY_NOT_FOUND',
        `诉求分类「${categoryPath}」在本县的分类中找不到（或对应多个分类），请写完整路径，如「城乡建设/物业管理/电梯故障」，或不填由派单员选择。`,
      );
  }
  const row = await insertOrder(
    repo,
    { ...order, categoryId, channel: 'city_platform' },
    actor,
    null,
    now,
    limits,
  );
  // Refused once from the pulled list, now here (pushed, or listed again corrected): settled.
  await new CityRefusedRepository(trx).settledBy([input.cityOrderNo], now.toISOString());
  return { status: 201, body: answerFor(row, false) };
}

const answerFor = (
  row: { id: number; code: string; city_order_no: string | null; state: string },
  duplicate: boolean,
): CityOrderAnswer => ({
  id: row.id,
  code: row.code,
  cityOrderNo: row.city_order_no ?? '',
  state: row.state as OrderState,
  duplicate,
});

/**
 * A change the city makes to an order it sent: a citizen's supplement, a cancellation, a new
 * city deadline, an urge. Each goes on the timeline and is told to the office and the unit in
 * the same transaction; each is idempotent (by its key, or by its content when sent without one).
 * A cancellation is recorded, not acted on: voiding stays the office's decision in the workflow.
 */
export async function receiveCityUpdate(
  ctx: AppContext,
  client: ApiClientRef,
  cityOrderNo: string,
  payload: CityUpdatePayload,
  idempotencyKey?: string | null,
  ip: string | null = null,
): Promise<Answer<CityUpdateAnswer>> {
  const update = cityUpdateBody.parse(payload);
  const now = ctx.clock.now();
  const hash = contentHash({ cityOrderNo, update });
  // Without a key a change is told apart by its content. The city urges in set words: the same
  // urge on another day is another urge (the notice counts them), the same one the same day a resend.
  const sameDay = update.kind === 'urge' ? `:${shanghaiDate(now)}` : '';
  const key = idempotencyKey ?? `city-update:${hash}${sameDay}`;
  return once(ctx, client.id, key, hash, async (trx) => {
    const repo = new WorkOrderRepository(trx);
    const order = await repo.findByCityOrderNo(cityOrderNo);
    if (order?.channel !== 'city_platform') {
      refuse('not_found', 'CITY_ORDER_NOT_FOUND', `市平台工单 ${cityOrderNo} 未在本县登记。`);
    }
    if (FINAL_STATES.includes(order.state as OrderState))
      refuse(
        'state',
        'CITY_ORDER_CLOSED',
        `市平台工单 ${cityOrderNo}（本县 ${order.code}）${order.state === 'voided' ? '已作废' : '已办结'}，不再接收变更；群众如有新的诉求，请作为新工单推送。`,
        { state: order.state, code: order.code },
      );
    await recordCityUpdate(ctx, trx, order, update, actorOf(client, ip), now);
    return {
      status: 201,
      body: {
        orderId: order.id,
        code: order.code,
        cityOrderNo,
        kind: update.kind,
        recordedAt: now.toISOString(),
      },
    };
  });
}

/**
 * Writes a city change on an order with its timeline event and tells the office and the unit,
 * in the caller's transaction: the city's own call, or the office importing the city's export.
 */
export async function recordCityUpdate(
  ctx: AppContext,
  trx: Transaction<Database>,
  order: WorkOrderRow,
  update: ReturnType<typeof cityUpdateBody.parse>,
  actor: EventActor,
  now: Date,
): Promise<void> {
  const repo = new WorkOrderRepository(trx);
  const event = await applyUpdate(ctx, repo, order, update, now);
  await repo.addEvent(order.id, event.type, actor, now, event.payload, undefined, {
    unitId: order.lead_unit_id,
    outcome: null,
  });
  await new Notifier(ctx.settings).forEvents(trx, order.id, await noticeFacts(trx, order.id), [event], now);
}

async function applyUpdate(
  ctx: AppContext,
  repo: WorkOrderRepository,
  order: WorkOrderRow,
  update: ReturnType<typeof cityUpdateBody.parse>,
  now: Date,
): Promise<DecidedEvent> {
  switch (update.kind) {
    case 'supplement':
      return eventOf('city_supplemented', { content: update.content });
    case 'cancel':
      return eventOf('city_cancel_requested', { reason: update.reason });
    case 'urge':
      return eventOf('city_urged', { message: update.message });
    case 'deadline': {
      const deadline = new Date(update.cityDeadline);
      if (deadline.getTime() <= now.getTime()) {
        refuse('invalid', 'CITY_DEADLINE_PASSED', '新的市平台办理期限早于现在，请核对。');
      }
      // The county's clocks follow an earlier city deadline while the unit holds the order.
      const moved = UNIT_CLOCK_STATES.includes(order.state as OrderState)
        ? underCityDeadline(
            await ctx.calendar.calendar(),
            await ctx.settings.timeLimits(),
            {
              signBy: toDate(order.sign_by),
              handleBy: toDate(order.handle_by),
              coUnitBy: toDate(order.co_unit_by),
              urgency: order.urgency as Urgency,
            },
            deadline,
            now,
          )
        : {};
      await repo.setCityDeadline(order.id, deadline.toISOString(), now, moved);
      return eventOf('city_deadline_changed', {
        previous: order.city_deadline,
        cityDeadline: deadline.toISOString(),
        cityDeadlineText: toShanghaiIso(deadline).slice(0, 16).replace('T', ' '),
        reason: update.reason,
        countyDeadline: moved.handleBy ? moved.handleBy.toISOString() : null,
      });
    }
  }
}
