import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import { act, aReply, contact, ok, registeredAndDispatched, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type UnitRow = { unitId: number; counts: Record<string, number> };
type Bulletin = { figures: { overdue: number; units: Array<{ unitId: number; overdue: number }> } };

describe(`a month's overdue orders counted from their deadlines, with the server down across its end (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-23T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const unitOverdue = async (date: string) => {
    const all = (await ok(
      (await t.as('dispatcher')).get(`/api/statistics/units?period=month&date=${date}`),
    )) as unknown as {
      units: UnitRow[];
    };
    return all.units.find((u) => u.unitId === t.unitId('housing'))?.counts.overdueEver ?? 0;
  };
  const bulletinOverdue = async (from: string, to: string) => {
    const b = (await ok(
      (await t.as('reviewer')).post('/api/bulletins', { from, to }),
      201,
    )) as unknown as Bulletin;
    return {
      total: b.figures.overdue,
      housing: b.figures.units.find((u) => u.unitId === t.unitId('housing'))?.overdue ?? 0,
    };
  };

  it('counts the order in March, not April; the watcher later records it at the deadline, not twice', async () => {
    // Dispatched Monday 03-23: due 03-30 24:00. One unit replies late, one never replies.
    const late = await registeredAndDispatched(t, 'housing');
    const silent = await registeredAndDispatched(t, 'housing');
    expect(late.handleBy).toBe('2026-03-30T16:00:00.000Z');
    const lead = await t.as('housing-a');
    const signed = await act(lead, late, 'sign');

    // The server is down from Friday 03-27 to Thursday 04-02: no watcher run at all.
    t.clock.set('2026-04-02T09:00:00+08:00');
    await replySignedOff(lead, await t.as('housing-leader'), signed, {
      reply: aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - 600_000).toISOString()) }),
    });
    expect(await unitOverdue('2026-03-15')).toBe(2);
    expect(await unitOverdue('2026-04-15')).toBe(0);
    expect(await bulletinOverdue('2026-03-01', '2026-03-31')).toEqual({ total: 2, housing: 2 });
    expect(await bulletinOverdue('2026-04-01', '2026-04-30')).toEqual({ total: 0, housing: 0 });

    // The watcher catches up: the still-open order is marked overdue at its deadline instant.
    await new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings)).runOnce();
    const marked = await ok((await t.as('dispatcher')).get(`/api/work-orders/${silent.id}`));
    expect(marked.timeline.find((e) => e.type === 'overdue')?.at).toBe('2026-03-30T16:00:00.000Z');
    expect(await unitOverdue('2026-03-15')).toBe(2);
    expect(await unitOverdue('2026-04-15')).toBe(0);
    expect(await bulletinOverdue('2026-03-01', '2026-03-31')).toEqual({ total: 2, housing: 2 });

    // The drill-down lists the same two orders.
    const drill = (await ok(
      (
        await t.as('dispatcher')
      ).get(
        `/api/statistics/drill?period=month&date=2026-03-15&unitId=${t.unitId('housing')}&indicator=overdueEver`,
      ),
    )) as unknown as { total: number };
    expect(drill.total).toBe(2);
  });

  it('the April bulletin names the order overdue since March and open still, and a missed sign-for deadline, though neither is new in April', async () => {
    // The silent order above (due 03-30) is still in housing's hands; a new one is never signed.
    t.clock.set('2026-04-20T09:00:00+08:00');
    const unsigned = await registeredAndDispatched(t, 'housing');
    t.clock.set('2026-05-06T09:00:00+08:00');
    const b = (await ok(
      (await t.as('reviewer')).post('/api/bulletins', { from: '2026-04-01', to: '2026-04-30' }),
      201,
    )) as unknown as {
      body: string;
      figures: { units: Array<{ unitId: number; overdue: number; stillOverdue: number; signLate: number }> };
    };
    const housing = b.figures.units.find((u) => u.unitId === t.unitId('housing'));
    // Still overdue when drafted: March's silent order and April's unsigned one (due 04-27).
    expect(housing).toMatchObject({ stillOverdue: 2, signLate: 1 });
    expect((unsigned.deadlines.sign.at ?? '') < '2026-04-30').toBe(true);
    expect(b.body).toContain('截至2026年5月6日仍超期未办结的：县住房和城乡建设局2件。');
    expect(b.body).toContain('（二）超时未签收。县住房和城乡建设局1件。');
  });
});
