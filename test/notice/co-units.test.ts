import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import {
  act,
  aReply,
  contact,
  coSignedWithOpinion,
  ok,
  refused,
  registeredAndDispatched,
  replySignedOff,
} from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Notifications = { items: Array<{ kind: string; orderId: number | null; title: string }> };

describe(`co-units: their own return and their own deadline (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let watcher: DeadlineWatcher;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    watcher = new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings));
  });
  afterAll(() => t.close());

  it('a co-unit returns its part within 1 working day with reason and suggestion; the office sees it', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'urban', ['police', 'market']);
    const market = await t.as('market-a');
    let seen = await ok(market.get(`/api/work-orders/${order.id}`));
    expect(seen.allowedActions).toEqual(['coSign', 'coReturn']);
    await refused(
      market.post(`/api/work-orders/${order.id}/co-return`, {
        version: seen.version,
        reason: '不是',
        suggestedUnit: '县公安局',
      }),
      400,
      'RETURN_REASON_REQUIRED',
    );
    t.clock.set('2026-03-03T10:00:00+08:00');
    seen = await act(market, seen, 'coReturn', {
      reason: '流浪犬收容不属于市场监管职责',
      suggestedUnit: '县农业农村局',
    });
    // Its part is gone: it reads what it returned, and can do nothing more; the lead still holds it.
    expect(seen.allowedActions).toEqual([]);
    expect(seen.assignments.find((a) => a.unitId === t.unitId('market'))?.active).toBe(false);
    const office = await ok((await t.as('dispatcher')).get(`/api/work-orders/${order.id}`));
    expect(office.state).toBe('pending_sign');
    const returned = office.timeline.find((e) => e.type === 'co_returned');
    expect(returned?.payload).toMatchObject({
      unitId: t.unitId('market'),
      reason: '流浪犬收容不属于市场监管职责',
      suggestedUnit: '县农业农村局',
    });
    expect(returned?.actorUnitName).toBe('县市场监督管理局');
    expect(office.assignments.filter((a) => a.active).map((a) => a.unitId)).not.toContain(t.unitId('market'));
    const inbox = (await ok(
      (await t.as('dispatcher')).get('/api/notifications'),
    )) as unknown as Notifications;
    expect(inbox.items.some((n) => n.orderId === order.id && n.kind === 'co_returned')).toBe(true);
    // Past the window the other co-unit can no longer return its part.
    t.clock.set('2026-03-04T09:00:00+08:00');
    const police = await t.as('police-a');
    const p = await ok(police.get(`/api/work-orders/${order.id}`));
    expect(p.allowedActions).not.toContain('coReturn');
    await refused(
      police.post(`/api/work-orders/${order.id}/co-return`, {
        version: p.version,
        reason: '食品经营许可由县市场监管局负责,不属于本单位协办职责',
        suggestedUnit: '县住建局',
      }),
      422,
      'RETURN_WINDOW_CLOSED',
    );
  });

  it('a co-unit is not late when the lead replies first, and is marked late once, by the watcher, after its own deadline', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'urban', ['police', 'market']);
    const coUnitBy = order.deadlines.coUnit.at as string;
    expect(coUnitBy).toBe('2026-03-05T16:00:00.000Z');
    await coSignedWithOpinion(
      t,
      'police-a',
      order.id,
      '城关派出所已调取监控，咬人犬只系附近居民散养，已找到犬主。',
    );

    // Before the co-units' deadline the watcher has nothing to mark.
    t.clock.set('2026-03-05T23:00:00+08:00');
    expect((await watcher.runOnce()).co_unit_silent).toBe(0);
    t.clock.set('2026-03-06T00:30:00+08:00');
    // (the first test's order has a silent co-unit of its own, with the same deadline)
    expect((await watcher.runOnce()).co_unit_silent).toBe(2);
    expect((await watcher.runOnce()).co_unit_silent).toBe(0);
    order = await ok((await t.as('dispatcher')).get(`/api/work-orders/${order.id}`));
    const silent = order.timeline.filter((e) => e.type === 'co_unit_silent');
    expect(silent[0]?.payload.deadline).toBe(coUnitBy);
    expect(silent.map((e) => e.payload.unitId)).toEqual([t.unitId('market')]);
    expect(order.assignments.find((a) => a.unitId === t.unitId('market'))?.silent).toBe(true);
    const inbox = (await ok((await t.as('market-a')).get('/api/notifications'))) as unknown as Notifications;
    expect(inbox.items.some((n) => n.orderId === order.id && n.kind === 'co_unit_silent')).toBe(true);

    // The lead's reply afterwards does not record it twice.
    const lead = await t.as('urban-a');
    order = await act(lead, order, 'sign');
    order = await replySignedOff(lead, await t.as('urban-leader'), order, {
      reply: aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - 600_000).toISOString()) }),
    });
    expect(order.timeline.filter((e) => e.type === 'co_unit_silent')).toHaveLength(1);

    // 协办超时 in the figures, against each co-unit: police on the first order, market on this one.
    const office = await t.as('dispatcher');
    const figures = (await ok(
      office.get('/api/statistics/units?period=month&date=2026-03-15'),
    )) as unknown as {
      units: Array<{ unitId: number; counts: { coSilent: number; coReceived: number } }>;
    };
    const coSilent = (unit: string) =>
      figures.units.find((u) => u.unitId === t.unitId(unit))?.counts.coSilent;
    expect([coSilent('police'), coSilent('market'), coSilent('urban')]).toEqual([1, 1, 0]);
    const drill = (await ok(
      office.get(
        `/api/statistics/drill?period=month&date=2026-03-15&unitId=${t.unitId('market')}&indicator=coSilent`,
      ),
    )) as unknown as { total: number; items: Array<{ id: number }> };
    expect(drill.items.map((o) => o.id)).toEqual([order.id]);
    const april = (await ok(office.get('/api/statistics/units?period=month&date=2026-04-15'))) as unknown as {
      units: Array<{ unitId: number; counts: { coSilent: number } }>;
    };
    expect(april.units.every((u) => u.counts.coSilent === 0)).toBe(true);
    // The bulletin names both co-units in its own line.
    const bulletin = (await ok(
      (await t.as('reviewer')).post('/api/bulletins', { from: '2026-03-01', to: '2026-03-31' }),
      201,
    )) as unknown as { body: string; figures: { units: Array<{ unitId: number; coSilent: number }> } };
    expect(bulletin.figures.units.find((u) => u.unitId === t.unitId('market'))?.coSilent).toBe(1);
    expect(bulletin.body).toContain(
      '（七）协办不力。协办单位到期未提出协办意见的：县市场监督管理局1件、县公安局1件。',
    );
  });

  it('a lead replying before the co-units’ deadline leaves them unmarked', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'urban', ['market']);
    const lead = await t.as('urban-a');
    order = await act(lead, order, 'sign');
    t.clock.set('2026-03-03T10:00:00+08:00');
    order = await replySignedOff(lead, await t.as('urban-leader'), order, {
      reply: aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - 600_000).toISOString()) }),
    });
    expect(order.timeline.map((e) => e.type)).not.toContain('co_unit_silent');
    t.clock.set('2026-03-06T10:00:00+08:00');
    await watcher.runOnce();
    order = await ok((await t.as('dispatcher')).get(`/api/work-orders/${order.id}`));
    expect(order.timeline.map((e) => e.type)).not.toContain('co_unit_silent');
  });

  it('the office adds the unit a co-unit suggested; it is told, signs and gives its opinion; bad picks refused', async () => {
    t.clock.set('2026-03-09T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'urban', ['market']);
    const market = await t.as('market-a');
    await act(market, await ok(market.get(`/api/work-orders/${order.id}`)), 'coReturn', {
      reason: '占道经营属城管执法,不属于市场监管职责',
      suggestedUnit: '县公安局',
    });
    const dispatcher = await t.as('dispatcher');
    let office = await ok(dispatcher.get(`/api/work-orders/${order.id}`));
    expect(office.allowedActions).toContain('addCoUnit');
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/add-co-unit`, {
        version: office.version,
        unitId: t.unitId('urban'),
      }),
      400,
      'LEAD_ALSO_CO_UNIT',
    );
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/add-co-unit`, { version: office.version, unitId: 99999 }),
      400,
      'UNIT_NOT_FOUND',
    );
    // A unit cannot add co-units itself.
    const lead = await t.as('urban-a');
    await refused(
      lead.post(`/api/work-orders/${order.id}/add-co-unit`, {
        version: office.version,
        unitId: t.unitId('police'),
      }),
      403,
      'FORBIDDEN_ROLE',
    );
    office = await act(dispatcher, office, 'addCoUnit', {
      unitId: t.unitId('police'),
      note: '按协办单位建议',
    });
    const added = office.timeline.find((e) => e.type === 'co_unit_added');
    expect(added?.payload).toMatchObject({ unitId: t.unitId('police'), note: '按协办单位建议' });
    expect(added?.payload.coUnitBy).toBe(office.deadlines.coUnit.at);
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/add-co-unit`, {
        version: office.version,
        unitId: t.unitId('police'),
      }),
      400,
      'CO_UNIT_ALREADY_ADDED',
    );
    const police = await t.as('police-a');
    const inbox = (await ok(police.get('/api/notifications'))) as unknown as Notifications;
    expect(inbox.items.some((n) => n.orderId === order.id && n.kind === 'co_unit_added')).toBe(true);
    let p = await ok(police.get(`/api/work-orders/${order.id}`));
    expect(p.allowedActions).toEqual(['coSign', 'coReturn']);
    p = await act(police, p, 'coSign');
    p = await act(police, p, 'coOpinion', {
      content: '占道经营者系外地流动商贩，城关派出所已于当日劝离3户。',
    });
    expect(p.timeline.at(-1)?.type).toBe('co_opinion_given');
  });
});
