import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import { act, aReply, contact, ok, registeredAndDispatched, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { uploadScan } from '../support/upload.js';

type Listed = { items: Array<{ id: number; progressMissed: boolean }> };
type Notifications = { items: Array<{ kind: string; orderId: number | null }> };

/** 通知二(一):延期的,「并随时报告办理进展情况」。 */
describe(`progress reports under an approved extension (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let watcher: DeadlineWatcher;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    watcher = new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings));
  });
  afterAll(() => t.close());

  const missedFor = async (user: string) =>
    ((await ok((await t.as(user)).get('/api/work-orders?progress=missed'))) as unknown as Listed).items.map(
      (i) => i.id,
    );
  const page = async (id: number, user = 'housing-a') => ok((await t.as(user)).get(`/api/work-orders/${id}`));

  it('the first report is due an interval after the approval; a missed one is flagged, recorded once and the unit reminded', async () => {
    const liaison = await t.as('housing-a');
    let order = await registeredAndDispatched(t, 'housing');
    order = await act(liaison, order, 'sign');
    // A progress report before any extension asks for no next one.
    order = await act(liaison, order, 'reportProgress', { content: '已安排人员现场勘查,正在联系施工单位' });
    expect(order.progressDueAt).toBeNull();

    const scan = await uploadScan(t, 'housing-a', order.id, 'extension_scan');
    order = await act(liaison, await page(order.id), 'requestExtension', {
      reason: '需要协调供电公司停电施工,施工周期较长',
      requestedDeadline: '2026-03-27T23:59:00+08:00',
      mainLeaderName: '马国强',
      scanAttachmentId: scan.id,
    });
    t.clock.set('2026-03-03T10:00:00+08:00');
    order = await act(await t.as('dispatcher'), order, 'approveExtension', {});
    // Approved Tuesday 03-03: 3 working days (Wed, Thu, Fri) → 03-06 24:00.
    expect(order.progressDueAt).toBe('2026-03-06T16:00:00.000Z');
    expect((await page(order.id)).deadlines.progressReport).toMatchObject({
      at: '2026-03-06T16:00:00.000Z',
      status: 'ok',
    });
    expect(await watcher.runOnce()).toMatchObject({ progress_missed: 0 });

    // Saturday: the report was not made. The unit and the office see the flag; another unit does not.
    t.clock.set('2026-03-07T09:00:00+08:00');
    expect((await page(order.id)).progressMissed).toBe(true);
    expect(await missedFor('housing-a')).toContain(order.id);
    expect(await missedFor('dispatcher')).toContain(order.id);
    expect(await missedFor('eco-a')).not.toContain(order.id);
    expect((await (await t.as('eco-a')).get(`/api/work-orders/${order.id}`)).statusCode).toBe(404);

    expect(await watcher.runOnce()).toMatchObject({ progress_missed: 1 });
    expect(await watcher.runOnce()).toMatchObject({ progress_missed: 0 });
    const flagged = await page(order.id);
    expect(flagged.timeline.filter((e) => e.type === 'progress_missed').map((e) => e.at)).toEqual([
      '2026-03-06T16:00:00.000Z',
    ]);
    const inbox = (await ok(liaison.get('/api/notifications'))) as unknown as Notifications;
    expect(inbox.items.some((n) => n.kind === 'progress_missed' && n.orderId === order.id)).toBe(true);

    // A report clears the flag and starts the next interval: Monday 03-09 + 3 working days → 03-12 24:00.
    t.clock.set('2026-03-09T10:00:00+08:00');
    const reported = await act(liaison, flagged, 'reportProgress', {
      content: '已与供电公司确定停电施工时间,预计3月20日完成线路改造',
    });
    expect(reported.progressMissed).toBe(false);
    expect(reported.progressDueAt).toBe('2026-03-12T16:00:00.000Z');
    expect(await missedFor('housing-a')).not.toContain(order.id);

    // The server is down from 03-10 to 03-18: the watcher catches up with the one missed report, once.
    t.clock.set('2026-03-18T09:00:00+08:00');
    expect(await watcher.runOnce()).toMatchObject({ progress_missed: 1 });
    const caughtUp = await page(order.id);
    expect(caughtUp.timeline.filter((e) => e.type === 'progress_missed').map((e) => e.at)).toEqual([
      '2026-03-06T16:00:00.000Z',
      '2026-03-12T16:00:00.000Z',
    ]);
    expect(await watcher.runOnce()).toMatchObject({ progress_missed: 0 });
  });

  it('the interval is a setting; a reply ends the obligation', async () => {
    const admin = await t.as('admin');
    const limits = await ok(admin.get('/api/settings/time-limits'));
    await ok(admin.put('/api/settings/time-limits', { ...limits, progressReportWorkingDays: 1 }));
    t.clock.set('2026-03-23T09:00:00+08:00');
    const liaison = await t.as('housing-a');
    let order = await registeredAndDispatched(t, 'housing');
    order = await act(liaison, order, 'sign');
    const scan = await uploadScan(t, 'housing-a', order.id, 'extension_scan');
    order = await act(liaison, await page(order.id), 'requestExtension', {
      reason: '需要等待第三方检测报告,检测周期较长',
      requestedDeadline: '2026-04-10T23:59:00+08:00',
      mainLeaderName: '马国强',
      scanAttachmentId: scan.id,
    });
    order = await act(await t.as('dispatcher'), order, 'approveExtension', {});
    // Monday 03-23 + 1 working day → 03-24 24:00.
    expect(order.progressDueAt).toBe('2026-03-24T16:00:00.000Z');
    await ok(admin.put('/api/settings/time-limits', { ...limits, progressReportWorkingDays: 3 }));

    // Replied (to sign-off, still with the unit) then signed off: no longer flagged once it left the unit.
    t.clock.set('2026-03-26T09:00:00+08:00');
    expect((await page(order.id)).progressMissed).toBe(true);
    const replied = await replySignedOff(liaison, await t.as('housing-leader'), await page(order.id), {
      reply: aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - 600_000).toISOString()) }),
    });
    expect(replied.progressMissed).toBe(false);
    expect(replied.progressDueAt).toBeNull();
  });
});
