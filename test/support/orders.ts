import { expect } from 'vitest';
import { GENERATED_ORDER_COLUMNS } from '../../src/db/migrations/2026-12-01-repeats-002-township-text.js';
import type { NewWorkOrder } from '../../src/db/schema.js';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import type { Client, TestApp } from './test-app.js';

/** Factories for work orders driven through the HTTP API, as the office and the units would. */
export const anOrder = (overrides: Record<string, unknown> = {}) => ({
  channel: 'phone',
  citizenName: '张先生',
  citizenPhone: '13909721234',
  citizenAddress: '河湾镇滨河路 12 号',
  type: 'complaint',
  title: '小区门口路灯损坏',
  content: '滨河路小区门口的三盏路灯已经坏了半个月,晚上出行很不安全,希望尽快修好。',
  urgency: 'normal',
  needsCitizenReply: true,
  ...overrides,
});

export const aReply = (overrides: Record<string, unknown> = {}) => ({
  findings: '接到工单后,我局当天派员到滨河路小区门口实地查看,确认三盏路灯因线路老化损坏,情况属实。',
  result: '我局已安排路灯维护班组更换了损坏的线路和灯具,三盏路灯已于当日恢复照明。',
  basis: '依据《城市道路照明设施管理规定》第十条办理。',
  unreasonableDemand: false,
  issuer: '王建国',
  handlerName: '刘雅琴',
  handlerPhone: '0972-8521234',
  ...overrides,
});

export function contact(at: string) {
  return {
    contactedAt: at,
    method: 'phone',
    contactedBy: '刘雅琴',
    citizenResponse: '群众表示满意,感谢及时处理',
  };
}

export async function ok(
  resPromise: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status = 200,
) {
  const res = await resPromise;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as OrderDetail;
}

export async function refused(
  resPromise: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status: number,
  code: string,
) {
  const res = await resPromise;
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  return body.error;
}

/** Registers an order as the dispatcher and dispatches it to a lead (and co-units). */
export async function registeredAndDispatched(
  t: TestApp,
  lead = 'housing',
  co: string[] = [],
  order: Record<string, unknown> = {},
): Promise<OrderDetail> {
  const dispatcher = await t.as('dispatcher');
  const created = await ok(dispatcher.post('/api/work-orders', anOrder(order)), 201);
  return ok(
    dispatcher.post(`/api/work-orders/${created.id}/dispatch`, {
      version: created.version,
      leadUnitId: t.unitId(lead),
      coUnitIds: co.map((c) => t.unitId(c)),
      ...(order.urgency === 'leader' ? { leaderDeadline: order.leaderDeadline } : {}),
    }),
  );
}

export async function act(
  client: Client,
  order: OrderDetail,
  action: string,
  body: Record<string, unknown> = {},
) {
  const path = action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return ok(client.post(`/api/work-orders/${order.id}/${path}`, { version: order.version, ...body }));
}

/** A co-unit's liaison signs for its part and gives its opinion (协办签收, 协办意见). */
export async function coSignedWithOpinion(t: TestApp, liaison: string, orderId: number, content: string) {
  const co = await t.as(liaison);
  const signed = await act(co, await ok(co.get(`/api/work-orders/${orderId}`)), 'coSign');
  return act(co, signed, 'coOpinion', { content });
}

/**
 * A reply as a unit on the default gives it (签发): the liaison submits the draft, a leader of
 * the unit signs it off with their own login; the issuer becomes the leader's name.
 */
export async function replySignedOff(
  liaison: Client,
  leader: Client,
  order: OrderDetail,
  body: Record<string, unknown>,
) {
  const drafted = await act(liaison, order, 'submitForSignOff', body);
  expect(drafted.state).toBe('pending_sign_off');
  return act(leader, drafted, 'signOff');
}

/** An order's row as stored, without its id and generated columns: a template for writing many like it. */
export async function rowCopyOf(t: TestApp, id: number): Promise<NewWorkOrder> {
  const row = await t.ctx.db.kysely
    .selectFrom('work_orders')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const { id: _id, ...copy } = row as unknown as Record<string, unknown>;
  for (const c of GENERATED_ORDER_COLUMNS) delete copy[c];
  return copy as unknown as NewWorkOrder;
}
