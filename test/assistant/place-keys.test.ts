import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up } from '../../src/db/migrations/2026-12-05-repeats-003-place-keys.js';
import { placeKey } from '../../src/domain/place-key.js';
import { anOrder, ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * One flat typed two ways is one place: for the dispatcher's repeat check, for the stored
 * 「重复投诉」 the figures count, and for the orders keyed before the rule read it so.
 */
describe(`one place, however the address is typed (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const leak = (over: Record<string, unknown>) =>
    anOrder({
      type: 'complaint',
      title: '楼上漏水',
      content: '楼上卫生间漏水,渗到我家天花板,找物业多次没人管。',
      townshipUnitId: t.unitId('town-qiaotou'),
      ...over,
    });

  it('the dispatcher sees the earlier call about the flat the city wrote out in full', async () => {
    const dispatcher = await t.as('dispatcher');
    const first = await ok(
      dispatcher.post(
        '/api/work-orders',
        leak({
          citizenPhone: '13800003333',
          citizenAddress: '甘肃省西陵市河湾县桥头镇幸福路8号幸福小区3号楼2单元502室',
        }),
      ),
      201,
    );
    t.clock.advance(3600_000);
    const check = (address: string) =>
      dispatcher.post('/api/assistant/repeats', {
        phone: '13900004444',
        address,
        townshipUnitId: t.unitId('town-qiaotou'),
        type: 'complaint',
        title: '天花板渗水',
        content: '家里天花板渗水。',
      });
    for (const typed of [
      '桥头镇幸福路８号幸福小区三号楼二单元５０２',
      '桥头镇幸福路8号，幸福小区3#楼2单元502室',
    ]) {
      const found = (await ok(check(typed))) as unknown as {
        items: Array<{ id: number; reasons: string[] }>;
      };
      expect(found.items.find((i) => i.id === first.id)?.reasons, typed).toContain('place');
    }
    // Typed at the desk without the township, which the form's 所属乡镇 gives.
    const underTownship = (await ok(check('幸福路8号幸福小区3号楼2单元502室'))) as unknown as {
      items: Array<{ id: number; reasons: string[] }>;
    };
    expect(underTownship.items.find((i) => i.id === first.id)?.reasons).toContain('place');
    // The flat next door is another place.
    const nextDoor = (await ok(check('桥头镇幸福路8号幸福小区3号楼2单元501室'))) as unknown as {
      items: Array<{ id: number; reasons: string[] }>;
    };
    expect(nextDoor.items.find((i) => i.id === first.id)?.reasons ?? []).not.toContain('place');
  });

  it('refuses what the check cannot read in plain Chinese', async () => {
    const dispatcher = await t.as('dispatcher');
    const probe = (over: Record<string, unknown>) =>
      dispatcher.post('/api/assistant/repeats', { phone: '138', ...over });
    expect((await refused(probe({ address: '幸'.repeat(201) }), 400, 'VALIDATION_FAILED')).message).toContain(
      '地址不能超过 200 个字',
    );
    expect((await refused(probe({ townshipUnitId: '桥头镇' }), 400, 'VALIDATION_FAILED')).message).toContain(
      '所属乡镇须为单位编号',
    );
  });

  it('keys again the orders stored before, and the figures count the repeat it reveals', async () => {
    const dispatcher = await t.as('dispatcher');
    const figures = async () => {
      const all = (await ok(
        dispatcher.get('/api/statistics/units?period=month&date=2026-03-15'),
      )) as unknown as {
        units: Array<{ unitId: number; counts: { repeatedComplaints: number } }>;
      };
      return all.units.reduce((n, u) => n + u.counts.repeatedComplaints, 0);
    };
    const dispatchTo = async (order: { id: number; version: number }) =>
      ok(
        dispatcher.post(`/api/work-orders/${order.id}/dispatch`, {
          version: order.version,
          leadUnitId: t.unitId('housing'),
          coUnitIds: [],
        }),
      );
    const a = await ok(
      dispatcher.post(
        '/api/work-orders',
        leak({
          citizenPhone: '13700005555',
          citizenAddress: '河湾县桥头镇建设路12号金水湾小区5栋1单元301室',
        }),
      ),
      201,
    );
    await dispatchTo(a);
    t.clock.advance(86_400_000);
    const b = await ok(
      dispatcher.post(
        '/api/work-orders',
        leak({ citizenPhone: '13600006666', citizenAddress: '桥头镇建设路12号金水湾小区五号楼一单元301' }),
      ),
      201,
    );
    await dispatchTo(b);
    const before = await figures();
    // As an older release keyed them: punctuation and full-width digits only.
    const oldKey = (address: string) => address.replace(/[\s,，。()（）#＃-]/g, '');
    for (const [id, address] of [
      [a.id, '河湾县桥头镇建设路12号金水湾小区5栋1单元301室'],
      [b.id, '桥头镇建设路12号金水湾小区五号楼一单元301'],
    ] as const) {
      await t.ctx.db.kysely
        .updateTable('work_orders')
        .set({ place_key: oldKey(address) })
        .where('id', '=', id)
        .execute();
    }
    expect(await figures()).toBe(before - 1);

    await up(t.ctx.db.kysely as unknown as Kysely<unknown>);
    const keys = await t.ctx.db.kysely
      .selectFrom('work_orders')
      .select(['id', 'place_key', 'citizen_address'])
      .orderBy('id')
      .execute();
    for (const k of keys) expect(k.place_key, k.citizen_address).toBe(placeKey(k.citizen_address));
    expect(keys.find((k) => k.id === a.id)?.place_key).toBe(keys.find((k) => k.id === b.id)?.place_key);
    expect(await figures()).toBe(before);
  });
});
