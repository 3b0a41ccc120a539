import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { act, aReply, contact, ok, registeredAndDispatched, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { uploadScan } from '../support/upload.js';

type UnitRow = {
  unitId: number;
  counts: Record<string, number>;
  rates: Record<string, number | null>;
  ranking: { score: number | null; indicators: Record<string, number | null> | null };
  rank: number | null;
};

/**
 * A hand-counted month at 县住建局 (housing), March 2026. Every figure asserted below is
 * counted by hand in the comments from the steps taken here.
 */
describe(`figures against a hand-counted month (${TEST_DIALECT})`, () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  const at = (local: string) => t.clock.set(`2026-03-${local}+08:00`);
  const replyNow = () =>
    aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - 60_000).toISOString()) });

  beforeAll(async () => {
    t = await createTestApp('2026-02-27T10:00:00+08:00');
    const lead = () => t.as('housing-a');
    const reviewer = () => t.as('reviewer');
    const dispatcher = () => t.as('dispatcher');
    // February: outside the period.
    await registeredAndDispatched(t, 'housing');

    at('02T09:00:00');
    const sameCaller = { citizenPhone: '13900000001', categoryId: 5, type: 'complaint' };
    // A: on-time sign and reply, satisfied; co-unit water.
    let a = await registeredAndDispatched(t, 'housing', ['water'], sameCaller);
    // B: same caller and category again (a repeated complaint); late sign; redone twice.
    at('02T09:01:00');
    let b = await registeredAndDispatched(t, 'housing', [], sameCaller);
    // C: returned, approved, re-dispatched to water, which replies after exactly one working day.
    at('02T09:02:00');
    let c = await registeredAndDispatched(t, 'housing');
    // D: extended, replied on time.
    at('02T09:03:00');
    let d = await registeredAndDispatched(t, 'housing');
    // E: never signed in time; overdue; signed and replied late.
    at('02T09:04:00');
    let e = await registeredAndDispatched(t, 'housing');
    // F: signed, return requested and rejected, then left: overdue and still open.
    at('02T09:05:00');
    let f = await registeredAndDispatched(t, 'housing');
    Object.assign(ids, { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id, f: f.id });

    at('02T10:00:00');
    a = await act(await lead(), a, 'sign');
    d = await act(await lead(), d, 'sign');
    f = await act(await lead(), f, 'sign');
    c = await act(await lead(), c, 'requestReturn', {
      reason: '属于供水公司职责范围',
      suggestedUnit: '县水务局',
    });
    f = await act(await lead(), f, 'requestReturn', {
      reason: '小区供水管网由县水务局负责维护,不属于本单位职责范围',
      suggestedUnit: '县自然资源局',
    });
    at('02T11:00:00');
    c = await act(await dispatcher(), c, 'approveReturn');
    f = await act(await dispatcher(), f, 'rejectReturn', { opinion: '经核实属于住建局职责' });
    at('02T12:00:00');
    c = await act(await dispatcher(), c, 'dispatch', { leadUnitId: t.unitId('water') });
    c = await act(await t.as('water-a'), c, 'sign');
    at('03T12:00:00');
    c = await replySignedOff(await t.as('water-a'), await t.as('water-leader'), c, { reply: replyNow() });

    at('04T10:00:00');
    b = await act(await lead(), b, 'sign'); // sign_by was 03-03 24:00: late
    a = await replySignedOff(await lead(), await t.as('housing-leader'), a, { reply: replyNow() });
    const scan = await uploadScan(t, 'housing-a', d.id, 'extension_scan');
    d = await ok((await lead()).get(`/api/work-orders/${d.id}`));
    d = await act(await lead(), d, 'requestExtension', {
      reason: '需协调燃气公司共同处置,时间较长',
      requestedDeadline: '2026-03-13T23:59:00+08:00',
      mainLeaderName: '赵志刚',
      scanAttachmentId: scan.id,
    });
    d = await act(await dispatcher(), d, 'approveExtension');
    a = await act(await reviewer(), a, 'acceptReview');
    a = await act(await reviewer(), a, 'callback', { result: 'satisfied' });
    a = await act(await reviewer(), a, 'close');

    at('05T10:00:00');
    b = await replySignedOff(await lead(), await t.as('housing-leader'), b, { reply: replyNow() });
    b = await act(await reviewer(), b, 'orderRedo', {
      reasons: ['poor_quality'],
      opinion: '未写明具体整改措施',
    });
    at('06T10:00:00');
    b = await replySignedOff(await lead(), await t.as('housing-leader'), b, { reply: replyNow() });
    b = await act(await reviewer(), b, 'acceptReview');
    b = await act(await reviewer(), b, 'callback', { result: 'unsatisfied', note: '群众认为问题没有解决' });
    at('09T10:00:00');
    b = await act(await reviewer(), b, 'orderRedo', {
      reasons: ['citizen_unsatisfied'],
      opinion: '请再次上门核实',
    });

    // The watcher runs once, on the morning of 03-10: E's deadline (03-09 24:00) has passed.
    at('10T09:00:00');
    await new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings)).runOnce();
    b = await replySignedOff(await lead(), await t.as('housing-leader'), b, { reply: replyNow() });
    b = await act(await reviewer(), b, 'acceptReview');
    b = await act(await reviewer(), b, 'callback', { result: 'basically_satisfied' });
    d = await replySignedOff(await lead(), await t.as('housing-leader'), d, { reply: replyNow() });
    e = await ok((await lead()).get(`/api/work-orders/${e.id}`));
    e = await act(await lead(), e, 'sign');
    at('11T10:00:00');
    e = await replySignedOff(await lead(), await t.as('housing-leader'), e, { reply: replyNow() });
  });
  afterAll(() => t.close());

  const figures = async (who = 'dispatcher', query = 'period=month&date=2026-03-15') =>
    (await ok((await t.as(who)).get(`/api/statistics/units?${query}`))) as unknown as { units: UnitRow[] };
  const row = (all: { units: UnitRow[] }, code: string) =>
    all.units.find((u) => u.unitId === t.unitId(code)) as UnitRow;

  it('counts each unit’s month as counted by hand', async () => {
    t.clock.set('2026-03-11T12:00:00+08:00');
    const all = await figures();
    const housing = row(all, 'housing');
    expect(housing.counts).toEqual({
      received: 6, // A–F (the February order is outside the period)
      coReceived: 0,
      coSilent: 0,
      signed: 5, // A, D, F on 03-02; B on 03-04 (late); E on 03-10 (late)
      signedOnTime: 3,
      // 超时签收, each missed sign-for deadline once: B (signed late, the watcher had not run), E (marked
      // by the watcher on 03-10, then signed late: not counted again) and the February order, never
      // signed, whose deadline (03-02 24:00) passed in March.
      signedLate: 3,
      returned: 2, // C, F
      returnsRejected: 1, // F
      extended: 1, // D
      replied: 6, // A; B three times; D; E
      repliedOnTime: 5, // all but E (deadline 03-09 24:00, replied 03-11)
      overdueEver: 3, // E, F and the February order (due 03-06 24:00), marked by the watcher on 03-10
      overdueNow: 2, // F and the February order (E has replied)
      openAtStart: 1, // the February order, in the unit's hands on 03-01 00:00
      redone: 2, // B twice
      callbacks: 3, // A satisfied; B unsatisfied, then basically satisfied
      satisfied: 1,
      basicallySatisfied: 1,
      unsatisfied: 1,
      unreachable: 0,
      // B repeats A (same caller, same category); C–F repeat the February order and each other: the same
      // caller with the same text and no category is the same matter (domain/repeats.ts, one definition).
      repeatedComplaints: 5,
      urges: 3, // automatic urges when those three became overdue
      cityBulletins: 0, // no city bulletin named the unit this month
      accountabilities: 0,
      handlingWorkingDays: expect.closeTo(20.08, 1),
    });
    expect(housing.rates).toEqual({
      signOnTimeRate: 50, // 3 on time / (3 on time + 3 deadlines missed)
      onTimeReplyRate: 83.3, // 5 / 6
      redoRate: 33.3, // 2 / 6
      satisfactionRate: 66.7, // (1 + 1) / 3, 基本满意 counted as satisfied by default
      overdueRate: 33.3, // 3 / (1 in hand on 03-01 + 6 received + 2 redone)
      // A 2.04 + B 3.04, 1.00, 0.96 + D 6.00 + E 7.04 = 20.08 working days over 6 replies
      averageHandlingWorkingDays: 3.3,
    });
    // (83.3×30 + 50×10 + 66.7×30 + 66.7×15 + 66.7×15) / 100 = 70.0
    expect(housing.ranking.score).toBe(70);

    const water = row(all, 'water');
    expect(water.counts).toMatchObject({
      received: 1,
      coReceived: 1,
      coSilent: 0,
      signed: 1,
      signedOnTime: 1,
      replied: 1,
      repliedOnTime: 1,
    });
    expect(water.rates.averageHandlingWorkingDays).toBe(1); // 03-02 12:00 → 03-03 12:00
    expect(water.ranking.score).toBe(100);
    expect(water.rank).toBe(1);
    expect(housing.rank).toBe(2);
    expect(row(all, 'eco').rank).toBeNull();
    // The unit sees its own row only, with its place in the county (not 1st of the one row it sees).
    const own = await figures('housing-a');
    expect(own.units.map((u) => u.unitId)).toEqual([t.unitId('housing')]);
    expect(own.units[0]?.rank).toBe(2);
  });

  it('counts 基本满意 as the office sets, and weighs the ranking as it sets', async () => {
    const reviewer = await t.as('reviewer');
    const settings = (await ok(reviewer.get('/api/settings/figures'))) as unknown as Record<string, unknown>;
    await ok(
      reviewer.put('/api/settings/figures', {
        basicallySatisfiedWeight: 0,
        weights: { onTimeReply: 1, signOnTime: 0, satisfaction: 0, redo: 0, overdue: 0 },
      }),
    );
    try {
      const housing = row(await figures(), 'housing');
      expect(housing.rates.satisfactionRate).toBe(33.3);
      expect(housing.ranking.score).toBe(83.3);
    } finally {
      await ok(reviewer.put('/api/settings/figures', settings));
    }
  });

  it('a unit sees only its own figures; every figure drills down to its orders', async () => {
    const own = await figures('housing-a');
    expect(own.units.map((u) => u.unitId)).toEqual([t.unitId('housing')]);
    const drill = async (indicator: string) =>
      (
        (await ok(
          (
            await t.as('dispatcher')
          ).get(
            `/api/statistics/drill?period=month&date=2026-03-15&unitId=${t.unitId('housing')}&indicator=${indicator}`,
          ),
        )) as unknown as { items: OrderDetail[] }
      ).items
        .map((o) => o.id)
        .sort((x, y) => x - y);
    expect(await drill('redone')).toEqual([ids.b]);
    expect(await drill('repliedLate')).toEqual([ids.e]);
    const february = 1;
    expect(await drill('overdueEver')).toEqual([february, ids.e, ids.f]);
    expect(await drill('overdueNow')).toEqual([february, ids.f]);
    expect(await drill('signedLate')).toEqual([february, ids.b, ids.e]);
    expect(await drill('returned')).toEqual([ids.c, ids.f].sort((x, y) => (x ?? 0) - (y ?? 0)));
    expect(await drill('unsatisfied')).toEqual([ids.b]);
    const unitDrill = await (await t.as('water-a')).get(
      `/api/statistics/drill?period=month&date=2026-03-15&unitId=${t.unitId('housing')}&indicator=received`,
    );
    expect(unitDrill.statusCode).toBe(403);
    expect((unitDrill.json() as { error: { code: string } }).error.code).toBe('OTHER_UNIT');
  });

  it('county figures: volume by source, type, category, township and day', async () => {
    const county = (await ok(
      (await t.as('leader')).get('/api/statistics/county?period=month&date=2026-03-15'),
    )) as unknown as {
      total: number;
      bySource: Array<{ key: string; count: number }>;
      byType: Array<{ key: string; count: number }>;
      byDay: Array<{ day: string; count: number }>;
      byCategory: { level1: Array<{ name: string; count: number }> };
    };
    expect(county.total).toBe(6);
    expect(county.bySource).toEqual([{ key: 'phone', name: '电话', count: 6 }]);
    expect(county.byType).toEqual(expect.arrayContaining([{ key: 'complaint', count: 6 }]));
    // Every day of March, the days without orders at zero.
    expect(county.byDay).toHaveLength(31);
    expect(county.byDay[0]).toEqual({ day: '2026-03-01', count: 0 });
    expect(county.byDay.filter((d) => d.count > 0)).toEqual([{ day: '2026-03-02', count: 6 }]);
    expect(county.byCategory.level1.find((c) => c.name === '未分类')?.count).toBe(4);
    const february = (await ok(
      (await t.as('leader')).get('/api/statistics/county?period=custom&from=2026-02-01&to=2026-02-28'),
    )) as unknown as {
      total: number;
    };
    expect(february.total).toBe(1);
  });

  it('exports the order list to Excel with the list’s filters, and reads back', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/exports/work-orders.xlsx?from=2026-03-01&to=2026-03-31',
      headers: { cookie: await t.cookieOf('dispatcher') },
    });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.rowCount).toBe(7);
    expect(sheet?.getRow(1).getCell(1).value).toBe('工单编号');
    const codes = [2, 3, 4, 5, 6, 7].map((r) => String(sheet?.getRow(r).getCell(1).value));
    expect(codes.every((c) => c.startsWith('HY20260302'))).toBe(true);

    const report = await t.app.inject({
      method: 'GET',
      url: '/api/exports/unit-figures.xlsx?period=month&date=2026-03-15',
      headers: { cookie: await t.cookieOf('dispatcher') },
    });
    const rbook = new ExcelJS.Workbook();
    await rbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const first = rbook.worksheets[0]?.getRow(2);
    expect(first?.getCell(2).value).toBe('县水务局');
    expect(first?.getCell(1).value).toBe(1);
  });

  it('prints the order sheet and the registration form', async () => {
    const cookie = await t.cookieOf('housing-a');
    const sheet = await t.app.inject({
      method: 'GET',
      url: `/print/work-orders/${ids.a}`,
      headers: { cookie },
    });
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('12345市民服务热线工单办理单');
    expect(sheet.body).toContain('满意');
    const other = await t.app.inject({
      method: 'GET',
      url: `/print/work-orders/${ids.c}`,
      headers: { cookie },
    });
    expect(other.statusCode).toBe(404);
    const form = await t.app.inject({
      method: 'GET',
      url: `/print/units/${t.unitId('housing')}/registration`,
      headers: { cookie },
    });
    expect(form.body).toContain('市民服务热线承办单位分管领导及联络员登记表');
    expect(form.body).toContain('经办人（联络员）（A）');
  });
});
