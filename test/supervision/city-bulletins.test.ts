import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type View = {
  id: number;
  version: number;
  orders: Array<{ code: string }>;
  units: Array<{ unitName: string; measure: string | null; measureLabel: string }>;
};
type UnitRow = { unitId: number; counts: { cityBulletins: number; accountabilities: number } };

describe(`被市政府通报 and 追究责任 (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-10T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const aBulletin = (orderCode: string) => ({
    number: '市热线通〔2026〕12号',
    title: '关于2月份12345热线工单超期情况的通报',
    issuedOn: '2026-03-05',
    issuer: '市政府办公室',
    matter: '县住建局、县生态环境局超期工单较多，被市政府通报。',
    orderCodes: [orderCode],
    units: [
      {
        unitId: t.unitId('housing'),
        measure: 'interview',
        note: '约谈分管领导',
        decidedBy: '县政府常务会议',
      },
      { unitId: t.unitId('eco'), measure: null },
    ],
  });

  it('the office records a city bulletin with the accountability per unit; audited; counted in the unit figures and the monthly bulletin', async () => {
    const order = await registeredAndDispatched(t, 'housing');
    const dispatcher = await t.as('dispatcher');
    const created = (await ok(
      dispatcher.post('/api/city-bulletins', aBulletin(order.code)),
      201,
    )) as unknown as View;
    expect(created.orders.map((o) => o.code)).toEqual([order.code]);
    expect(created.units.map((u) => u.measureLabel)).toEqual(['约谈', '待定']);

    const auditor = await t.as('auditor');
    const audit = (await ok(auditor.get('/api/audit-log?action=cityBulletin.recorded'))) as unknown as {
      items: Array<{ action: string }>;
    };
    expect(audit.items.some((a) => a.action === 'cityBulletin.recorded')).toBe(true);

    // The supervision office later records the decision for the second unit.
    const supervisor = await t.as('supervisor');
    const body = aBulletin(order.code);
    const updated = (await ok(
      supervisor.put(`/api/city-bulletins/${created.id}`, {
        ...body,
        version: created.version,
        units: [
          body.units[0],
          { unitId: t.unitId('eco'), measure: 'criticism', note: '', decidedBy: '县政府' },
        ],
      }),
    )) as unknown as View;
    expect(updated.units.map((u) => u.measure)).toEqual(['interview', 'criticism']);
    await refused(
      supervisor.put(`/api/city-bulletins/${created.id}`, { ...body, version: created.version }),
      409,
      'VERSION_CONFLICT',
    );

    const figures = (await ok(
      dispatcher.get('/api/statistics/units?period=month&date=2026-03-10'),
    )) as unknown as {
      units: UnitRow[];
    };
    const of = (code: string) => figures.units.find((u) => u.unitId === t.unitId(code))?.counts;
    expect(of('housing')).toMatchObject({ cityBulletins: 1, accountabilities: 1 });
    expect(of('eco')).toMatchObject({ cityBulletins: 1, accountabilities: 1 });
    expect(of('water')).toMatchObject({ cityBulletins: 0, accountabilities: 0 });
    const february = (await ok(
      dispatcher.get('/api/statistics/units?period=month&date=2026-02-10'),
    )) as unknown as {
      units: UnitRow[];
    };
    expect(february.units.find((u) => u.unitId === t.unitId('housing'))?.counts.cityBulletins).toBe(0);

    const monthly = (await ok(
      dispatcher.post('/api/bulletins', { from: '2026-03-01', to: '2026-03-31' }),
      201,
    )) as unknown as {
      body: string;
    };
    expect(monthly.body).toContain('（六）被市政府通报。');
    expect(monthly.body).toMatch(/县住房和城乡建设局1次（已追究责任1项）/);
  });

  it('refuses bad input in Chinese and changes nothing; a unit reads only bulletins naming it and its own accountability', async () => {
    const dispatcher = await t.as('dispatcher');
    const before = ((await ok(dispatcher.get('/api/city-bulletins'))) as unknown as { items: View[] }).items
      .length;
    const order = await registeredAndDispatched(t, 'housing');
    await refused(
      dispatcher.post('/api/city-bulletins', { ...aBulletin(order.code), orderCodes: ['HY-NOPE'] }),
      400,
      'CITY_BULLETIN_ORDER_NOT_FOUND',
    );
    await refused(
      dispatcher.post('/api/city-bulletins', { ...aBulletin(order.code), matter: '超期！！' }),
      400,
      'CITY_BULLETIN_MATTER_REQUIRED',
    );
    await refused(
      dispatcher.post('/api/city-bulletins', {
        ...aBulletin(order.code),
        units: [{ unitId: t.unitId('housing'), measure: 'none', note: '', decidedBy: '县政府' }],
      }),
      400,
      'ACCOUNTABILITY_NOTE_REQUIRED',
    );
    const list = ((await ok(dispatcher.get('/api/city-bulletins'))) as unknown as { items: View[] }).items;
    expect(list).toHaveLength(before);
    const id = list[0]?.id;

    const housing = (
      (await ok((await t.as('housing-a')).get('/api/city-bulletins'))) as unknown as { items: View[] }
    ).items;
    expect(housing.length).toBeGreaterThan(0);
    expect(housing[0]?.units.map((u) => u.unitName)).toEqual(['县住房和城乡建设局']);
    expect(
      ((await ok((await t.as('water-a')).get('/api/city-bulletins'))) as unknown as { items: View[] }).items,
    ).toEqual([]);
    await refused((await t.as('water-a')).get(`/api/city-bulletins/${id}`), 404, 'CITY_BULLETIN_NOT_FOUND');
    await refused(
      (await t.as('housing-a')).post('/api/city-bulletins', aBulletin(order.code)),
      403,
      'FORBIDDEN_ROLE',
    );
    await refused((await t.as('admin')).get('/api/city-bulletins'), 403, 'FORBIDDEN_ROLE');
    expect(
      ((await ok((await t.as('leader')).get(`/api/city-bulletins/${id}`))) as unknown as View).units,
    ).toHaveLength(2);
  });
});
