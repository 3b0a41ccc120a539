import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, aReply, contact, ok, registeredAndDispatched, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type List = { items: Array<{ id: number }>; total: number };

/**
 * The lead's tabs (办理中, 预警, 超期, 重办, 待阅批) find a unit's orders by the order's lead unit
 * as well as by its active lead assignment (work-order-filter.ts, ledBy): the two must name the
 * same unit through every change of lead — a dispatch, a return approved and the order dispatched
 * again, an order the unit only assists with.
 */
describe(`the lead's tabs and the order's lead unit (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let ledByHousing: number;
  let assistedByHousing: number;
  let returnedByHousing: number;

  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    ledByHousing = (await registeredAndDispatched(t, 'housing', ['urban'])).id;
    assistedByHousing = (await registeredAndDispatched(t, 'urban', ['housing'])).id;
    let returned = await registeredAndDispatched(t, 'housing');
    returned = await act(await t.as('housing-a'), returned, 'requestReturn', {
      reason: '路灯由县城管局负责维护,不属于本单位职责',
      suggestedUnit: '县城市管理综合行政执法局',
    });
    const dispatcher = await t.as('dispatcher');
    returned = await act(dispatcher, returned, 'approveReturn', { opinion: '同意,改派城管局' });
    returned = await act(dispatcher, returned, 'dispatch', {
      leadUnitId: t.unitId('urban'),
      coUnitIds: [],
    });
    returnedByHousing = returned.id;
  });
  afterAll(() => t.close());

  const ids = async (who: string, query: string) => {
    const list = (await ok((await t.as(who)).get(`/api/work-orders?${query}`))) as unknown as List;
    return list.items.map((i) => i.id).sort((a, b) => a - b);
  };

  it('lists the orders a unit leads now, not those it assists or gave back', async () => {
    expect(await ids('housing-a', 'role=lead')).toEqual([ledByHousing]);
    expect(await ids('urban-a', 'role=lead')).toEqual([assistedByHousing, returnedByHousing]);
    expect(await ids('housing-a', 'role=co')).toEqual([assistedByHousing]);
    // The office asking for one unit's led orders gets the same.
    expect(await ids('dispatcher', `role=lead&unitId=${t.unitId('housing')}`)).toEqual([ledByHousing]);
    expect(await ids('dispatcher', `role=lead&unitId=${t.unitId('urban')}`)).toEqual([
      assistedByHousing,
      returnedByHousing,
    ]);
  });

  it('keeps the order lead unit and its active lead assignment naming the same unit', async () => {
    const k = t.ctx.db.kysely;
    const orders = await k.selectFrom('work_orders').select(['id', 'lead_unit_id']).execute();
    const leads = await k
      .selectFrom('work_order_units')
      .select(['order_id', 'unit_id'])
      .where('active', '=', 1)
      .where('role', '=', 'lead')
      .execute();
    const leadOf = new Map(leads.map((l) => [Number(l.order_id), Number(l.unit_id)]));
    expect(leads.length).toBe(new Set(leads.map((l) => l.order_id)).size);
    for (const o of orders) expect(leadOf.get(Number(o.id)) ?? null, `order ${o.id}`).toBe(o.lead_unit_id);
    expect(leadOf.get(returnedByHousing)).toBe(t.unitId('urban'));
  });

  it("lists a redone order in its lead's 重办 and the office's 重办中, written as either asks", async () => {
    // The unit's tab counts redone orders by an expression, the office's by the partial index
    // (work-order-filter.ts, redone): both must keep the same orders.
    let order = await registeredAndDispatched(t, 'housing', ['urban']);
    const liaison = await t.as('housing-a');
    const reviewer = await t.as('reviewer');
    order = await act(liaison, order, 'sign');
    t.clock.advance(4 * 3_600_000);
    const now = t.clock.now().getTime();
    order = await replySignedOff(liaison, await t.as('housing-leader'), order, {
      reply: aReply({ citizenContact: contact(new Date(now - 3_600_000).toISOString()) }),
    });
    order = await act(reviewer, order, 'acceptReview');
    order = await act(reviewer, order, 'callback', { result: 'unsatisfied', note: '群众说路灯又坏了' });
    order = await act(reviewer, order, 'orderRedo', {
      reasons: ['citizen_unsatisfied'],
      opinion: '路灯再次损坏,请彻底检修线路',
    });
    expect(order.state).toBe('handling');
    const unitTab = 'redo=1&role=lead&state=pending_sign,handling,return_requested';
    expect(await ids('housing-a', unitTab)).toEqual([order.id]);
    expect(await ids('urban-a', unitTab)).toEqual([]);
    expect(await ids('dispatcher', `${unitTab}&unitId=${t.unitId('housing')}`)).toEqual([order.id]);
    expect(await ids('reviewer', 'redo=1&state=pending_sign,handling')).toEqual([order.id]);
  });
});
