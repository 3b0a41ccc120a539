import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueSoonFrom, dueSoonWindow } from '../../src/domain/deadlines.js';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { act, ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * A co-unit's own clock in its lists (coUnitStatus): its 协办意见期限 while it owes its opinion,
 * due soon and then overdue as the order's page reads it; nothing once the opinion is given, and
 * nothing for the lead or the office, whose figure the lead's 超期 is.
 */
describe(`a co-unit's own clock in lists (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  type Row = { id: number; coUnitStatus: string | null; deadlineStatus: string | null };
  const rowOf = async (username: string, path: string, id: number) => {
    const list = (await ok((await t.as(username)).get(path))) as unknown as { items: Row[] };
    return list.items.find((i) => i.id === id);
  };
  const pageOf = async (username: string, id: number) =>
    ok((await t.as(username)).get(`/api/work-orders/${id}`));

  it("says the co-unit's own clock, in every list it sees the order in, as its page does", async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'housing', ['natres']);
    const coBy = Date.parse(order.coUnitBy as string);
    const everyList = ['/api/work-orders?toSign=1', '/api/work-orders', '/api/work-orders?pageSize=5'];
    const expectEverywhere = async (status: string | null) => {
      for (const path of everyList)
        expect((await rowOf('natres-a', path, order.id))?.coUnitStatus, path).toBe(status);
      const page = await pageOf('natres-a', order.id);
      expect(page.coUnitStatus).toBe(status);
      if (status) expect(page.deadlines.coUnit.status).toBe(status);
    };
    await expectEverywhere('ok');
    // The lead and the office see no co-unit clock in their rows.
    expect((await rowOf('housing-a', '/api/work-orders', order.id))?.coUnitStatus).toBeNull();
    expect((await rowOf('dispatcher', '/api/work-orders', order.id))?.coUnitStatus).toBeNull();

    // From its due-soon instant it is due soon, in lists stored a moment before too; a minute
    // after its deadline, overdue (协办超时), while the lead's handling deadline is still ahead.
    const settings = await t.ctx.settings.timeLimits();
    const warnFrom = dueSoonFrom(
      await t.ctx.calendar.calendar(),
      settings,
      new Date(coBy),
      'normal',
      t.clock.now(),
      dueSoonWindow(settings, 'normal'),
    ).getTime();
    t.clock.set(new Date(warnFrom - 60_000).toISOString());
    await expectEverywhere('ok');
    t.clock.set(new Date(warnFrom + 1_000).toISOString());
    await expectEverywhere('due_soon');
    t.clock.set(new Date(coBy + 60_000).toISOString());
    await expectEverywhere('overdue');
    expect((await rowOf('natres-a', '/api/work-orders', order.id))?.deadlineStatus).toBe('ok');

    // Its opinion given, the order is no longer its to do: no clock, late or not.
    const co = await t.as('natres-a');
    let seen: OrderDetail = await pageOf('natres-a', order.id);
    seen = await act(co, seen, 'coSign');
    await act(co, seen, 'coOpinion', {
      content: '经我局核查，该地块属于城镇开发边界内的建设用地，不涉及耕地。',
    });
    for (const path of everyList.slice(1))
      expect((await rowOf('natres-a', path, order.id))?.coUnitStatus, path).toBeNull();
    expect((await pageOf('natres-a', order.id)).coUnitStatus).toBeNull();
  });

  it("turns overdue at an urgent order's co-unit deadline, in a list stored a minute before", async () => {
    t.clock.set('2026-03-10T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'housing', ['natres'], { urgency: 'urgent' });
    const coBy = Date.parse(order.coUnitBy as string);
    // Half the urgent order's hours: an instant of the day, not a midnight the lists are rebuilt at anyway.
    expect(new Date(coBy).toISOString().slice(11, 16)).not.toBe('16:00'); // 00:00 in Shanghai
    const queue = '/api/work-orders?toSign=1';
    t.clock.set(new Date(coBy - 60_000).toISOString());
    expect((await rowOf('natres-a', queue, order.id))?.coUnitStatus).not.toBe('overdue');
    t.clock.set(new Date(coBy + 1_000).toISOString());
    expect((await rowOf('natres-a', queue, order.id))?.coUnitStatus).toBe('overdue');
  });
});
