import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import { act, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { uploadScan } from '../support/upload.js';

type Listed = {
  items: Array<{
    id: number;
    deadlineStatus: string | null;
    decision: { requestedAt: string; decideBy: string; waitingHours: number; late: boolean } | null;
  }>;
};
type UnitRow = { unitId: number; counts: { overdueEver: number; overdueNow: number } };

/**
 * A unit's request waits for the office (通知二（一）延期、二（三）回退): while it waits, a passing
 * deadline is not the unit's 超期; the decision says which deadline counts; the office's own
 * lateness to decide is 审批超时.
 */
describe(`a request awaiting the office is not the unit's overdue (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let watcher: DeadlineWatcher;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    watcher = new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings));
  });
  afterAll(() => t.close());

  const at = (local: string) => t.clock.set(`2026-03-${local}+08:00`);
  const listed = async (query: string) =>
    ((await ok((await t.as('dispatcher')).get(`/api/work-orders?${query}`))) as unknown as Listed).items;
  const unitCounts = async (unit: string) =>
    (
      (await ok(
        (await t.as('dispatcher')).get('/api/statistics/units?period=month&date=2026-03-15'),
      )) as unknown as { units: UnitRow[] }
    ).units.find((u) => u.unitId === t.unitId(unit))?.counts;
  const countyDecisionLate = async () =>
    (
      (await ok(
        (await t.as('dispatcher')).get('/api/statistics/county?period=month&date=2026-03-15'),
      )) as unknown as { decisionLate: number }
    ).decisionLate;
  const timelineOf = async (id: number, type: string) =>
    (await ok((await t.as('dispatcher')).get(`/api/work-orders/${id}`))).timeline.filter(
      (e) => e.type === type,
    );

  /** Dispatched Monday 03-02 09:00 (due Mon 03-09 24:00), signed, an extension asked Mon 03-09 15:00. */
  async function extensionAsked(unit: string) {
    at('02T09:00:00');
    const liaison = await t.as(`${unit}-a`);
    let order = await registeredAndDispatched(t, unit);
    order = await act(liaison, order, 'sign');
    const scan = await uploadScan(t, `${unit}-a`, order.id, 'extension_scan');
    at('09T15:00:00');
    order = await act(liaison, await ok(liaison.get(`/api/work-orders/${order.id}`)), 'requestExtension', {
      reason: '需要协调供电公司更换变压器，工期较长',
      requestedDeadline: '2026-03-13T23:59:00+08:00',
      mainLeaderName: '赵志刚',
      scanAttachmentId: scan.id,
    });
    expect(order.handleBy).toBe('2026-03-09T16:00:00.000Z');
    return order;
  }

  it('extension asked in time, approved a day late: never overdue for the old deadline; the office late', async () => {
    const asked = await extensionAsked('housing');
    // The office's clock: one working day from the request (Tue 03-10 15:00).
    const [waiting] = (await listed('decision=waiting')).filter((i) => i.id === asked.id);
    expect(waiting?.decision).toEqual({
      requestedAt: '2026-03-09T07:00:00.000Z',
      decideBy: '2026-03-10T07:00:00.000Z',
      waitingHours: 0,
      late: false,
    });

    // The old deadline passes undecided: no overdue mark, not in the 超期 lists or the figures.
    at('10T09:00:00');
    expect((await watcher.runOnce()).overdue).toBe(0);
    expect(await timelineOf(asked.id, 'overdue')).toHaveLength(0);
    expect((await listed('due=overdue')).map((i) => i.id)).not.toContain(asked.id);
    expect(await unitCounts('housing')).toMatchObject({ overdueEver: 0, overdueNow: 0 });

    // Past the office's own limit: 审批超时, recorded once, told to the dispatchers, flagged in the queue.
    at('10T16:00:00');
    expect((await watcher.runOnce()).decision_overdue).toBe(1);
    expect((await watcher.runOnce()).decision_overdue).toBe(0);
    const [late] = (await listed('decision=late')).filter((i) => i.id === asked.id);
    expect(late?.decision).toMatchObject({ waitingHours: 25, late: true });
    const inbox = (await ok((await t.as('dispatcher')).get('/api/notifications'))) as unknown as {
      items: Array<{ kind: string; orderId: number | null; title: string; body: string }>;
    };
    // The notice and the timeline name the request that waited, and the limit it passed.
    const notice = inbox.items.find((n) => n.orderId === asked.id && n.kind === 'decision_overdue');
    expect(notice?.title).toBe('延期申请审批超时');
    expect(notice?.body).toContain('的延期申请已过审批时限（2026-03-10 15:00）仍未审批');
    expect(await timelineOf(asked.id, 'decision_overdue')).toMatchObject([
      { payload: { deadline: '2026-03-10T07:00:00.000Z', request: 'extension' } },
    ]);

    const dispatcher = await t.as('dispatcher');
    const approved = await act(
      dispatcher,
      await ok(dispatcher.get(`/api/work-orders/${asked.id}`)),
      'approveExtension',
      {
        opinion: '同意延期',
      },
    );
    expect(approved.handleBy).toBe('2026-03-13T15:59:00.000Z');
    expect((await watcher.runOnce()).overdue).toBe(0);
    expect(await unitCounts('housing')).toMatchObject({ overdueEver: 0, overdueNow: 0 });
    expect((await listed('decision=waiting')).map((i) => i.id)).not.toContain(asked.id);
    expect(await countyDecisionLate()).toBe(1);
  });

  it('extension rejected after the old deadline: overdue from the old deadline; a late decision no watcher saw still counts', async () => {
    const before = await countyDecisionLate();
    const asked = await extensionAsked('water');
    // No watcher runs while it waits; the office rejects on Wednesday, past its own limit.
    at('11T10:00:00');
    const dispatcher = await t.as('dispatcher');
    await act(dispatcher, await ok(dispatcher.get(`/api/work-orders/${asked.id}`)), 'rejectExtension', {
      opinion: '理由不充分，请按期办结',
    });
    expect(await timelineOf(asked.id, 'decision_overdue')).toMatchObject([
      { at: '2026-03-10T07:00:00.000Z', payload: { request: 'extension' } },
    ]);
    expect(await countyDecisionLate()).toBe(before + 1);
    // The old deadline stands: overdue from it, in the figures at once and marked at it by the watcher.
    expect(await unitCounts('water')).toMatchObject({ overdueEver: 1, overdueNow: 1 });
    expect((await watcher.runOnce()).overdue).toBe(1);
    expect(await timelineOf(asked.id, 'overdue')).toMatchObject([{ at: '2026-03-09T16:00:00.000Z' }]);
    expect((await watcher.runOnce()).decision_overdue).toBe(0);
    expect(await countyDecisionLate()).toBe(before + 1);
  });

  it("a return awaiting approval while an urgent order's deadline passes: rejected, overdue from it; approved, nothing", async () => {
    // Friday 03-06 10:00, urgent: handle within 24 hours (Sat 03-07 10:00); return window to Mon 03-09 24:00.
    at('06T10:00:00');
    const returning = async (unit: string) => {
      const order = await registeredAndDispatched(t, unit, [], { urgency: 'urgent' });
      expect(order.handleBy).toBe('2026-03-07T02:00:00.000Z');
      at('07T09:00:00');
      return act(await t.as(`${unit}-a`), order, 'requestReturn', {
        reason: '该事项属于县水务局职责范围，不属于本单位',
        suggestedUnit: '县水务局',
      });
    };
    const rejected = await returning('urban');
    at('06T10:00:00');
    const approved = await returning('eco');
    expect(rejected.state).toBe('return_requested');

    at('09T11:00:00');
    expect((await watcher.runOnce()).overdue).toBe(0);
    expect(await unitCounts('urban')).toMatchObject({ overdueEver: 0, overdueNow: 0 });
    const [r] = (await listed('decision=waiting')).filter((i) => i.id === rejected.id);
    // The deadline passed while the office had it: shown so, not counted against the unit.
    expect(r?.deadlineStatus).toBe('overdue');
    expect(r?.decision?.late).toBe(false);

    const dispatcher = await t.as('dispatcher');
    const kept = await act(dispatcher, rejected, 'rejectReturn', { opinion: '该事项属你单位职责' });
    expect(kept.state).toBe('pending_sign');
    expect(await unitCounts('urban')).toMatchObject({ overdueEver: 1, overdueNow: 1 });
    await act(dispatcher, approved, 'approveReturn', { opinion: '同意回退' });
    expect(await watcher.runOnce()).toMatchObject({ overdue: 1 });
    expect(await timelineOf(rejected.id, 'overdue')).toMatchObject([{ at: '2026-03-07T02:00:00.000Z' }]);
    expect(await timelineOf(approved.id, 'overdue')).toHaveLength(0);
    expect(await unitCounts('eco')).toMatchObject({ overdueEver: 0, overdueNow: 0 });
  });

  it('a return left undecided past the limit: 审批超时 names the 回退申请, in the notice and on the timeline', async () => {
    // Monday 03-16 09:00 dispatched, the return asked at 10:00: the office has until Tuesday 10:00.
    t.clock.set('2026-03-16T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'water');
    t.clock.set('2026-03-16T10:00:00+08:00');
    const asked = await act(await t.as('water-a'), order, 'requestReturn', {
      reason: '该路段路灯由县城市管理综合行政执法局负责维护，不属于本单位职责',
      suggestedUnit: '县城市管理综合行政执法局',
    });
    t.clock.set('2026-03-17T10:30:00+08:00');
    expect((await watcher.runOnce()).decision_overdue).toBeGreaterThanOrEqual(1);
    expect(await timelineOf(asked.id, 'decision_overdue')).toMatchObject([
      { payload: { deadline: '2026-03-17T02:00:00.000Z', request: 'return' } },
    ]);
    const inbox = (await ok((await t.as('dispatcher')).get('/api/notifications'))) as unknown as {
      items: Array<{ kind: string; orderId: number | null; title: string; body: string }>;
    };
    const notice = inbox.items.find((n) => n.orderId === asked.id && n.kind === 'decision_overdue');
    expect(notice?.title).toBe('回退申请审批超时');
    expect(notice?.body).toContain('的回退申请已过审批时限（2026-03-17 10:00）仍未审批');
  });

  it("the office's limit is a time-limit setting, within bounds", async () => {
    const admin = await t.as('admin');
    const limits = (await ok(admin.get('/api/settings/time-limits'))) as unknown as Record<string, unknown>;
    expect(limits.decisionWorkingHours).toBe(24);
    await refused(
      admin.put('/api/settings/time-limits', { ...limits, decisionWorkingHours: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    const saved = (await ok(
      admin.put('/api/settings/time-limits', { ...limits, decisionWorkingHours: 8 }),
    )) as unknown as Record<string, unknown>;
    expect(saved.decisionWorkingHours).toBe(8);
  });
});
