import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCityOrder, createMachineClient, type MachineClient } from '../support/api-clients.js';
import { ok } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const ORDERS = '/api/city/v1/orders';

describe(`the city's orders come in exactly once (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let city: MachineClient;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    city = await createMachineClient(t, { name: '市12345平台', scopes: ['city'], unitCode: 'city' });
  });
  afterAll(() => t.close());

  /** What the database holds, read directly: the API could hide a second row. */
  const ordersWithCityNo = (no: string) =>
    t.ctx.db.kysely.selectFrom('work_orders').select('id').where('city_order_no', '=', no).execute();

  it('registers an order once; a resend gets the first answer back', async () => {
    const first = await city.call('POST', ORDERS, aCityOrder('SZ-001'));
    expect(first.statusCode, first.body).toBe(201);
    const created = first.json() as { id: number; code: string; state: string; duplicate: boolean };
    expect(created).toMatchObject({ cityOrderNo: 'SZ-001', state: 'pending_dispatch', duplicate: false });

    const again = await city.call('POST', ORDERS, aCityOrder('SZ-001'));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(created);
    expect(await ordersWithCityNo('SZ-001')).toHaveLength(1);

    const detail = await ok((await t.as('dispatcher')).get(`/api/work-orders/${created.id}`));
    expect(detail.channel).toBe('city_platform');
    expect(detail.timeline[0]).toMatchObject({ type: 'registered', actorName: '市12345平台' });
  });

  it('control characters and direction overrides are taken out of the text, on both databases', async () => {
    const res = await city.call(
      'POST',
      ORDERS,
      aCityOrder('SZ-CTRL', { citizenName: '王\u0000五\u202e', title: '路灯\u0007损坏\u001b[0m' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.ctx.db.kysely
      .selectFrom('work_orders')
      .select(['citizen_name', 'title'])
      .where('city_order_no', '=', 'SZ-CTRL')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ citizen_name: '王五', title: '路灯损坏[0m' });
  });

  it('the city names the category by its path, as it knows it; a path that is not ours is refused', async () => {
    const named = await city.call(
      'POST',
      ORDERS,
      aCityOrder('SZ-CAT', { categoryPath: '城乡建设/住房保障与房地产/物业服务' }),
    );
    expect(named.statusCode, named.body).toBe(201);
    const order = await ok((await t.as('dispatcher')).get(`/api/work-orders/${named.json().id}`));
    expect(order.category).toMatchObject({ level3: '物业服务' });
    const unknown = await city.call(
      'POST',
      ORDERS,
      aCityOrder('SZ-CAT2', { categoryPath: '城乡建设/不存在的分类' }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('CATEGORY_NOT_FOUND');
    expect(await ordersWithCityNo('SZ-CAT2')).toHaveLength(0);
  });

  it('a five-digit service number is no caller’s phone', async () => {
    const res = await city.call('POST', ORDERS, aCityOrder('SZ-PHONE', { citizenPhone: '12345' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('请填写来电人的手机或座机号码');
  });

  it('the same key with different content is refused (422) and changes nothing', async () => {
    await city.call('POST', ORDERS, aCityOrder('SZ-002'));
    const res = await city.call('POST', ORDERS, aCityOrder('SZ-002', { title: '楼下餐馆噪音扰民' }));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const withKey = await city.call('POST', ORDERS, aCityOrder('SZ-003'), { 'idempotency-key': 'k-1' });
    expect(withKey.statusCode).toBe(201);
    const reused = await city.call('POST', ORDERS, aCityOrder('SZ-004'), { 'idempotency-key': 'k-1' });
    expect(reused.statusCode).toBe(422);
    expect(await ordersWithCityNo('SZ-004')).toHaveLength(0);
  });

  it('a city order sent again under a new key is the same order (200, duplicate)', async () => {
    const first = (await city.call('POST', ORDERS, aCityOrder('SZ-005'), { 'idempotency-key': 'a' })).json();
    const second = await city.call('POST', ORDERS, aCityOrder('SZ-005'), { 'idempotency-key': 'b' });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ id: first.id, duplicate: true });
  });

  it('50 parallel resends of one order: no 500, one order', async () => {
    const sends = Array.from({ length: 50 }, (_, i) =>
      city.call('POST', ORDERS, aCityOrder('SZ-RACE'), i % 2 === 0 ? {} : { 'idempotency-key': `race-${i}` }),
    );
    const answers = await Promise.all(sends);
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 200 || s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    const ids = new Set(answers.filter((a) => a.statusCode < 300).map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(await ordersWithCityNo('SZ-RACE')).toHaveLength(1);
  });

  it('bad input gets a Chinese 400 naming the field; the city reads back the state of its order', async () => {
    const res = await city.call('POST', ORDERS, aCityOrder('SZ-006', { content: '太短' }));
    expect(res.statusCode).toBe(400);
    // People read the field's name; the city's program reads its path.
    expect(res.json().error.message).toContain('诉求内容至少 10 个字');
    expect(res.json().error.details.fields).toEqual([
      { field: 'body.content', message: '诉求内容至少 10 个字' },
    ]);
    const bad = await t.app.inject({
      method: 'POST',
      url: ORDERS,
      headers: { authorization: `Bearer ${city.key}`, 'content-type': 'application/json' },
      payload: '{"cityOrderNo":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_JSON');
    const read = await city.call('GET', `${ORDERS}/SZ-001`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ cityOrderNo: 'SZ-001', state: 'pending_dispatch' });
    expect((await city.call('GET', `${ORDERS}/SZ-NONE`)).statusCode).toBe(404);
  });
});

describe(`the city's changes to an order (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let city: MachineClient;
  let orderId: number;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    city = await createMachineClient(t, { name: '市12345平台', scopes: ['city'], unitCode: 'city' });
    orderId = (
      await city.call('POST', ORDERS, aCityOrder('SZ-UPD', { cityDeadline: '2026-03-10T18:00:00+08:00' }))
    ).json().id;
    const office = await t.as('dispatcher');
    const order = await ok(office.get(`/api/work-orders/${orderId}`));
    await ok(
      office.post(`/api/work-orders/${orderId}/dispatch`, {
        version: order.version,
        leadUnitId: t.unitId('housing'),
        coUnitIds: [],
      }),
    );
  });
  afterAll(() => t.close());

  const timeline = async () =>
    (await ok((await t.as('dispatcher')).get(`/api/work-orders/${orderId}`))).timeline;
  const unitNotices = async () =>
    (
      (await (await t.as('housing-a')).get('/api/notifications')).json() as {
        items: { title: string; body: string }[];
      }
    ).items;

  it('a supplement goes on the timeline once and the unit is told', async () => {
    const update = { kind: 'supplement', content: '群众补充:餐馆晚上十点后仍在营业,油烟更大。' };
    const first = await city.call('POST', `${ORDERS}/SZ-UPD/updates`, update);
    expect(first.statusCode, first.body).toBe(201);
    const again = await city.call('POST', `${ORDERS}/SZ-UPD/updates`, update);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const events = (await timeline()).filter((e) => e.type === 'city_supplemented');
    expect(events).toHaveLength(1);
    expect(events[0]?.label).toBe('市平台补充诉求');
    expect((await unitNotices()).some((n) => n.title === '市平台补充诉求' && n.body.includes('十点后'))).toBe(
      true,
    );
  });

  it('a new city deadline is stored on the order; cancellation and urges are recorded and told', async () => {
    const moved = await city.call('POST', `${ORDERS}/SZ-UPD/updates`, {
      kind: 'deadline',
      cityDeadline: '2026-03-06T18:00:00+08:00',
      reason: '市领导督办',
    });
    expect(moved.statusCode, moved.body).toBe(201);
    const order = await ok((await t.as('dispatcher')).get(`/api/work-orders/${orderId}`));
    expect(order.cityDeadline).toBe('2026-03-06T10:00:00.000Z');
    // The county's deadline (5 working days: 03-09 24:00) may not fall after the city's: it follows.
    expect(order.handleBy).toBe('2026-03-06T10:00:00.000Z');
    expect((await unitNotices()).find((n) => n.title === '市平台变更期限')?.body).toContain(
      '本工单的办理期限随之提前到 2026-03-06 18:00',
    );
    // A later city deadline moves no county clock back: the unit may ask for an extension up to it.
    const later = await city.call('POST', `${ORDERS}/SZ-UPD/updates`, {
      kind: 'deadline',
      cityDeadline: '2026-03-20T18:00:00+08:00',
    });
    expect(later.statusCode, later.body).toBe(201);
    const unchanged = await ok((await t.as('dispatcher')).get(`/api/work-orders/${orderId}`));
    expect([unchanged.cityDeadline, unchanged.handleBy]).toEqual([
      '2026-03-20T10:00:00.000Z',
      '2026-03-06T10:00:00.000Z',
    ]);
    const urge = await city.call(
      'POST',
      `${ORDERS}/SZ-UPD/updates`,
      { kind: 'urge', message: '请加快办理!' },
      { 'idempotency-key': 'u1' },
    );
    expect(urge.statusCode).toBe(201);
    const cancel = await city.call('POST', `${ORDERS}/SZ-UPD/updates`, {
      kind: 'cancel',
      reason: '群众已撤诉',
    });
    expect(cancel.statusCode).toBe(201);
    const types = (await timeline()).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['city_deadline_changed', 'city_urged', 'city_cancel_requested']),
    );
    const titles = (await unitNotices()).map((n) => n.title);
    expect(titles).toEqual(expect.arrayContaining(['市平台变更期限', '市平台催办', '市平台撤单']));
    const reused = await city.call(
      'POST',
      `${ORDERS}/SZ-UPD/updates`,
      { kind: 'urge', message: '另一条催办' },
      { 'idempotency-key': 'u1' },
    );
    expect(reused.statusCode).toBe(422);
  });

  it('the same urge on another day is another urge; the same day, a resend', async () => {
    const urge = { kind: 'urge', message: '市民再次来电催促。' };
    const urged = async () => (await timeline()).filter((e) => e.type === 'city_urged').length;
    const before = await urged();
    expect((await city.call('POST', `${ORDERS}/SZ-UPD/updates`, urge)).statusCode).toBe(201);
    const again = await city.call('POST', `${ORDERS}/SZ-UPD/updates`, urge);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await urged()).toBe(before + 1);
    t.clock.advance(24 * 3600_000);
    const nextDay = await city.call('POST', `${ORDERS}/SZ-UPD/updates`, urge);
    expect(nextDay.statusCode).toBe(201);
    expect(nextDay.headers['idempotent-replayed']).toBeUndefined();
    expect(await urged()).toBe(before + 2);
  });

  it('a closed or voided order takes no more changes: 409 with its state, nothing recorded', async () => {
    const office = await t.as('dispatcher');
    const sent = await city.call('POST', ORDERS, aCityOrder('SZ-VOID'));
    const order = await ok(office.get(`/api/work-orders/${sent.json().id}`));
    await ok(
      office.post(`/api/work-orders/${order.id}/void`, { version: order.version, reason: '重复登记,作废。' }),
    );
    for (const update of [
      { kind: 'urge', message: '请加快办理!' },
      { kind: 'deadline', cityDeadline: '2026-03-20T18:00:00+08:00' },
      { kind: 'supplement', content: '群众补充了新的情况。' },
    ]) {
      const res = await city.call('POST', `${ORDERS}/SZ-VOID/updates`, update);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CITY_ORDER_CLOSED', details: { state: 'voided' } });
    }
    const after = await ok(office.get(`/api/work-orders/${order.id}`));
    expect(after.timeline.filter((e) => e.type.startsWith('city_'))).toEqual([]);
  });

  it('refuses a past deadline, an unknown kind and an unknown order without a trace', async () => {
    const before = (await timeline()).length;
    const past = await city.call('POST', `${ORDERS}/SZ-UPD/updates`, {
      kind: 'deadline',
      cityDeadline: '2026-03-01T18:00:00+08:00',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.code).toBe('CITY_DEADLINE_PASSED');
    expect((await city.call('POST', `${ORDERS}/SZ-UPD/updates`, { kind: 'merge' })).statusCode).toBe(400);
    const unknown = await city.call('POST', `${ORDERS}/SZ-NONE/updates`, { kind: 'urge', message: '请办理' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CITY_ORDER_NOT_FOUND');
    expect((await timeline()).length).toBe(before);
  });
});
