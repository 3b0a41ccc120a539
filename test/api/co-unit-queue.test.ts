import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { HOME_QUEUES } from '../../web/src/features/workbench/queues.js';
import { act, ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const OPINION = '经现场核查，该路段供水管网压力正常，漏水点在小区内部管道，属物业维修范围，已告知物业公司。';

/**
 * A co-unit's queues hold what it still has to do: its part to sign (待签收), then its opinion to
 * give (协办). Once it has given it, the order leaves its to-do tabs: the lead's handling, lateness
 * and redo are the lead's, whatever the order's state (the tester found them counted on both).
 */
describe(`a co-unit's home queues (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let order: OrderDetail;
  const tabs = HOME_QUEUES.unit.tabs;

  /** Each tab's count for the user, by tab key, asked as the home page asks (one counts request). */
  const counts = async (who: string) => {
    const queries = encodeURIComponent(JSON.stringify(tabs.map((tab) => tab.query)));
    const body = (await ok(
      (await t.as(who)).get(`/api/work-orders/counts?queries=${queries}`),
    )) as unknown as {
      counts: Array<{ total: number }>;
    };
    return Object.fromEntries(tabs.map((tab, i) => [tab.key, body.counts[i]?.total]));
  };

  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    order = await registeredAndDispatched(t, 'housing', ['water']);
  });
  afterAll(() => t.close());

  it('its part waits under 待签收, then under 协办 until its opinion is given', async () => {
    expect(await counts('water-a')).toMatchObject({ sign: 1, handling: 0, co: 0, all: 1 });
    order = await act(await t.as('housing-a'), order, 'sign');
    expect(await counts('water-a')).toMatchObject({ sign: 1, handling: 0, co: 0 });
    order = await act(await t.as('water-a'), order, 'coSign');
    expect(await counts('water-a')).toMatchObject({ sign: 0, handling: 0, co: 1 });
    expect(await counts('housing-a')).toMatchObject({ sign: 0, handling: 1, co: 0 });
  });

  it('with its opinion given, nothing of the order is left on its to-do tabs, late or not', async () => {
    order = await act(await t.as('water-a'), order, 'coOpinion', { content: OPINION });
    const done = {
      sign: 0,
      handling: 0,
      sign_off: 0,
      due_soon: 0,
      overdue: 0,
      progress: 0,
      redo: 0,
      co: 0,
      all: 1,
    };
    expect(await counts('water-a')).toEqual(done);
    // Past the lead's handling deadline: late for the lead, not for the co-unit that answered.
    t.clock.set('2026-03-20T09:00:00+08:00');
    expect(await counts('water-a')).toEqual(done);
    expect(await counts('housing-a')).toMatchObject({ handling: 1, overdue: 1 });
  });
});
