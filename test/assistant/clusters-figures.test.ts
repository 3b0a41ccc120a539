import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECENT_LIMIT } from '../../src/db/repositories/repeat.repository.js';
import { act, anOrder, ok, rowCopyOf } from '../support/orders.js';
import { type Client, createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

interface Notice {
  kind: string;
  title: string;
  body: string;
}

const smell = (i: number, over: Record<string, unknown> = {}) =>
  anOrder({
    citizenName: `居民${i}`,
    citizenPhone: `1350000${String(i).padStart(4, '0')}`,
    citizenAddress: '柳林镇化工园区东门',
    title: '化工园区附近有刺鼻气味',
    content: `化工园区东门附近从早上开始有很重的刺鼻气味,${i}号楼的居民都闻到了,请尽快查明原因。`,
    ...over,
  });

/** The office's cluster alerts whose text mentions `about` (all of them for ''). */
async function clusterAlerts(dispatcher: Client, about: string): Promise<Notice[]> {
  const { items } = (await dispatcher.get('/api/notifications?limit=200')).json() as { items: Notice[] };
  return items.filter((n) => n.kind === 'cluster' && n.body.includes(about));
}

describe(`clusters and the one 「重复投诉」 (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-03T08:00:00+08:00');
  });
  afterAll(() => t.close());

  it('ten complaints about the same place in an hour raise one alert to the office', async () => {
    const dispatcher = await t.as('dispatcher');
    const alerts = () => clusterAlerts(dispatcher, '');
    for (let i = 1; i <= 10; i++) {
      await ok(dispatcher.post('/api/work-orders', smell(i)), 201);
      t.clock.advance(5 * 60_000);
      // The alert comes with the third call (the office's default threshold), not the tenth.
      expect(await alerts()).toHaveLength(i < 3 ? 0 : 1);
    }
    const [alert] = await alerts();
    expect(alert?.title).toContain('柳林镇化工园区东门');
    expect(alert?.body).toContain('3 件');
    // Something unrelated in the same place does not join it, nor raise another.
    await ok(
      dispatcher.post(
        '/api/work-orders',
        anOrder({ citizenAddress: '柳林镇化工园区东门', title: '咨询社保卡办理', type: 'consult' }),
      ),
      201,
    );
    expect(await alerts()).toHaveLength(1);
  });

  it('the office sets the thresholds; a unit may not', async () => {
    const dispatcher = await t.as('dispatcher');
    const current = (await dispatcher.get('/api/settings/assistant')).json() as Record<string, unknown>;
    expect(current).toMatchObject({
      repeats: { windowDays: 30 },
      clusters: { windowHours: 24, minOrders: 3 },
    });
    const unit = await t.as('housing-a');
    expect((await unit.put('/api/settings/assistant', current)).statusCode).toBe(403);
    const bad = await dispatcher.put('/api/settings/assistant', {
      repeats: { windowDays: 0, minSimilarity: 0.3 },
      clusters: { windowHours: 24, minOrders: 3, minSimilarity: 0.3 },
    });
    expect(bad.statusCode).toBe(400);
    const set = await dispatcher.put('/api/settings/assistant', {
      repeats: { windowDays: 7, minSimilarity: 0.3 },
      clusters: { windowHours: 12, minOrders: 5, minSimilarity: 0.3 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ repeats: { windowDays: 7 }, clusters: { minOrders: 5 } });
    await dispatcher.put('/api/settings/assistant', current);
  });

  it('statistics and bulletins count the same repeat complaints', async () => {
    t.clock.advance(3 * 86_400_000);
    const dispatcher = await t.as('dispatcher');
    const road = (over: Record<string, unknown> = {}) =>
      anOrder({
        citizenPhone: '13612345678',
        citizenAddress: '星源镇建设路与人民路交叉口',
        title: '交叉口红绿灯不亮',
        content: '建设路与人民路交叉口的红绿灯已经两天不亮了,车辆和行人很危险。',
        ...over,
      });
    const first = await ok(dispatcher.post('/api/work-orders', road()), 201);
    await act(dispatcher, first, 'dispatch', { leadUnitId: t.unitId('transport'), coUnitIds: [] });
    // The same caller, same matter: a repeat, merged into the first.
    const second = await ok(dispatcher.post('/api/work-orders', road()), 201);
    await act(dispatcher, second, 'merge', { intoCode: first.code, reason: '同一事项重复反映' });
    // Another caller elsewhere, linked by the office: a repeat too.
    const third = await ok(
      dispatcher.post(
        '/api/work-orders',
        road({ citizenPhone: '13698765432', citizenAddress: '星源镇建设路口', title: '路口信号灯坏了' }),
      ),
      201,
    );
    await act(dispatcher, third, 'linkRepeat', { repeatOfCode: first.code });
    // The same caller about something else: not a repeat.
    await ok(
      dispatcher.post(
        '/api/work-orders',
        road({
          citizenAddress: '星源镇幸福路菜市场',
          title: '菜市场噪音扰民',
          content: '菜市场凌晨四点开始装卸货物,噪音很大。',
        }),
      ),
      201,
    );
    const day = '2026-03-06';
    const stats = (await dispatcher.get(`/api/statistics/units?period=day&date=${day}`)).json() as {
      units: Array<{ unitId: number; counts: { repeatedComplaints: number } }>;
    };
    const transport = stats.units.find((u) => u.unitId === t.unitId('transport'));
    expect(transport?.counts.repeatedComplaints).toBe(2);
    const bulletin = (await dispatcher.post('/api/bulletins', { from: day, to: day })).json() as {
      figures: { units: Array<{ unitId: number; repeatedComplaints: number }> };
    };
    const inBulletin = bulletin.figures.units.find((u) => u.unitId === t.unitId('transport'));
    expect(inBulletin?.repeatedComplaints).toBe(2);
    const total = stats.units.reduce((n, u) => n + u.counts.repeatedComplaints, 0);
    expect(bulletin.figures.units.reduce((n, u) => n + u.repeatedComplaints, 0)).toBe(total);
  });

  it('a township’s similar complaints from different places and callers raise one alert; one caller, a voided order or another township do not count', async () => {
    t.clock.advance(2 * 86_400_000);
    const dispatcher = await t.as('dispatcher');
    const hewan = t.unitId('town-hewan');
    const alerts = () => clusterAlerts(dispatcher, '停水');
    const outage = (i: number, over: Record<string, unknown> = {}) =>
      anOrder({
        citizenName: `村民${i}`,
        citizenPhone: `1370000${String(i).padStart(4, '0')}`,
        // No street address: only the township ties them together.
        citizenAddress: '',
        townshipUnitId: hewan,
        title: '村里突然停水',
        content: `从早上开始村里突然停水,到现在还没有来水,${i}组的村民做饭都成问题,请尽快处理。`,
        ...over,
      });
    // One caller calling three times is one person, not a cluster.
    for (let i = 0; i < 3; i++) await ok(dispatcher.post('/api/work-orders', outage(1)), 201);
    // The same matter in another township, and a second caller whose order is voided.
    await ok(
      dispatcher.post('/api/work-orders', outage(2, { townshipUnitId: null, citizenAddress: '柳林镇' })),
      201,
    );
    const voided = await ok(dispatcher.post('/api/work-orders', outage(3)), 201);
    await act(dispatcher, voided, 'void', { reason: '来电人撤回诉求' });
    await ok(dispatcher.post('/api/work-orders', outage(4)), 201);
    expect(await alerts()).toHaveLength(0);
    // A third caller in the township: three people, one alert; a fourth joins it. The third gives
    // a house of their own, but the others are not there: the alert names the township.
    await ok(dispatcher.post('/api/work-orders', outage(5, { citizenAddress: '河湾镇上庄村3组12号' })), 201);
    await ok(dispatcher.post('/api/work-orders', outage(6)), 201);
    const raised = await alerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]?.title).toContain('河湾镇');
    expect(raised[0]?.title).not.toContain('上庄村');
    expect(raised[0]?.body).toContain('5 件');
  });

  it('a caller who rang thousands of times does not hide the other callers from the check', async () => {
    t.clock.advance(2 * 86_400_000);
    const dispatcher = await t.as('dispatcher');
    const shimen = t.unitId('town-shimen');
    const alerts = () => clusterAlerts(dispatcher, '燃气');
    const leak = (i: number) =>
      anOrder({
        citizenName: `居民${i}`,
        citizenPhone: `1380000${String(i).padStart(4, '0')}`,
        citizenAddress: '',
        townshipUnitId: shimen,
        title: '街上有燃气泄漏的味道',
        content: `石门镇主街从中午开始有很浓的燃气味,${i}号院的居民都闻到了,担心有危险,请尽快派人排查。`,
      });
    await ok(dispatcher.post('/api/work-orders', leak(1)), 201);
    t.clock.advance(60_000);
    const first = (await ok(dispatcher.post('/api/work-orders', leak(2)), 201)) as unknown as { id: number };
    // The second caller rings again and again: more of their orders than the check reads, all newer.
    const k = t.ctx.db.kysely;
    const copy = await rowCopyOf(t, first.id);
    for (let from = 0; from < RECENT_LIMIT; from += 20)
      await k
        .insertInto('work_orders')
        .values(
          Array.from({ length: 20 }, (_, i) => ({
            ...copy,
            code: `${copy.code}-R${from + i}`,
            city_order_no: null,
          })),
        )
        .execute();
    t.clock.advance(60_000);
    await ok(dispatcher.post('/api/work-orders', leak(3)), 201);
    expect(await alerts()).toHaveLength(0);
    // When they ring once more, the check still reads the first caller beside the third: three people.
    t.clock.advance(60_000);
    await ok(dispatcher.post('/api/work-orders', leak(2)), 201);
    const raised = await alerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]?.body).toContain('3 件');
  });
});
