import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, anOrder, ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

interface RepeatItem {
  id: number;
  code: string;
  reasons: string[];
  sameMatter: boolean;
  stateLabel: string;
  leadUnit: { name: string } | null;
}

const burstPipe = (over: Record<string, unknown> = {}) =>
  anOrder({
    citizenName: '李女士',
    citizenPhone: '13800001111',
    citizenAddress: '桥头镇幸福路 8 号幸福小区 3 栋',
    title: '幸福小区楼下水管破裂漏水',
    content: '幸福小区3栋楼下的自来水管破裂,水一直往外冒,路面都淹了,请尽快派人维修。',
    ...over,
  });

describe(`repeats caught before dispatch, caller history (${TEST_DIALECT})`, () => {
  let t: TestApp;
  const ids = { first: 0, theirs: 0 };
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('finds the same phone and a neighbour about the same place; merges one, links the other', async () => {
    const dispatcher = await t.as('dispatcher');
    const town = t.unitId('town-qiaotou');
    const first = await ok(dispatcher.post('/api/work-orders', burstPipe({ townshipUnitId: town })), 201);
    await act(dispatcher, first, 'dispatch', { leadUnitId: t.unitId('water'), coUnitIds: [] });
    // Something else entirely, in another township: never a candidate.
    await ok(
      dispatcher.post(
        '/api/work-orders',
        anOrder({ citizenPhone: '13911112222', townshipUnitId: t.unitId('town-hewan') }),
      ),
      201,
    );
    t.clock.advance(2 * 3600_000);

    // The same caller again, the address typed another way (full-width punctuation, no spaces).
    const sameCaller = await dispatcher.post('/api/assistant/repeats', {
      phone: '13800001111',
      address: '桥头镇幸福路8号，幸福小区3栋',
      townshipUnitId: town,
      type: 'complaint',
      title: '水管还在漏',
      content: '上午反映的幸福小区水管破裂到现在还没人来修。',
    });
    expect(sameCaller.statusCode, sameCaller.body).toBe(200);
    const found = sameCaller.json() as { windowDays: number; items: RepeatItem[] };
    expect(found.windowDays).toBe(30);
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      id: first.id,
      stateLabel: '待签收',
      leadUnit: { name: expect.any(String) },
    });
    expect(found.items[0]?.reasons).toEqual(expect.arrayContaining(['phone', 'place']));

    // A neighbour's phone about the same place.
    const neighbour = (
      await dispatcher.post('/api/assistant/repeats', {
        phone: '13700002222',
        address: '桥头镇幸福路8号幸福小区3栋',
        townshipUnitId: town,
        type: 'complaint',
        title: '小区水管爆了',
        content: '幸福小区3栋楼下水管爆裂,到处是水。',
      })
    ).json() as { items: RepeatItem[] };
    expect(neighbour.items.map((i) => i.id)).toEqual([first.id]);
    expect(neighbour.items[0]?.reasons).toContain('place');

    // One click: the same caller's order is merged into the first (register, then 并单).
    const again = await ok(dispatcher.post('/api/work-orders', burstPipe({ townshipUnitId: town })), 201);
    const merged = await act(dispatcher, again, 'merge', {
      intoCode: first.code,
      reason: '同一事项重复反映',
    });
    expect(merged.state).toBe('voided');
    // The neighbour's is kept as its own order, linked as a repeat.
    const theirs = await ok(
      dispatcher.post(
        '/api/work-orders',
        burstPipe({ citizenPhone: '13700002222', citizenName: '王先生', townshipUnitId: town }),
      ),
      201,
    );
    const fromDispatchForm = (await dispatcher.get(`/api/work-orders/${theirs.id}/repeats`)).json() as {
      items: RepeatItem[];
    };
    expect(fromDispatchForm.items.map((i) => i.id)).toContain(first.id);
    expect(fromDispatchForm.items.map((i) => i.id)).not.toContain(theirs.id);
    ids.first = first.id;
    ids.theirs = theirs.id;
    const linked = await act(dispatcher, theirs, 'linkRepeat', { repeatOfCode: first.code });
    expect(linked.state).toBe('pending_dispatch');
    await refused(
      dispatcher.post(`/api/work-orders/${theirs.id}/link-repeat`, {
        version: linked.version,
        repeatOfCode: 'HY000',
      }),
      400,
      'REPEAT_TARGET_INVALID',
    );
    await refused(
      dispatcher.post(`/api/work-orders/${theirs.id}/link-repeat`, {
        version: linked.version,
        repeatOfCode: first.code,
      }),
      400,
      'ALREADY_LINKED',
    );
  });

  it('is for the office only; bad input is refused in Chinese', async () => {
    const unit = await t.as('housing-a');
    const res = await unit.post('/api/assistant/repeats', { phone: '13800001111' });
    expect(res.statusCode).toBe(403);
    const dispatcher = await t.as('dispatcher');
    await refused(
      dispatcher.post('/api/assistant/repeats', { townshipUnitId: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("shows the caller's past orders with outcome; a unit sees only its own", async () => {
    const dispatcher = await t.as('dispatcher');
    const history = (await dispatcher.get('/api/assistant/caller-history?phone=13800001111')).json() as {
      items: Array<{ code: string; stateLabel: string; satisfactionLabel: string | null }>;
    };
    expect(history.items).toHaveLength(2);
    expect(history.items.map((i) => i.stateLabel).sort()).toEqual(['已作废', '待签收']);
    const water = await t.as('water-a');
    // The water bureau handles the first order; the merged one never reached it.
    const ofFirst = await water.get(`/api/work-orders/${ids.first}/caller-history`);
    expect(ofFirst.statusCode, ofFirst.body).toBe(200);
    expect((ofFirst.json() as { items: unknown[] }).items).toEqual([]);
    const officeView = (await dispatcher.get(`/api/work-orders/${ids.first}/caller-history`)).json() as {
      items: Array<{ stateLabel: string }>;
    };
    expect(officeView.items.map((i) => i.stateLabel)).toEqual(['已作废']);
    expect((await water.get(`/api/work-orders/${ids.theirs}/caller-history`)).statusCode).toBe(404);
    const byPhoneUnit = await water.get('/api/assistant/caller-history?phone=13800001111');
    expect(byPhoneUnit.statusCode).toBe(403);
    await refused(dispatcher.get('/api/assistant/caller-history?phone=abc'), 400, 'VALIDATION_FAILED');
  });

  it('one caller is one caller however the number is typed: repeats, history and search find them', async () => {
    const dispatcher = await t.as('dispatcher');
    const registered = await ok(
      dispatcher.post(
        '/api/work-orders',
        burstPipe({ citizenPhone: '+86 133-3896-0214', title: '幸福小区路灯不亮' }),
      ),
      201,
    );
    // Kept in one written form, whatever was typed.
    expect((await ok(dispatcher.get(`/api/work-orders/${registered.id}`))).citizenPhone).toBe('13338960214');
    for (const phone of [
      '13338960214',
      '133 3896 0214',
      '133-3896-0214',
      '+8613338960214',
      '１３３３８９６０２１４',
    ]) {
      const probe = await dispatcher.post('/api/assistant/repeats', {
        phone,
        title: '路灯还是不亮',
        content: '昨天反映的路灯到现在还不亮。',
      });
      expect(probe.statusCode, probe.body).toBe(200);
      const items = (probe.json() as { items: RepeatItem[] }).items;
      expect(items.find((i) => i.id === registered.id)?.reasons, phone).toContain('phone');
      const history = await dispatcher.get(
        `/api/assistant/caller-history?phone=${encodeURIComponent(phone)}`,
      );
      expect(history.statusCode, history.body).toBe(200);
      expect((history.json() as { items: unknown[] }).items, phone).toHaveLength(1);
      const found = await dispatcher.get(`/api/work-orders?q=${encodeURIComponent(phone)}`);
      expect(
        (found.json() as { items: Array<{ id: number }> }).items.map((o) => o.id),
        phone,
      ).toEqual([registered.id]);
    }
  });
});
