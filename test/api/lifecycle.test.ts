import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, anOrder, aReply, contact, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

describe(`a work order's whole life through the API (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('dispatch → sign → reply → review → callback → close, each role as itself', async () => {
    const dispatcher = await t.as('dispatcher');
    const created = await ok(
      dispatcher.post(
        '/api/work-orders',
        anOrder({ channel: 'city_platform', cityOrderNo: 'SZ2026030200001' }),
      ),
      201,
    );
    expect(created.state).toBe('pending_dispatch');
    expect(created.code).toMatch(/^HY20260302\d{4}$/);
    expect(created.allowedActions).toEqual(expect.arrayContaining(['dispatch', 'void', 'merge']));

    let order = await act(dispatcher, created, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      coUnitIds: [],
    });
    expect(order.state).toBe('pending_sign');
    // Monday 2026-03-02 + 5 working days: last day Monday 2026-03-09, ending at 24:00 Beijing time.
    expect(order.handleBy).toBe('2026-03-09T16:00:00.000Z');
    expect(order.deadlines.sign.at).toBe('2026-03-03T16:00:00.000Z');
    expect(order.deadlines.handle.status).toBe('ok');

    const liaison = await t.as('housing-a');
    const seen = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(seen.allowedActions).toEqual(['sign', 'requestReturn']);
    t.clock.advance(2 * 3600_000);
    order = await act(liaison, order, 'sign');
    expect(order.state).toBe('handling');
    expect(order.assignments[0]?.signedAt).toBeTruthy();

    t.clock.advance(24 * 3600_000);
    // 签发: the liaison drafts without an issuer; the leader in charge signs it off with their own login.
    expect(order.allowedActions).toContain('submitForSignOff');
    expect(order.allowedActions).not.toContain('reply');
    order = await act(liaison, order, 'submitForSignOff', {
      reply: aReply({
        issuer: '',
        citizenContact: contact(new Date(t.clock.now().getTime() - 3600_000).toISOString()),
      }),
    });
    expect(order.state).toBe('pending_sign_off');
    expect(order.stateLabel).toBe('待签发');
    expect(order.signOff.draft?.submittedByName).toBe('刘雅琴');
    expect(order.reply).toBeNull();
    const leader = await t.as('housing-leader');
    const queue = await ok(leader.get('/api/work-orders?state=pending_sign_off'));
    expect((queue as unknown as { items: { id: number }[] }).items.map((i) => i.id)).toEqual([order.id]);
    t.clock.advance(3600_000);
    order = await act(leader, order, 'signOff');
    expect(order.state).toBe('pending_review');
    expect(order.reply?.issuer).toBe('冯振华');
    expect(order.reply?.draftedBy).toBe('刘雅琴');
    expect(order.signOff.draft).toBeNull();

    const reviewer = await t.as('reviewer');
    order = await act(reviewer, order, 'acceptReview', { opinion: '答复规范' });
    expect(order.state).toBe('pending_callback');
    order = await act(reviewer, order, 'callback', { result: 'satisfied', note: '群众表示满意' });
    expect(order.lastCallbackResult).toBe('satisfied');
    order = await act(reviewer, order, 'close');
    expect(order.state).toBe('closed');
    // Closed: only the office's 改分类 is left (quality checks correct the category after closing).
    expect(order.allowedActions).toEqual(['reclassify']);

    expect(order.timeline.map((e) => e.type)).toEqual([
      'registered',
      'dispatched',
      'signed',
      'sign_off_requested',
      'signed_off',
      'replied',
      'review_accepted',
      'callback_recorded',
      'closed',
    ]);
    const signed = order.timeline.find((e) => e.type === 'signed');
    expect(signed?.actorName).toBe('刘雅琴');
    expect(signed?.actorUnitName).toBe('县住房和城乡建设局');
    expect(signed?.fromState).toBe('pending_sign');
    expect(signed?.toState).toBe('handling');
    const signedOff = order.timeline.find((e) => e.type === 'signed_off');
    expect(signedOff).toMatchObject({
      actorName: '冯振华',
      fromState: 'pending_sign_off',
      toState: 'pending_review',
    });
  });

  it('a unit liaison cannot see another unit’s order (404), nor act on it', async () => {
    const order = await registeredAndDispatched(t, 'housing');
    const other = await t.as('water-a');
    await refused(other.get(`/api/work-orders/${order.id}`), 404, 'ORDER_NOT_FOUND');
    await refused(
      other.post(`/api/work-orders/${order.id}/sign`, { version: order.version }),
      404,
      'ORDER_NOT_FOUND',
    );
    const list = await other.get('/api/work-orders?pageSize=100');
    expect((list.json() as { items: Array<{ id: number }> }).items.map((i) => i.id)).not.toContain(order.id);
    const after = await ok((await t.as('dispatcher')).get(`/api/work-orders/${order.id}`));
    expect(after.state).toBe('pending_sign');
    expect(after.version).toBe(order.version);
  });

  it('a stale version is refused with 409 and changes nothing', async () => {
    const order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    const leader = await t.as('housing-leader');
    await act(liaison, order, 'sign');
    await refused(
      leader.post(`/api/work-orders/${order.id}/request-return`, {
        version: order.version,
        reason: '小区供水管网由县水务局负责维护,不属于本单位职责范围',
        suggestedUnit: '县自然资源局',
      }),
      409,
      'VERSION_CONFLICT',
    );
    const after = await ok(leader.get(`/api/work-orders/${order.id}`));
    expect(after.state).toBe('handling');
    expect(after.timeline.map((e) => e.type)).not.toContain('return_requested');
  });

  it('roles are checked on every route', async () => {
    const order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    await refused(liaison.post('/api/work-orders', anOrder()), 403, 'FORBIDDEN_ROLE');
    await refused(
      liaison.post(`/api/work-orders/${order.id}/close`, { version: order.version }),
      403,
      'FORBIDDEN_ROLE',
    );
    const admin = await t.as('admin');
    await refused(admin.get('/api/work-orders'), 403, 'FORBIDDEN_ROLE');
    await refused(t.anonymous.get('/api/work-orders'), 401, 'UNAUTHENTICATED');
    const reviewer = await t.as('reviewer');
    await refused(
      reviewer.post(`/api/work-orders/${order.id}/sign`, { version: order.version }),
      403,
      'FORBIDDEN_ROLE',
    );
    const dispatcher = await t.as('dispatcher');
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/accept-review`, { version: order.version }),
      403,
      'FORBIDDEN_ROLE',
    );
  });

  it('a supervisor and a county leader read every order but act on none', async () => {
    const order = await registeredAndDispatched(t, 'town-qiaotou');
    for (const who of ['supervisor', 'leader']) {
      const c = await t.as(who);
      const seen = await ok(c.get(`/api/work-orders/${order.id}`));
      expect(seen.allowedActions).toEqual([]);
    }
  });
});
