import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import { act, aReply, ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { uploadScan } from '../support/upload.js';

type UnitRow = { unitId: number; counts: Record<string, number> };
type Bulletin = { figures: { overdue: number; units: Array<{ unitId: number; overdue: number }> } };

/**
 * A fax that came before the deadline but was typed in after it (补录, with a written reason):
 * the watcher had marked the order overdue meanwhile. The order is answered on time on the
 * office's word, so it must not count as 期内超期 as well (one order, two contradicting figures).
 */
describe(`a fax entered after the deadline it came before is on time, not also overdue (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const unitCounts = async (unit: string) => {
    const all = (await ok(
      (await t.as('dispatcher')).get('/api/statistics/units?period=month&date=2026-03-15'),
    )) as unknown as { units: UnitRow[] };
    return all.units.find((u) => u.unitId === t.unitId(unit))?.counts ?? {};
  };
  const drillTotal = async (unit: string) =>
    (
      (await ok(
        (
          await t.as('dispatcher')
        ).get(
          `/api/statistics/drill?period=month&date=2026-03-15&unitId=${t.unitId(unit)}&indicator=overdueEver`,
        ),
      )) as unknown as { total: number }
    ).total;
  const bulletin = async (unit: string) => {
    const b = (await ok(
      (await t.as('reviewer')).post('/api/bulletins', { from: '2026-03-01', to: '2026-03-31' }),
      201,
    )) as unknown as Bulletin;
    return b.figures.units.find((u) => u.unitId === t.unitId(unit))?.overdue ?? 0;
  };

  it('the watcher’s mark is withdrawn by the reply the office recorded as received in time; a fax received late still counts', async () => {
    // Two orders for the township, due 03-09 24:00; both faxes typed in on 03-13.
    let onTime = await registeredAndDispatched(t, 'town-qiaotou', [], { needsCitizenReply: false });
    let late = await registeredAndDispatched(t, 'town-qiaotou', [], { needsCitizenReply: false });
    const scans = [
      await uploadScan(t, 'dispatcher', onTime.id, 'fax_reply'),
      await uploadScan(t, 'dispatcher', late.id, 'fax_reply'),
    ];

    t.clock.set('2026-03-13T10:00:00+08:00');
    await new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings)).runOnce();
    const dispatcher = await t.as('dispatcher');
    onTime = await ok(dispatcher.get(`/api/work-orders/${onTime.id}`));
    expect(onTime.timeline.some((e) => e.type === 'overdue')).toBe(true);
    expect((await unitCounts('town-qiaotou')).overdueEver).toBe(2);

    // One fax came on 03-05 (before the deadline), the other on 03-11 (after it).
    onTime = await act(dispatcher, onTime, 'recordFaxReply', {
      reply: aReply(),
      scanAttachmentId: scans[0]?.id,
      faxReceivedAt: '2026-03-05T15:00:00+08:00',
      backdateReason: '传真件误放在档案柜，整理文件时发现',
    });
    late = await ok(dispatcher.get(`/api/work-orders/${late.id}`));
    late = await act(dispatcher, late, 'recordFaxReply', {
      reply: aReply(),
      scanAttachmentId: scans[1]?.id,
      faxReceivedAt: '2026-03-11T15:00:00+08:00',
      backdateReason: '传真件误放在档案柜，整理文件时发现',
    });

    const counts = await unitCounts('town-qiaotou');
    expect(counts.replied).toBe(2);
    expect(counts.repliedOnTime).toBe(1);
    expect(counts.overdueEver).toBe(1);
    expect(await drillTotal('town-qiaotou')).toBe(1);
    expect(await bulletin('town-qiaotou')).toBe(1);
    // The timeline keeps what happened: the mark, then the late entry with its reason.
    expect(onTime.timeline.map((e) => e.type)).toContain('overdue');
  });
});
