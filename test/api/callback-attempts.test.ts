import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { act, aReply, contact, refused, registeredAndDispatched, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const HOUR = 3600_000;

/**
 * 联系不上 (year-end review S7): one unanswered call must not close an order. An unreachable
 * citizen is left out of the 满意率 denominator, so closing on one call would let a unit's unhappy
 * citizen be marked unreachable. The office closes on 联系不上 only after 3 attempts on at least
 * 2 different days; each attempt is its own callback on the timeline.
 */
describe(`closing on 联系不上 needs several attempts on different days (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  /** An order accepted on review, waiting for its callback (待回访). */
  async function pendingCallback(): Promise<OrderDetail> {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'sign');
    t.clock.advance(HOUR);
    order = await replySignedOff(liaison, await t.as('housing-leader'), order, {
      reply: aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - 1000).toISOString()) }),
    });
    return act(await t.as('reviewer'), order, 'acceptReview');
  }

  const closeRefused = async (order: OrderDetail) =>
    refused(
      (await t.as('reviewer')).post(`/api/work-orders/${order.id}/close`, { version: order.version }),
      422,
      'CALLBACK_ATTEMPTS_TOO_FEW',
    );

  it('one unanswered call: 办结 is refused and not offered, saying when it was made and what is missing', async () => {
    const reviewer = await t.as('reviewer');
    let order = await pendingCallback();
    t.clock.set('2026-03-02T14:05:00+08:00');
    order = await act(reviewer, order, 'callback', { result: 'unreachable', note: '拨打一次无人接听' });
    expect(order.allowedActions).toContain('callback');
    expect(order.allowedActions).not.toContain('close');
    const error = await closeRefused(order);
    expect(error.message).toContain('已回访 1 次');
    expect(error.message).toContain('03-02 14:05');
    expect(error.message).toContain('至少回访 3 次');
    expect(error.message).toContain('还须再回访 2 次');
    // The order page says why 办结 is not offered, in the refusal's own words.
    expect(order.callbackShortfall).toBe(error.message);
    expect(order.state).toBe('pending_callback');
  });

  it('three attempts on one day are not enough; one more on another day closes it, each attempt on the timeline', async () => {
    const reviewer = await t.as('reviewer');
    let order = await pendingCallback();
    for (const time of ['10:05', '14:30', '17:40']) {
      t.clock.set(`2026-03-03T${time}:00+08:00`);
      order = await act(reviewer, order, 'callback', { result: 'unreachable', note: '无人接听' });
    }
    const error = await closeRefused(order);
    expect(error.message).toContain('已回访 3 次');
    expect(error.message).toContain('03-03 10:05、03-03 14:30、03-03 17:40');
    expect(error.message).toContain('03-03 以外的日子');
    expect(order.allowedActions).not.toContain('close');

    t.clock.set('2026-03-04T09:30:00+08:00');
    order = await act(reviewer, order, 'callback', { result: 'unreachable', note: '仍无人接听,已关机' });
    expect(order.allowedActions).toContain('close');
    expect(order.callbackShortfall).toBeNull();
    order = await act(reviewer, order, 'close');
    expect(order.state).toBe('closed');
    const callbacks = order.timeline.filter((e) => e.type === 'callback_recorded');
    expect(callbacks.map((e) => e.at)).toEqual([
      '2026-03-03T02:05:00.000Z',
      '2026-03-03T06:30:00.000Z',
      '2026-03-03T09:40:00.000Z',
      '2026-03-04T01:30:00.000Z',
    ]);
    expect(order.counts.callbacks).toBe(4);
    const closed = order.timeline.find((e) => e.type === 'closed');
    expect(closed?.payload).toMatchObject({ satisfaction: 'unreachable' });
  });

  it('a citizen reached after unreachable attempts: the callback closes the order as before', async () => {
    const reviewer = await t.as('reviewer');
    let order = await pendingCallback();
    t.clock.set('2026-03-02T15:00:00+08:00');
    order = await act(reviewer, order, 'callback', { result: 'unreachable', note: '无人接听' });
    t.clock.set('2026-03-02T17:00:00+08:00');
    order = await act(reviewer, order, 'callback', { result: 'satisfied', note: '群众表示满意' });
    expect(order.callbackShortfall).toBeNull();
    order = await act(reviewer, order, 'close');
    expect(order.state).toBe('closed');
  });

  it('attempts count per round: after a redo and a new reply, the earlier round’s attempts do not count', async () => {
    const reviewer = await t.as('reviewer');
    const liaison = await t.as('housing-a');
    let order = await pendingCallback();
    for (const at of ['2026-03-02T15:00', '2026-03-02T17:00', '2026-03-03T10:00']) {
      t.clock.set(`${at}:00+08:00`);
      order = await act(reviewer, order, 'callback', { result: 'unreachable', note: '无人接听' });
    }
    t.clock.set('2026-03-03T15:00:00+08:00');
    order = await act(reviewer, order, 'callback', { result: 'unsatisfied', note: '群众说路灯又坏了' });
    order = await act(reviewer, order, 'orderRedo', {
      reasons: ['citizen_unsatisfied'],
      opinion: '路灯再次损坏,请彻底检修线路',
    });
    t.clock.advance(2 * HOUR);
    order = await replySignedOff(liaison, await t.as('housing-leader'), order, {
      reply: aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - 1000).toISOString()) }),
    });
    order = await act(reviewer, order, 'acceptReview');
    t.clock.set('2026-03-04T09:00:00+08:00');
    order = await act(reviewer, order, 'callback', { result: 'unreachable', note: '无人接听' });
    const error = await closeRefused(order);
    expect(error.message).toContain('已回访 1 次');
    expect(error.message).toContain('03-04 09:00');
  });

  it('the unit figures list 联系不上 beside the 满意率 it is left out of, each attempt once, and drill down to the orders', async () => {
    // The orders above, all the housing bureau's, in March: 10 unreachable attempts on 4 orders,
    // one satisfied and one unsatisfied callback.
    const dispatcher = await t.as('dispatcher');
    const res = await dispatcher.get('/api/statistics/units?period=month&date=2026-03-15');
    expect(res.statusCode, res.body).toBe(200);
    const units = (
      res.json() as {
        units: Array<{
          unitId: number;
          counts: Record<string, number>;
          rates: Record<string, number | null>;
        }>;
      }
    ).units;
    const housing = units.find((u) => u.unitId === t.unitId('housing'));
    expect(housing?.counts).toMatchObject({ callbacks: 12, satisfied: 1, unsatisfied: 1, unreachable: 10 });
    expect(housing?.rates.satisfactionRate).toBe(50);
    const drill = await dispatcher.get(
      `/api/statistics/drill?period=month&date=2026-03-15&unitId=${t.unitId('housing')}&indicator=unreachable`,
    );
    expect(drill.statusCode, drill.body).toBe(200);
    expect((drill.json() as { total: number }).total).toBe(4);
  });
});
