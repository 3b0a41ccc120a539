import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { act, aReply, contact, ok, registeredAndDispatched, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type UnitRow = {
  unitId: number;
  counts: Record<string, number>;
  rates: Record<string, number | null>;
  ranking: { score: number | null };
  rank: number | null;
};

/**
 * The year-end review's finding S1, "the unit ranking rewards units that do nothing", on a
 * small county of orders (2026-11 and 2026-12, no holidays; sign for within 1 working day,
 * reply within 5):
 *
 * - 县交通运输局 (transport): one order on 11-23, never signed (sign-for deadline 11-24 24:00,
 *   reply deadline 11-30 24:00, that is 12-01 00:00).
 * - 县水务局 (water): one order on 11-23, signed and replied on time.
 * - 县住建局 (housing): two orders on 11-23, signed on time, never replied: overdue from 12-01
 *   00:00, and nothing new in December.
 * - 县自然资源局 (natres): the same two, and one more on 12-14, signed on time.
 * - 县生态环境局 (eco): one order on 12-15 09:00, the figures read at 10:00, not yet due to be signed.
 */
describe(`the ranking judges units by what they had in hand (${TEST_DIALECT})`, () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  const at = (local: string) => t.clock.set(`2026-${local}+08:00`);
  const watch = () => new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings)).runOnce();
  const figures = async (date: string) =>
    (
      (await ok(
        (await t.as('leader')).get(`/api/statistics/units?period=month&date=${date}`),
      )) as unknown as {
        units: UnitRow[];
      }
    ).units;
  const row = (units: UnitRow[], code: string) => units.find((u) => u.unitId === t.unitId(code)) as UnitRow;
  const drill = async (date: string, code: string, indicator: string) =>
    (
      (await ok(
        (
          await t.as('dispatcher')
        ).get(
          `/api/statistics/drill?period=month&date=${date}&unitId=${t.unitId(code)}&indicator=${indicator}`,
        ),
      )) as unknown as { items: OrderDetail[] }
    ).items
      .map((o) => o.id)
      .sort((x, y) => x - y);

  beforeAll(async () => {
    t = await createTestApp('2026-11-23T09:00:00+08:00');
    ids.transport = (await registeredAndDispatched(t, 'transport')).id;
    let water = await registeredAndDispatched(t, 'water');
    const held: OrderDetail[] = [];
    for (const unit of ['housing', 'housing', 'natres', 'natres'])
      held.push(await registeredAndDispatched(t, unit));
    at('11-23T10:00:00');
    water = await act(await t.as('water-a'), water, 'sign');
    for (const [i, o] of held.entries())
      held[i] = await act(await t.as(i < 2 ? 'housing-a' : 'natres-a'), o, 'sign');
    ids.housing1 = held[0]?.id as number;
    ids.housing2 = held[1]?.id as number;
    at('11-24T10:00:00');
    const reply = aReply({
      citizenContact: contact(new Date(t.clock.now().getTime() - 60_000).toISOString()),
    });
    await replySignedOff(await t.as('water-a'), await t.as('water-leader'), water, { reply });
  });
  afterAll(() => t.close());

  it('a sign-for deadline passed without signing is 超时签收, from the deadline, marked or not', async () => {
    at('11-25T10:00:00'); // transport's sign-for deadline (11-24 24:00) passed; the watcher has not run
    const check = async () => {
      const units = await figures('2026-11-15');
      const transport = row(units, 'transport');
      expect(transport.counts).toMatchObject({ received: 1, signed: 0, signedOnTime: 0, signedLate: 1 });
      expect(transport.rates.signOnTimeRate).toBe(0);
      expect(await drill('2026-11-15', 'transport', 'signedLate')).toEqual([ids.transport]);
      // Not a full score, and below the units that signed in time (100: water, housing, natres).
      expect(transport.ranking.score).toBe(60); // (0 × 10 + 100 × 15) / 25: sign for on time, overdue
      expect(transport.rank).toBe(4);
      expect(row(units, 'water').rank).toBe(1);
    };
    await check();
    // The watcher records 「超时未签收」 at the deadline: the same deadline, counted once.
    await watch();
    await check();
  });

  it('units whose only figures in the month are overdue orders are ranked, and last', async () => {
    at('12-02T09:00:00');
    await watch();
    at('12-14T09:00:00');
    const third = await registeredAndDispatched(t, 'natres');
    at('12-14T10:00:00');
    await act(await t.as('natres-a'), third, 'sign');
    at('12-15T09:00:00');
    ids.eco = (await registeredAndDispatched(t, 'eco')).id;
    at('12-15T10:00:00');
    const units = await figures('2026-12-15');

    // Housing: nothing new in December, both orders it held overdue from 12-01 00:00.
    const housing = row(units, 'housing');
    expect(housing.counts).toMatchObject({ received: 0, openAtStart: 2, overdueEver: 2, overdueNow: 2 });
    expect(housing.rates.overdueRate).toBe(100); // 2 ÷ (2 in hand on 12-01 00:00 + 0 received)
    expect(housing.ranking.score).toBe(0);
    expect(await drill('2026-12-15', 'housing', 'overdueEver')).toEqual([ids.housing1, ids.housing2]);

    // Transport: its one unsigned order, in hand since November, overdue from 12-01 00:00.
    const transport = row(units, 'transport');
    expect(transport.counts).toMatchObject({ received: 0, openAtStart: 1, overdueEver: 1, signedLate: 0 });
    expect(transport.ranking.score).toBe(0);

    // Natres: 2 overdue of the 3 it had in hand, not 2 ÷ 1 received = 200 %.
    const natres = row(units, 'natres');
    expect(natres.counts).toMatchObject({ received: 1, openAtStart: 2, overdueEver: 2, signedOnTime: 1 });
    expect(natres.rates.overdueRate).toBe(66.7);
    for (const u of units)
      for (const rate of Object.values(u.rates)) if (rate !== null) expect(rate).toBeLessThanOrEqual(100);
    expect(natres.ranking.score).toBe(60); // (100 × 10 + 33.3 × 15) / 25 = 59.98

    // Eco: one order received an hour ago, not yet due to be signed: nothing is late, so nothing
    // lowers its score; it is ranked on what it holds (docs/figures.md, 排名).
    const eco = row(units, 'eco');
    expect(eco.counts).toMatchObject({ received: 1, signed: 0, signedLate: 0, overdueEver: 0 });
    expect(eco.ranking.score).toBe(100);
    expect(eco.rank).toBe(1);

    expect(natres.rank).toBe(2);
    expect(housing.rank).toBe(3);
    expect(transport.rank).toBe(3);
    // Water had nothing in hand in December: not ranked.
    expect(row(units, 'water').rank).toBeNull();
  });

  it('with a minimum set, units scored on fewer orders and no failure keep their score but no place', async () => {
    const dispatcher = await t.as('dispatcher');
    await ok(dispatcher.put('/api/settings/figures', { minOrdersToRank: 2 }));
    try {
      const units = await figures('2026-11-15');
      // November: water replied on time on its one order; transport missed signing its one order.
      const water = row(units, 'water');
      expect(water.ranking.score).toBe(100);
      expect(water.rank).toBeNull();
      expect((water as UnitRow & { fewOrders: boolean }).fewOrders).toBe(true);
      // A failure is placed whatever the count: one missed sign-for deadline is not hidden.
      expect(row(units, 'transport').rank).not.toBeNull();
      // Housing and natres held two orders each, both full so far: they share the first place.
      expect(row(units, 'housing').rank).toBe(1);
      expect(row(units, 'natres').rank).toBe(1);
      expect(row(units, 'transport').rank).toBe(3);
    } finally {
      await ok(dispatcher.put('/api/settings/figures', { minOrdersToRank: 0 }));
    }
  });
});
