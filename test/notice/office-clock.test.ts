import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMITS } from '../../src/domain/time-limits.js';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import { act, anOrder, ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Listed = { items: Array<{ id: number; dispatchStatus: string | null; dispatchBy: string | null }> };
type Notifications = { items: Array<{ kind: string; orderId: number | null; title: string }> };

/** 通知二(一):县热线办收到工单后「第一时间……及时分发」。 */
describe(`the office's own clock: an undispatched order goes due soon, then overdue, for the office (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-06T16:00:00+08:00');
  });
  afterAll(() => t.close());

  const register = async (order: Record<string, unknown> = {}) =>
    ok((await t.as('dispatcher')).post('/api/work-orders', anOrder(order)), 201);
  const listed = async (query: string) =>
    ((await ok((await t.as('dispatcher')).get(`/api/work-orders?${query}`))) as unknown as Listed).items.map(
      (i) => i.id,
    );

  it('a normal order registered on Friday afternoon is due for dispatch on Monday afternoon (working hours)', async () => {
    const order = await register();
    // 24 working hours from Friday 03-06 16:00: 8 on Friday, 16 on Monday 03-09.
    expect(order.dispatchBy).toBe('2026-03-09T08:00:00.000Z');
    expect(order.dispatchStatus).toBe('ok');
    expect(order.deadlines.dispatch).toMatchObject({ at: '2026-03-09T08:00:00.000Z', status: 'ok' });
    expect(await listed('dispatch=due_soon')).not.toContain(order.id);

    // Due soon from half the window (12 working hours: Monday 04:00), in the list and on the page.
    t.clock.set('2026-03-09T04:00:00+08:00');
    expect(await listed('dispatch=due_soon')).toContain(order.id);
    expect(await listed('dispatch=overdue')).not.toContain(order.id);
    t.clock.set('2026-03-09T16:00:00+08:00');
    expect(await listed('dispatch=overdue')).toContain(order.id);
    const page = await ok((await t.as('dispatcher')).get(`/api/work-orders/${order.id}`));
    expect(page.dispatchStatus).toBe('overdue');
    expect(page.deadlines.dispatch.status).toBe('overdue');

    // The watcher records 分发超时 once, at the deadline, and tells the office.
    const watcher = new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings));
    expect(await watcher.runOnce()).toMatchObject({ dispatch_overdue: 1 });
    expect(await watcher.runOnce()).toMatchObject({ dispatch_overdue: 0 });
    const after = await ok((await t.as('dispatcher')).get(`/api/work-orders/${order.id}`));
    expect(after.timeline.filter((e) => e.type === 'dispatch_overdue').map((e) => e.at)).toEqual([
      '2026-03-09T08:00:00.000Z',
    ]);
    const inbox = (await ok(
      (await t.as('dispatcher')).get('/api/notifications'),
    )) as unknown as Notifications;
    expect(inbox.items.some((n) => n.kind === 'dispatch_overdue' && n.orderId === order.id)).toBe(true);

    // Dispatched: the clock stops, the tag goes.
    const dispatched = await act(await t.as('dispatcher'), after, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      coUnitIds: [],
    });
    expect(dispatched.dispatchStatus).toBeNull();
    expect(await listed('dispatch=overdue')).not.toContain(order.id);
  });

  it('an urgent order counts natural hours; a unit cannot filter on the office clock beyond its own orders', async () => {
    t.clock.set('2026-03-14T22:00:00+08:00'); // Saturday night
    const urgent = await register({ urgency: 'urgent' });
    expect(urgent.dispatchBy).toBe('2026-03-14T16:00:00.000Z'); // 03-14 24:00
    const unitList = (await ok(
      (await t.as('housing-a')).get('/api/work-orders?dispatch=due_soon'),
    )) as unknown as Listed;
    expect(unitList.items.map((i) => i.id)).not.toContain(urgent.id);
  });

  it('the limits are settings: stricter than the handling limit, recorded, and apply to orders received later', async () => {
    const admin = await t.as('admin');
    const slower = await refused(
      admin.put('/api/settings/time-limits', {
        ...DEFAULT_TIME_LIMITS,
        handleWorkingDays: 1,
        dispatchWorkingHours: 24,
      }),
      400,
      'DISPATCH_LIMIT_NOT_STRICTER',
    );
    expect(slower.message).toContain('须短于普通件办理时限');
    await refused(
      admin.put('/api/settings/time-limits', { ...DEFAULT_TIME_LIMITS, urgentDispatchHours: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    t.clock.set('2026-03-16T09:00:00+08:00');
    const before = await register();
    await ok(admin.put('/api/settings/time-limits', { ...DEFAULT_TIME_LIMITS, dispatchWorkingHours: 4 }));
    const after = await register();
    expect(after.dispatchBy).toBe('2026-03-16T05:00:00.000Z');
    // A change never moves a deadline already given.
    expect((await ok((await t.as('dispatcher')).get(`/api/work-orders/${before.id}`))).dispatchBy).toBe(
      '2026-03-17T01:00:00.000Z',
    );
    const audit = (await ok(
      (await t.as('auditor')).get('/api/audit-log?action=setting.changed&pageSize=200'),
    )) as unknown as { items: Array<{ target: string; before: unknown; after: unknown }> };
    expect(audit.items.find((e) => e.target === 'setting:time_limits')).toMatchObject({
      before: { dispatchWorkingHours: 24 },
      after: { dispatchWorkingHours: 4 },
    });
    await ok(admin.put('/api/settings/time-limits', DEFAULT_TIME_LIMITS));
  });

  it('a return approved by the office starts its dispatch clock again', async () => {
    t.clock.set('2026-03-18T09:00:00+08:00');
    const order = await register();
    let d = await act(await t.as('dispatcher'), order, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      coUnitIds: [],
    });
    d = await act(await t.as('housing-a'), d, 'requestReturn', {
      reason: '该路段路灯由供电公司管理,不属于本单位职责',
      suggestedUnit: '县供电公司',
    });
    t.clock.set('2026-03-18T11:00:00+08:00');
    d = await act(await t.as('dispatcher'), d, 'approveReturn', {});
    expect(d.state).toBe('pending_dispatch');
    expect(d.dispatchBy).toBe('2026-03-19T03:00:00.000Z');
    expect(d.dispatchStatus).toBe('ok');
  });
});

describe(`分发超时 in the figures and the bulletin, with the server down across the month's end (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-31T10:00:00+08:00');
  });
  afterAll(() => t.close());

  const countyLate = async (date: string) =>
    (
      (await ok(
        (await t.as('dispatcher')).get(`/api/statistics/county?period=month&date=${date}`),
      )) as unknown as {
        dispatchLate: number;
      }
    ).dispatchLate;
  const bulletinLate = async (from: string, to: string) =>
    (await ok((await t.as('reviewer')).post('/api/bulletins', { from, to }), 201)) as unknown as {
      figures: { dispatchLate: number };
      body: string;
    };

  it('counts each order in the month its dispatch deadline passed, whether dispatched late or not at all', async () => {
    const dispatcher = await t.as('dispatcher');
    // Tuesday 03-31 10:00: an urgent order due 12:00 (March), a normal one due 04-01 10:00 (April).
    const urgent = await ok(dispatcher.post('/api/work-orders', anOrder({ urgency: 'urgent' })), 201);
    const normal = await ok(dispatcher.post('/api/work-orders', anOrder({ title: '小区供暖不热' })), 201);
    const onTime = await ok(dispatcher.post('/api/work-orders', anOrder({ title: '路面塌陷' })), 201);
    await act(dispatcher, onTime, 'dispatch', { leadUnitId: t.unitId('housing'), coUnitIds: [] });
    expect(urgent.dispatchBy).toBe('2026-03-31T04:00:00.000Z');
    expect(normal.dispatchBy).toBe('2026-04-01T02:00:00.000Z');

    // The server is down from 03-31 11:00 to 04-02 09:00: no watcher run at all.
    t.clock.set('2026-04-02T09:00:00+08:00');
    await act(await t.as('dispatcher'), urgent, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      coUnitIds: [],
    });
    expect(await countyLate('2026-03-15')).toBe(1);
    expect(await countyLate('2026-04-15')).toBe(1);
    const march = await bulletinLate('2026-03-01', '2026-03-31');
    expect(march.figures.dispatchLate).toBe(1);
    expect(march.body).toContain('县热线办分发超时1件');
    expect((await bulletinLate('2026-04-01', '2026-04-30')).figures.dispatchLate).toBe(1);
    // The county figures' Excel names it on its 总体 sheet.
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/exports/county-figures.xlsx?period=month&date=2026-03-15',
      headers: { cookie: await t.cookieOf('dispatcher') },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const overall = book.getWorksheet('总体');
    expect(overall?.getRow(4).getCell(1).value).toMatch(/^热线办分发超时/);
    expect(overall?.getRow(4).getCell(2).value).toBe(1);

    // The watcher catches up: the still undispatched order is marked at its deadline, in April;
    // the one dispatched late is not marked after the fact; the counts do not change.
    const counts = await new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings)).runOnce();
    expect(counts.dispatch_overdue).toBe(1);
    const page = await ok((await t.as('dispatcher')).get(`/api/work-orders/${normal.id}`));
    expect(page.timeline.find((e) => e.type === 'dispatch_overdue')?.at).toBe('2026-04-01T02:00:00.000Z');
    expect(await countyLate('2026-03-15')).toBe(1);
    expect(await countyLate('2026-04-15')).toBe(1);
  });
});
