import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { PDF, uploadRaw, uploadScan } from '../support/upload.js';

type List = { items: Array<{ id: number; code: string; deadlineStatus: string | null }>; total: number };

describe(`lists, filters, due soon and overdue, attachments (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let early: number;
  let late: number;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    early = (await registeredAndDispatched(t, 'housing', [], { title: '老旧小区屋顶漏水', type: 'help' })).id;
    t.clock.set('2026-03-05T09:00:00+08:00');
    late = (
      await registeredAndDispatched(t, 'housing', ['water'], { title: '供暖温度不达标', urgency: 'urgent' })
    ).id;
  });
  afterAll(() => t.close());

  const list = async (who: string, query: string) =>
    (await ok((await t.as(who)).get(`/api/work-orders?${query}`))) as unknown as List;

  it('due soon and overdue are right at any moment, holidays included', async () => {
    // The first order ends at 24:00 on Mon 2026-03-09: due soon from 00:00 that day, overdue after.
    t.clock.set('2026-03-08T23:59:00+08:00');
    expect((await list('housing-a', 'due=due_soon')).items.map((i) => i.id)).not.toContain(early);
    t.clock.set('2026-03-09T00:00:00+08:00');
    expect((await list('housing-a', 'due=due_soon')).items.map((i) => i.id)).toContain(early);
    t.clock.set('2026-03-10T00:00:00+08:00');
    const overdue = await list('housing-a', 'due=overdue');
    expect(overdue.items.map((i) => i.id)).toEqual(expect.arrayContaining([early, late]));
    expect(overdue.items.find((i) => i.id === early)?.deadlineStatus).toBe('overdue');
    t.clock.set('2026-03-05T09:00:00+08:00');
  });

  it('filters by state, type, urgency, role, keyword and dates, with pagination', async () => {
    expect((await list('dispatcher', 'type=help')).items.map((i) => i.id)).toContain(early);
    expect((await list('dispatcher', 'type=help')).items.map((i) => i.id)).not.toContain(late);
    expect((await list('dispatcher', 'urgency=urgent')).items.map((i) => i.id)).toEqual([late]);
    expect((await list('dispatcher', `q=${encodeURIComponent('屋顶漏水')}`)).items.map((i) => i.id)).toEqual([
      early,
    ]);
    expect((await list('dispatcher', 'q=%25')).total).toBe(0);
    expect((await list('water-a', 'role=co')).items.map((i) => i.id)).toEqual([late]);
    expect((await list('water-a', 'role=lead')).total).toBe(0);
    expect((await list('dispatcher', 'from=2026-03-05&to=2026-03-05')).items.map((i) => i.id)).toEqual([
      late,
    ]);
    expect(
      (await list('dispatcher', 'state=pending_sign&sort=oldest&pageSize=1')).items.map((i) => i.id),
    ).toEqual([early]);
    const page2 = await list('dispatcher', 'state=pending_sign&sort=oldest&pageSize=1&page=2');
    expect(page2.items.map((i) => i.id)).toEqual([late]);
    expect(page2.total).toBe(2);
    await refused((await t.as('dispatcher')).get('/api/work-orders?state=bogus'), 400, 'VALIDATION_FAILED');
  });

  it('待签收 lists each unit’s own unsigned part: the lead’s new order and a co-unit’s part under a handled order', async () => {
    const ids = async (who: string) => (await list(who, 'toSign=1')).items.map((i) => i.id);
    expect(await ids('housing-a')).toEqual(expect.arrayContaining([early, late]));
    expect(await ids('water-a')).toEqual([late]);
    // The lead signs: the order is handled, and the co-unit's part still waits for its signature.
    const housing = await t.as('housing-a');
    const signed = await act(housing, await ok(housing.get(`/api/work-orders/${late}`)), 'sign');
    expect(signed.state).toBe('handling');
    expect(await ids('housing-a')).not.toContain(late);
    expect(await ids('water-a')).toEqual([late]);
    expect((await list('water-a', 'state=pending_sign')).total).toBe(0);
    await act(await t.as('water-a'), signed, 'coSign');
    expect(await ids('water-a')).toEqual([]);
    const counted = (await ok(
      (
        await t.as('water-a')
      ).get(`/api/work-orders/counts?queries=${encodeURIComponent('[{"toSign":"1"}]')}`),
    )) as unknown as { counts: Array<{ total: number }> };
    expect(counted.counts[0]?.total).toBe(0);
  });

  it("counts several lists in one request, each as its list counts it, in the asker's scope", async () => {
    const counts = async (who: string, queries: unknown) => {
      const url = `/api/work-orders/counts?queries=${encodeURIComponent(JSON.stringify(queries))}`;
      const body = (await ok((await t.as(who)).get(url))) as unknown as {
        counts: Array<{ total: number; totalCapped: boolean }>;
      };
      return body.counts;
    };
    const tabs: Array<Record<string, string>> = [
      { state: 'pending_sign' },
      { type: 'help' },
      { role: 'co', state: 'pending_sign,handling' },
      { urgency: 'urgent' },
      { q: '屋顶漏水' },
      {},
    ];
    for (const who of ['dispatcher', 'water-a', 'housing-a']) {
      const expected = [];
      for (const q of tabs) {
        const query = new URLSearchParams({ ...q, pageSize: '1' });
        const l = await list(who, query.toString());
        expected.push({ total: l.total, totalCapped: false });
      }
      expect(await counts(who, tabs)).toEqual(expected);
    }
    // The water office is a co-unit of the late order only; the office sees both.
    expect((await counts('water-a', [{}]))[0]?.total).toBe(1);
    expect((await counts('dispatcher', [{}]))[0]?.total).toBe(2);

    const dispatcher = await t.as('dispatcher');
    const bad = async (queries: string) =>
      refused(
        dispatcher.get(`/api/work-orders/counts?queries=${encodeURIComponent(queries)}`),
        400,
        'VALIDATION_FAILED',
      );
    expect(JSON.stringify(await bad('not json'))).toContain('queries 须为 JSON 数组');
    await bad('[]');
    await bad('[{"state":"bogus"}]');
    await bad(JSON.stringify(Array.from({ length: 21 }, () => ({}))));
    await refused(dispatcher.get('/api/work-orders/counts'), 400, 'VALIDATION_FAILED');
  });

  it('registration periods relative to today move with the clock (a saved 「本周」 stays this week)', async () => {
    const ids = async (query: string) => (await list('dispatcher', query)).items.map((i) => i.id).sort();
    // Thursday 2026-03-05: the week began on Monday the 2nd, when the early order came in.
    t.clock.set('2026-03-05T18:00:00+08:00');
    expect(await ids('period=this_week')).toEqual([early, late].sort());
    expect(await ids('period=today')).toEqual([late]);
    expect(await ids('period=last_7_days&type=help')).toEqual([early]);
    // Next Monday: a new week, and the 2nd is more than 7 days back.
    t.clock.set('2026-03-09T08:00:00+08:00');
    expect(await ids('period=this_week')).toEqual([]);
    expect(await ids('period=last_7_days')).toEqual([late]);
    expect(await ids('period=this_month')).toEqual([early, late].sort());
    // With fixed dates too, both must hold.
    expect(await ids('period=this_month&from=2026-03-03')).toEqual([late]);
    await refused(
      (await t.as('dispatcher')).get('/api/work-orders?period=last_week'),
      400,
      'VALIDATION_FAILED',
    );
    t.clock.set('2026-03-05T09:00:00+08:00');
  });

  it('attachments: type and size checked, downloaded only by those who may see the order', async () => {
    const order = await ok((await t.as('housing-a')).get(`/api/work-orders/${early}`));
    const scan = await uploadScan(t, 'housing-a', early, 'photo');
    const exe = await uploadRaw(t, 'housing-a', early, 'photo', {
      name: 'virus.pdf',
      type: 'application/pdf',
      data: Buffer.from('MZ\x90\x00not a pdf'),
    });
    expect(exe.statusCode).toBe(400);
    expect((exe.json() as { error: { code: string } }).error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const other = await uploadRaw(t, 'eco-a', early, 'photo', {
      name: 'a.pdf',
      type: 'application/pdf',
      data: PDF,
    });
    expect(other.statusCode).toBe(404);
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/attachments/${scan.id}`,
      headers: { cookie: await t.cookieOf('dispatcher') },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    const denied = await t.app.inject({
      method: 'GET',
      url: `/api/attachments/${scan.id}`,
      headers: { cookie: await t.cookieOf('eco-a') },
    });
    expect(denied.statusCode).toBe(404);
    const after = await ok((await t.as('housing-a')).get(`/api/work-orders/${early}`));
    expect(after.attachments.map((a) => a.id)).toContain(scan.id);
    expect(after.timeline.at(-1)?.type).toBe('attachment_added');
    expect(after.version).toBe(order.version);
  });

  it('the order shows each deadline with the working time left', async () => {
    t.clock.set('2026-03-06T12:00:00+08:00');
    const order = await ok((await t.as('housing-a')).get(`/api/work-orders/${early}`));
    // From Fri 12:00 to the end of Mon 03-09: 12 h on Friday + 24 h on Monday; the weekend does not count.
    expect(order.deadlines.handle.workingHoursLeft).toBe(36);
    expect(order.deadlines.handle.status).toBe('ok');
    const signed = await act(await t.as('housing-a'), order, 'sign');
    expect(signed.deadlines.sign.status).toBeNull();
  });

  it('an urgent order’s own clocks read in natural hours; its return window in working time', async () => {
    // Dispatched on Saturday 03-07 at 10:00: 24 hours to handle, to Sunday 10:00.
    t.clock.set('2026-03-07T10:00:00+08:00');
    const urgent = await registeredAndDispatched(t, 'housing', [], { urgency: 'urgent' });
    t.clock.set('2026-03-07T12:00:00+08:00');
    const order = await ok((await t.as('housing-a')).get(`/api/work-orders/${urgent.id}`));
    expect(order.deadlines.handle).toMatchObject({ workingHoursLeft: 22, naturalHours: true });
    // The return window is counted in working time, and closes with the handling deadline at the latest.
    expect(order.deadlines.return).toMatchObject({ at: order.deadlines.handle.at, naturalHours: false });
    const normal = await registeredAndDispatched(t, 'housing');
    const read = await ok((await t.as('housing-a')).get(`/api/work-orders/${normal.id}`));
    // Dispatched on Saturday: one working day, Monday, all of it; the weekend does not count.
    expect(read.deadlines.return).toMatchObject({ workingHoursLeft: 24, naturalHours: false });
  });
});
