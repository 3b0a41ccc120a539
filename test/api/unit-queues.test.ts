import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { act, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type List = { items: Array<{ id: number }>; total: number };

/** A unit's queues as the server lists and counts them: 待阅批 (notice 四) and 待签收 by its deadline. */
describe(`a unit's 待阅批 and 待签收 (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const list = async (who: string, query: string) =>
    (await ok((await t.as(who)).get(`/api/work-orders?${query}`))) as unknown as List;
  const ids = async (who: string, query: string) => (await list(who, query)).items.map((i) => i.id);
  const count = async (who: string, filter: Record<string, string>) => {
    const url = `/api/work-orders/counts?queries=${encodeURIComponent(JSON.stringify([filter]))}`;
    const body = (await ok((await t.as(who)).get(url))) as unknown as { counts: Array<{ total: number }> };
    return body.counts[0]?.total;
  };
  const leader = (deadline: string) => ({
    urgency: 'leader',
    leaderInstruction: '请住建局主要负责同志亲自过问，尽快解决。',
    leaderDeadline: deadline,
  });

  it('待阅批: the leader-instructed and urgent orders the unit leads and holds, unread, nearest deadline first', async () => {
    const normal = await registeredAndDispatched(t, 'housing', [], { title: '普通件不需阅批' });
    const urgent = await registeredAndDispatched(t, 'housing', [], {
      title: '急件待阅批',
      urgency: 'urgent',
    });
    // Dispatched after the urgent one, due before it: first by deadline.
    t.clock.advance(3600_000);
    const instructed = await registeredAndDispatched(t, 'housing', [], {
      title: '批示件待阅批',
      ...leader('2026-03-02T20:00:00+08:00'),
    });
    // Housing is only a co-unit of this one: urban management's main leader reads it.
    const coUrgent = await registeredAndDispatched(t, 'urban', ['housing'], {
      title: '协办的急件',
      urgency: 'urgent',
    });
    // Signed and handled: still waits for the reading.
    const handled = await registeredAndDispatched(t, 'housing', [], {
      title: '签收后的批示件',
      ...leader('2026-03-06T18:00:00+08:00'),
    });
    await act(await t.as('housing-a'), handled, 'sign');
    // Read already: out of the queue.
    let read = await registeredAndDispatched(t, 'housing', [], { title: '已阅批的急件', urgency: 'urgent' });
    read = await act(await t.as('housing-chief'), read, 'leaderRead', { instruction: '今天到现场。' });
    // The unit asked to hand it back: the main leader may not read it there (the unit does not hold it).
    const returning = await registeredAndDispatched(t, 'housing', [], {
      title: '申请回退的急件',
      urgency: 'urgent',
    });
    await act(await t.as('housing-a'), returning, 'requestReturn', {
      reason: '该事项属于供水管网维修，不属于本单位职责。',
      suggestedUnit: '县水务局',
    });

    // By deadline: the instruction's 20:00 today before the urgent order's 24 hours (9:00 tomorrow).
    const expected = [instructed.id, urgent.id, handled.id];
    expect(await ids('housing-chief', 'toRead=1&sort=deadline')).toEqual(expected);
    expect(await count('housing-chief', { toRead: '1' })).toBe(3);
    for (const other of [normal, coUrgent, read, returning])
      expect(expected).not.toContain((other as OrderDetail).id);

    // Each unit sees its own: urban management's main leader has the order it leads, another unit none.
    expect(await ids('urban-chief', 'toRead=1')).toEqual([coUrgent.id]);
    expect(await count('hrss-chief', { toRead: '1' })).toBe(0);
    // The office may look at one unit's, or the county's.
    expect(await ids('dispatcher', `toRead=1&unitId=${t.unitId('housing')}&sort=deadline`)).toEqual(expected);

    // Read: it leaves the queue, and the count follows.
    await act(await t.as('housing-chief'), urgent, 'leaderRead', {});
    expect(await ids('housing-chief', 'toRead=1&sort=deadline')).toEqual(
      expected.filter((i) => i !== urgent.id),
    );
    expect(await count('housing-chief', { toRead: '1' })).toBe(2);
    await refused((await t.as('housing-chief')).get('/api/work-orders?toRead=yes'), 400, 'VALIDATION_FAILED');
  });

  it('待签收 by the sign-for deadline: an urgent order’s hour before a routine order’s day, the older day first', async () => {
    t.clock.set('2026-03-09T09:00:00+08:00');
    // The urgent order arrives first and the routine ones after it: newest first would put it last.
    const urgent = await registeredAndDispatched(t, 'agri', [], { title: '急件先到', urgency: 'urgent' });
    t.clock.advance(1800_000);
    const monday = await registeredAndDispatched(t, 'agri', [], { title: '周一的普通件' });
    t.clock.set('2026-03-10T09:00:00+08:00');
    const tuesday = await registeredAndDispatched(t, 'agri', [], { title: '周二的普通件' });
    // A co-unit's unsigned part waits in the same tab.
    const asCo = await registeredAndDispatched(t, 'hrss', ['agri'], { title: '协办待签收' });

    expect(await ids('agri-a', 'toSign=1')).toEqual([asCo.id, tuesday.id, monday.id, urgent.id]);
    expect(await ids('agri-a', 'toSign=1&sort=sign_deadline')).toEqual([
      urgent.id,
      monday.id,
      tuesday.id,
      asCo.id,
    ]);
    const page2 = await list('agri-a', 'toSign=1&sort=sign_deadline&pageSize=3&page=2');
    expect(page2.items.map((i) => i.id)).toEqual([asCo.id]);
    expect(page2.total).toBe(4);
    // A search within the tab keeps its order.
    expect(await ids('agri-a', `toSign=1&sort=sign_deadline&q=${encodeURIComponent('普通件')}`)).toEqual([
      monday.id,
      tuesday.id,
    ]);
    await refused((await t.as('agri-a')).get('/api/work-orders?sort=bogus'), 400, 'VALIDATION_FAILED');
  });

  it('待签收 rows carry the sign-for deadline and its status (即将超时, 已超时), as the order’s page reads it', async () => {
    type Row = { id: number; signBy: string | null; signStatus: string | null; handleBy: string | null };
    const rows = async () =>
      ((await list('water-a', 'toSign=1&sort=sign_deadline')) as unknown as { items: Row[] }).items;
    const row = async (id: number) => (await rows()).find((r) => r.id === id);
    // Monday 09:00: a routine order is signed for by Tuesday 24:00, an urgent one within the hour.
    t.clock.set('2026-03-16T09:00:00+08:00');
    const routine = await registeredAndDispatched(t, 'water', [], { title: '普通件的签收期限' });
    const urgent = await registeredAndDispatched(t, 'water', [], {
      title: '急件的签收期限',
      urgency: 'urgent',
    });
    expect(await row(routine.id)).toMatchObject({
      signBy: '2026-03-17T16:00:00.000Z',
      signStatus: 'ok',
      // The handling deadline is still there, for the other tabs.
      handleBy: routine.handleBy,
    });
    // An urgent order's hour is not all warning: 即将超时 in its last half hour only (the
    // configured 4 hours would cover it from the moment it was dispatched); the page agrees.
    expect(await row(urgent.id)).toMatchObject({
      signBy: '2026-03-16T02:00:00.000Z',
      signStatus: 'ok',
    });
    const urgentPage = async () => ok((await t.as('water-a')).get(`/api/work-orders/${urgent.id}`));
    expect((await urgentPage()).deadlines.sign.status).toBe('ok');
    t.clock.set('2026-03-16T09:29:59+08:00');
    expect((await row(urgent.id))?.signStatus).toBe('ok');
    t.clock.set('2026-03-16T09:30:00+08:00');
    expect((await row(urgent.id))?.signStatus).toBe('due_soon');
    expect((await urgentPage()).deadlines.sign.status).toBe('due_soon');
    // Its handling deadline keeps the configured 4 hours: 24 hours away, not due soon.
    expect((await urgentPage()).deadlines.handle.status).toBe('ok');

    // Less than one working day left: 即将超时, from Tuesday 00:00 on; the page says the same.
    t.clock.set('2026-03-17T00:00:00+08:00');
    expect((await row(routine.id))?.signStatus).toBe('due_soon');
    expect((await row(urgent.id))?.signStatus).toBe('overdue');
    const page = await ok((await t.as('water-a')).get(`/api/work-orders/${routine.id}`));
    expect([page.signStatus, page.deadlines.sign.status]).toEqual(['due_soon', 'due_soon']);
    t.clock.set('2026-03-17T23:59:59.999+08:00');
    expect((await row(routine.id))?.signStatus).toBe('due_soon');
    t.clock.set('2026-03-18T00:00:00+08:00');
    expect((await row(routine.id))?.signStatus).toBe('overdue');

    // Signed: out of the tab; the deadline stays on the order, without a status.
    const signed = await act(await t.as('water-a'), routine, 'sign');
    expect(await row(routine.id)).toBeUndefined();
    expect([signed.signBy, signed.signStatus]).toEqual(['2026-03-17T16:00:00.000Z', null]);
  });
});
