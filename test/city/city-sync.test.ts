import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CitySyncRepository } from '../../src/db/repositories/city-sync.repository.js';
import { ORDERS_CURSOR } from '../../src/domain/city-poll.js';
import { CityOrderPoller } from '../../src/jobs/city-poller.js';
import { CitySync } from '../../src/jobs/city-sync.js';
import { type FakeCity, startFakeCity } from '../../tools/fake-city/fake-city.js';
import { cityOrder } from '../../tools/fake-city/scenario.js';
import { createMachineClient } from '../support/api-clients.js';
import { act, anOrder, ok, refused } from '../support/orders.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const KEY = 'city-secret-key-2026';
let t: TestApp;
let city: FakeCity;

beforeEach(async () => {
  city = await startFakeCity({ key: KEY });
  t = await createTestApp();
  await ok(
    (await t.as('admin')).put('/api/city-link/settings', {
      enabled: true,
      resultsUrl: `${city.url}/results`,
      ordersUrl: `${city.url}/orders`,
      statusesUrl: `${city.url}/statuses`,
      key: KEY,
      timeoutMs: 1000,
      maxAttempts: 3,
      pollEverySeconds: 60,
      fieldMapping: {},
    }),
  );
});
afterEach(async () => {
  await t.close();
  await city.close();
});

const cityOrders = async () =>
  t.ctx.db.kysely
    .selectFrom('work_orders')
    .select(['city_order_no', 'state'])
    .where('channel', '=', 'city_platform')
    .orderBy('city_order_no')
    .execute();

describe('pulling the city order list', { timeout: 30_000 }, () => {
  it('registers each listed order once, at the interval the administrator set, refusing bad rows with a reason', async () => {
    const poller = new CityOrderPoller(t.ctx);
    city.list([
      cityOrder(1, 'P'),
      cityOrder(2, 'P'),
      { ...cityOrder(3, 'P'), title: '短' },
      cityOrder(4, 'P'),
    ]);
    const first = await poller.pollIfDue();
    expect(first).toMatchObject({ received: 3, duplicates: 0 });
    expect(first?.refused).toEqual([
      { cityOrderNo: 'SZP00003', reason: expect.stringContaining('标题至少 4 个字') },
    ]);
    expect(await new CitySyncRepository(t.ctx.db.kysely).cursor(ORDERS_CURSOR)).toMatchObject({
      cursor: '4',
    });

    // The city lists an order again (its own resend) and a new one: nothing before the interval.
    city.list([cityOrder(2, 'P'), cityOrder(5, 'P')]);
    expect(await poller.pollIfDue()).toBeNull();
    t.clock.advance(60_000);
    expect(await poller.pollIfDue()).toMatchObject({ received: 1, duplicates: 1 });
    expect((await cityOrders()).map((o) => o.city_order_no)).toEqual([
      'SZP00001',
      'SZP00002',
      'SZP00004',
      'SZP00005',
    ]);
  });

  it('a refused row is kept for the office, with why and what it said, until handled or registered', async () => {
    const poller = new CityOrderPoller(t.ctx);
    city.list([
      { ...cityOrder(1, 'R'), citizenPhone: 'bad-phone' },
      { ...cityOrder(2, 'R'), title: '短' },
    ]);
    expect((await poller.pollIfDue())?.refused).toHaveLength(2);
    const office = await t.as('dispatcher');
    type Refused = { id: number; cityOrderNo: string; reason: string; content: string; seenCount: number };
    const refusedOf = async () =>
      ((await ok(office.get('/api/city-link/outbox'))) as unknown as { refusedOrders: Refused[] })
        .refusedOrders;
    const kept = await refusedOf();
    expect(kept.map((r) => r.cityOrderNo).sort()).toEqual(['SZR00001', 'SZR00002']);
    const phone = kept.find((r) => r.cityOrderNo === 'SZR00001') as Refused;
    expect(phone.reason).toContain('citizenPhone');
    expect(JSON.parse(phone.content)).toMatchObject({ citizenPhone: 'bad-phone' });

    // The city pushes the corrected order: its refusal is settled. The other the office handles.
    const cityClient = await createMachineClient(t, {
      name: '市12345平台',
      scopes: ['city'],
      unitCode: 'city',
    });
    const pushed = await cityClient.call('POST', '/api/city/v1/orders', cityOrder(1, 'R'));
    expect(pushed.statusCode, pushed.body).toBe(201);
    const left = await refusedOf();
    expect(left.map((r) => r.cityOrderNo)).toEqual(['SZR00002']);
    await refused(
      (await t.as('housing-a')).post(`/api/city-link/refused-orders/${left[0]?.id}/resolve`),
      403,
      'FORBIDDEN_ROLE',
    );
    await ok(office.post(`/api/city-link/refused-orders/${left[0]?.id}/resolve`));
    expect(await refusedOf()).toEqual([]);
    await refused(
      office.post(`/api/city-link/refused-orders/${left[0]?.id}/resolve`),
      404,
      'REFUSED_ORDER_NOT_FOUND',
    );
  });

  it('two processes polling at once store each order once and move the cursor once', async () => {
    city.list(Array.from({ length: 30 }, (_, i) => cityOrder(i + 1, 'Q')));
    const settings = await t.ctx.settings.cityLink();
    if (!settings) throw new Error('no settings');
    const other = t.anotherConnection();
    const otherCtx = other ? { ...t.ctx, db: other } : t.ctx;
    await Promise.all([
      new CityOrderPoller(t.ctx).poll(settings),
      new CityOrderPoller(otherCtx).poll(settings),
    ]);
    await other?.close();
    const rows = await cityOrders();
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.city_order_no)).size).toBe(30);
    expect(await new CitySyncRepository(t.ctx.db.kysely).cursor(ORDERS_CURSOR)).toMatchObject({
      cursor: '30',
    });
  });
});

describe('reconciliation', { timeout: 30_000 }, () => {
  it('lists orders whose status differs and orders one side lacks, on demand and once a day', async () => {
    const api = await createMachineClient(t, { name: '市12345热线平台', scopes: ['city'], unitCode: 'city' });
    const dispatcher = await t.as('dispatcher');
    // Two orders the city sent; the first is signed but the result has not gone back yet.
    for (const o of [cityOrder(1, 'R'), cityOrder(2, 'R')]) {
      city.orders.set(o.cityOrderNo, o);
      expect((await api.call('POST', '/api/city/v1/orders', o)).statusCode).toBe(201);
    }
    const [first] = (await dispatcher.get('/api/work-orders?q=SZR00001')).json().items;
    let order = await ok(dispatcher.get(`/api/work-orders/${first.id}`));
    order = await act(dispatcher, order, 'dispatch', { leadUnitId: t.unitId('housing'), coUnitIds: [] });
    await act(await t.as('housing-a'), order, 'sign');
    // One the city has and Huiyin never received, one registered here under a number the city does not know.
    city.orders.set('SZR00009', cityOrder(9, 'R'));
    await ok(
      dispatcher.post('/api/work-orders', anOrder({ channel: 'city_platform', cityOrderNo: 'SZX1' })),
      201,
    );

    const { report } = (await dispatcher.post('/api/city-link/reconciliations')).json();
    expect(report).toMatchObject({ status: 'done', compared: 4 });
    expect(report.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'status_differs',
          cityOrderNo: 'SZR00001',
          huiyinStatus: 'handling',
          cityStatus: 'accepted',
          undelivered: 1,
        }),
        expect.objectContaining({ kind: 'missing_in_huiyin', cityOrderNo: 'SZR00009' }),
        expect.objectContaining({ kind: 'missing_in_city', cityOrderNo: 'SZX1' }),
      ]),
    );
    expect(report.items).toHaveLength(3);
    expect((await dispatcher.get('/api/city-link/reconciliations/latest')).json().report.id).toBe(report.id);
    await refused((await t.as('housing-a')).post('/api/city-link/reconciliations'), 403, 'FORBIDDEN_ROLE');

    // The daily run: once the Beijing day has passed 02:00, once per day whatever the ticks.
    const sync = new CitySync(t.ctx, new CityOrderPoller(t.ctx));
    t.clock.set('2026-03-03T03:00:00+08:00');
    await sync.tick();
    await new CitySync(t.ctx, new CityOrderPoller(t.ctx)).tick();
    const daily = await t.ctx.db.kysely
      .selectFrom('city_reconciliations')
      .select('run_key')
      .where('run_key', 'like', 'daily:%')
      .execute();
    expect(daily.map((d) => d.run_key)).toEqual(['daily:2026-03-03']);
  });

  it('says why when the city cannot be reached', async () => {
    city.faults = { ...city.faults, down: true };
    const { report } = (await (await t.as('reviewer')).post('/api/city-link/reconciliations')).json();
    expect(report).toMatchObject({ status: 'failed', error: expect.stringContaining('503') });
  });
});
