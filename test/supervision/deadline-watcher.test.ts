import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { CalendarService } from '../../src/modules/calendar/calendar.service.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import { SettingsService } from '../../src/modules/settings/settings.service.js';
import type { AppContext } from '../../src/server/context.js';
import { act, ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Notifications = {
  unread: number;
  items: Array<{ kind: string; orderId: number | null; title: string; body: string }>;
};

describe(`time limits that act on their own (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let watcher: DeadlineWatcher;
  beforeAll(async () => {
    t = await createTestApp('2026-09-28T09:00:00+08:00');
    watcher = new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings));
  });
  afterAll(() => t.close());

  const eventsOf = async (orderId: number, type: string) =>
    (await ok((await t.as('dispatcher')).get(`/api/work-orders/${orderId}`))).timeline.filter(
      (e) => e.type === type,
    );
  const inbox = async (user: string) =>
    (await ok((await t.as(user)).get('/api/notifications'))) as unknown as Notifications;

  it('marks due soon and overdue once each, across the National Day holiday, urging and telling the unit', async () => {
    t.clock.set('2026-09-28T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'housing');
    // Mon 09-28 + 5 working days: 09-29, 09-30, (10-01…10-07 off), 10-08, 10-09, and Sat 10-10, a make-up day.
    expect(order.handleBy).toBe('2026-10-10T16:00:00.000Z');
    await (await t.as('housing-a')).post('/api/notifications/read-all');

    t.clock.set('2026-10-07T23:00:00+08:00');
    expect(await watcher.runOnce()).toMatchObject({ due_soon: 0, overdue: 0 });
    t.clock.set('2026-10-10T00:00:00+08:00');
    // Less than one working day is left from the start of the last day, Sat 2026-10-10 00:00.
    expect((await watcher.runOnce()).due_soon).toBe(1);
    expect((await watcher.runOnce()).due_soon).toBe(0);
    expect(await eventsOf(order.id, 'due_soon')).toHaveLength(1);

    // One notice, with the deadline and the automatic urge it counted; not a second one for the urge.
    const a = (await inbox('housing-a')).items.filter(
      (n) => n.orderId === order.id && ['due_soon', 'urged'].includes(n.kind),
    );
    expect(a.map((n) => [n.kind, n.body])).toEqual([
      ['due_soon', expect.stringContaining('将于 2026-10-10 24:00 到期')],
    ]);
    expect(a[0]?.body).toContain('已计系统催办第 1 次');
    const leader = await inbox('housing-leader');
    expect(leader.items.some((n) => n.kind === 'due_soon' && n.orderId === order.id)).toBe(true);
    const b = await inbox('housing-b');
    expect(b.items.some((n) => n.kind === 'due_soon' && n.orderId === order.id)).toBe(false);

    t.clock.set('2026-10-12T09:00:00+08:00');
    expect((await watcher.runOnce()).overdue).toBe(1);
    expect((await watcher.runOnce()).overdue).toBe(0);
    expect(await eventsOf(order.id, 'overdue')).toHaveLength(1);
    const detail = await ok((await t.as('housing-a')).get(`/api/work-orders/${order.id}`));
    expect(detail.counts.urges).toBe(2);
    expect(detail.urges.every((u) => u.auto)).toBe(true);
    expect(detail.urges.map((u) => u.message)).toEqual([
      '工单将于 2026-10-10 24:00 到期，请抓紧办理。',
      '工单已于 2026-10-10 24:00 超过办理期限，请立即办结反馈。',
    ]);
    const overdueNotices = (await inbox('housing-a')).items.filter(
      (n) => n.orderId === order.id && ['overdue', 'urged'].includes(n.kind),
    );
    expect(overdueNotices.map((n) => [n.kind, n.body])).toEqual([
      ['overdue', expect.stringContaining('已计系统催办第 2 次')],
    ]);
    // Overdue is told to liaison B as well.
    expect((await inbox('housing-b')).items.some((n) => n.kind === 'overdue' && n.orderId === order.id)).toBe(
      true,
    );
  });

  it('catches up after downtime: an order whose deadline passed while the server was down is marked overdue, not due soon', async () => {
    t.clock.set('2026-11-02T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'water');
    t.clock.set('2026-11-20T09:00:00+08:00');
    const counts = await watcher.runOnce();
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(order.id, 'overdue')).toHaveLength(1);
    expect(await eventsOf(order.id, 'due_soon')).toHaveLength(0);
  });

  it('an extended order is marked again against its new deadline', async () => {
    t.clock.set('2026-11-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'eco');
    order = await act(await t.as('eco-a'), order, 'sign');
    t.clock.set('2026-11-09T10:00:00+08:00');
    await watcher.runOnce();
    expect(await eventsOf(order.id, 'due_soon')).toHaveLength(1);
    // The office sets a new deadline by approving an extension (seeded here through the API).
    const { uploadScan } = await import('../support/upload.js');
    const scan = await uploadScan(t, 'eco-a', order.id, 'extension_scan');
    order = await ok((await t.as('eco-a')).get(`/api/work-orders/${order.id}`));
    order = await act(await t.as('eco-a'), order, 'requestExtension', {
      reason: '需要等待环境监测报告出具,监测周期较长',
      requestedDeadline: '2026-11-20T23:59:00+08:00',
      mainLeaderName: '马国强',
      scanAttachmentId: scan.id,
    });
    order = await act(await t.as('dispatcher'), order, 'approveExtension', {});
    t.clock.set('2026-11-20T09:00:00+08:00');
    await watcher.runOnce();
    expect(await eventsOf(order.id, 'due_soon')).toHaveLength(2);
  });

  it('tells liaison B when A is away, and when the order is not signed for in time', async () => {
    const admin = await t.as('admin');
    const users = (
      (await ok(admin.get('/api/users'))) as unknown as { items: Array<Record<string, unknown>> }
    ).items;
    const a = users.find((u) => u.username === 'transport-a') as Record<string, unknown>;
    await ok(
      admin.put(`/api/users/${a.id}`, {
        ...a,
        awayFrom: '2026-12-01',
        awayUntil: '2026-12-04',
        awayNote: '外出学习',
      }),
    );
    t.clock.set('2026-12-01T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'transport');
    const newOrder = (await inbox('transport-b')).items.find((n) => n.orderId === order.id);
    expect(newOrder?.kind).toBe('dispatched');
    expect((await inbox('transport-a')).items.some((n) => n.orderId === order.id)).toBe(false);

    t.clock.set('2026-12-01T09:00:00+08:00');
    const late = await registeredAndDispatched(t, 'edu');
    expect((await inbox('edu-b')).items.some((n) => n.orderId === late.id)).toBe(false);
    t.clock.set('2026-12-03T08:00:00+08:00');
    expect((await watcher.runOnce()).sign_overdue).toBeGreaterThanOrEqual(1);
    expect((await inbox('edu-b')).items.some((n) => n.orderId === late.id && n.kind === 'sign_overdue')).toBe(
      true,
    );
    // Both can act: B signs.
    const signed = await act(
      await t.as('edu-b'),
      await ok((await t.as('edu-b')).get(`/api/work-orders/${late.id}`)),
      'sign',
    );
    expect(signed.state).toBe('handling');
  });

  it('records each mark exactly once with two watchers racing (two connection pools on PostgreSQL)', async () => {
    t.clock.set('2026-11-16T09:00:00+08:00');
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await registeredAndDispatched(t, i % 2 ? 'agri' : 'hrss'));
    t.clock.set('2026-11-25T09:00:00+08:00');
    const other = t.anotherConnection();
    const otherCtx: AppContext = other
      ? {
          ...t.ctx,
          db: other,
          calendar: new CalendarService(other.kysely, t.clock),
          settings: new SettingsService(other.kysely, t.clock, t.ctx.audit),
        }
      : t.ctx;
    const second = new DeadlineWatcher(otherCtx, new Notifier(otherCtx.settings));
    try {
      const [x, y] = await Promise.all([watcher.runOnce(), second.runOnce()]);
      expect(x.overdue + y.overdue).toBeGreaterThanOrEqual(orders.length);
      for (const o of orders) {
        expect(await eventsOf(o.id, 'overdue')).toHaveLength(1);
        const urged = await eventsOf(o.id, 'urged');
        expect(urged).toHaveLength(1);
      }
    } finally {
      await other?.close();
    }
  });
});
