import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineMarksRepository } from '../../src/db/repositories/deadline-marks.repository.js';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import { act, coSignedWithOpinion, ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Notifications = { items: Array<{ kind: string; orderId: number | null; title: string; body: string }> };

/**
 * A co-unit's own 预警: told, once per deadline, when less than a working day is left before its
 * 协办意见期限 while it still owes its opinion, as the lead is told of its handling deadline.
 */
describe(`a co-unit warned before its own deadline (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let watcher: DeadlineWatcher;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    watcher = new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings));
  });
  afterAll(() => t.close());

  const inboxOf = async (user: string, orderId: number) =>
    ((await ok((await t.as(user)).get('/api/notifications'))) as unknown as Notifications).items.filter(
      (n) => n.orderId === orderId && n.kind === 'co_unit_due_soon',
    );
  const warningsOn = async (orderId: number) =>
    (await ok((await t.as('dispatcher')).get(`/api/work-orders/${orderId}`))).timeline.filter(
      (e) => e.type === 'co_unit_due_soon',
    );

  it('warns the co-unit still owing its opinion on its last working day, once; not the one that gave it, nor the lead', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'urban', ['police', 'market']);
    // Monday's dispatch: three working days, to the end of Thursday 5 March.
    expect(order.deadlines.coUnit.at).toBe('2026-03-05T16:00:00.000Z');
    await coSignedWithOpinion(
      t,
      'police-a',
      order.id,
      '城关派出所已调取监控，咬人犬只系附近居民散养，已找到犬主。',
    );

    // More than a working day left: nothing yet.
    t.clock.set('2026-03-04T23:00:00+08:00');
    expect((await watcher.runOnce()).co_unit_due_soon).toBe(0);

    t.clock.set('2026-03-05T08:00:00+08:00');
    expect((await watcher.runOnce()).co_unit_due_soon).toBe(1);
    expect((await watcher.runOnce()).co_unit_due_soon).toBe(0);

    const warnings = await warningsOn(order.id);
    // Recorded at the instant it became due soon (Thursday 00:00), as the system's.
    expect(warnings.map((e) => [e.payload.unitId, e.payload.deadline, e.at, e.actorName, e.label])).toEqual([
      [
        t.unitId('market'),
        '2026-03-05T16:00:00.000Z',
        '2026-03-04T16:00:00.000Z',
        '系统',
        '预警：协办意见期限将至',
      ],
    ]);
    const told = await inboxOf('market-a', order.id);
    expect(told.map((n) => n.title)).toEqual(['协办意见即将到期（预警）']);
    expect(told[0]?.body).toContain('协办意见将于 2026-03-05 24:00 到期');
    expect(await inboxOf('police-a', order.id)).toEqual([]);
    expect(await inboxOf('urban-a', order.id)).toEqual([]);

    // A second writer (another server process) finds the warning claimed.
    const part = await t.ctx.db.kysely
      .selectFrom('work_order_units')
      .select(['id', 'due_soon_marked_for'])
      .where('order_id', '=', order.id)
      .where('unit_id', '=', t.unitId('market'))
      .executeTakeFirstOrThrow();
    expect(part.due_soon_marked_for).toBe('2026-03-05T16:00:00.000Z');
    expect(
      await new DeadlineMarksRepository(t.ctx.db.kysely).claimCoDueSoon(part.id, '2026-03-05T16:00:00.000Z'),
    ).toBe(false);

    // Its deadline passes: marked late (协办超时), not warned again.
    t.clock.set('2026-03-06T00:30:00+08:00');
    const round = await watcher.runOnce();
    expect([round.co_unit_silent, round.co_unit_due_soon]).toEqual([1, 0]);

    // A co-unit the office adds now gets a fresh deadline (halfway to the lead's, Monday's end:
    // Sunday 05:00) with less than a working day of it left: warned on the watcher's next round,
    // from the moment it was brought in.
    t.clock.set('2026-03-06T10:00:00+08:00');
    const dispatcher = await t.as('dispatcher');
    const office = await act(
      dispatcher,
      await ok(dispatcher.get(`/api/work-orders/${order.id}`)),
      'addCoUnit',
      {
        unitId: t.unitId('natres'),
      },
    );
    expect(office.deadlines.coUnit.at).toBe('2026-03-07T21:00:00.000Z');
    t.clock.set('2026-03-06T10:01:00+08:00');
    expect((await watcher.runOnce()).co_unit_due_soon).toBe(1);
    expect((await warningsOn(order.id)).map((e) => [e.payload.unitId, e.payload.deadline, e.at])).toEqual([
      [t.unitId('market'), '2026-03-05T16:00:00.000Z', '2026-03-04T16:00:00.000Z'],
      [t.unitId('natres'), '2026-03-07T21:00:00.000Z', '2026-03-06T02:00:00.000Z'],
    ]);
    expect(await inboxOf('natres-a', order.id)).toHaveLength(1);

    // The deadline moves (the city's came earlier: city-inbound moves co_unit_by as here): the
    // warning was for the old one, so the part is warned again, once, for the new one.
    await t.ctx.db.kysely
      .updateTable('work_orders')
      .set({ co_unit_by: '2026-03-07T12:00:00.000Z' })
      .where('id', '=', order.id)
      .execute();
    t.clock.set('2026-03-06T10:02:00+08:00');
    expect((await watcher.runOnce()).co_unit_due_soon).toBe(1);
    expect((await watcher.runOnce()).co_unit_due_soon).toBe(0);
    expect((await warningsOn(order.id)).map((e) => e.payload.deadline)).toEqual([
      '2026-03-05T16:00:00.000Z',
      '2026-03-07T21:00:00.000Z',
      '2026-03-07T12:00:00.000Z',
    ]);
  });

  it('counts working time: a deadline on Monday is not due soon over the weekend', async () => {
    t.clock.set('2026-03-18T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'urban', ['water']);
    // Wednesday's dispatch: Thursday, Friday, Monday.
    expect(order.deadlines.coUnit.at).toBe('2026-03-23T16:00:00.000Z');
    t.clock.set('2026-03-21T12:00:00+08:00');
    await watcher.runOnce();
    expect(await warningsOn(order.id)).toEqual([]);
    t.clock.set('2026-03-23T00:20:00+08:00');
    await watcher.runOnce();
    expect((await warningsOn(order.id)).map((e) => e.at)).toEqual(['2026-03-22T16:00:00.000Z']);
    expect(await inboxOf('water-a', order.id)).toHaveLength(1);
  });

  it('leaves alone a co-unit whose order left the units before its last day', async () => {
    t.clock.set('2026-03-25T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'urban', ['civil']);
    const dispatcher = await t.as('dispatcher');
    await act(dispatcher, order, 'void', { reason: '重复来电，已在另一工单中办理' });
    t.clock.set('2026-03-30T08:00:00+08:00');
    await watcher.runOnce();
    expect(await warningsOn(order.id)).toEqual([]);
  });
});
