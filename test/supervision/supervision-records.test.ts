import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Records = {
  visits: Array<{ id: number; unitName: string; place: string; requirements: string; dueOn: string | null }>;
  trackings: Array<{
    id: number;
    unitId: number;
    endedAt: string | null;
    conclusion: string | null;
    checkpoints: Array<{ date: string; status: string }>;
    followUps: Array<{ checkpoint: string | null; progress: string }>;
  }>;
  mayRecord: boolean;
};

describe(`现场督办 and 跟踪督办 records (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const records = async (username: string, orderId: number) =>
    (await ok(
      (await t.as(username)).get(`/api/work-orders/${orderId}/supervision-records`),
    )) as unknown as Records;
  const version = async (orderId: number) =>
    (await ok((await t.as('dispatcher')).get(`/api/work-orders/${orderId}`))).version;

  const aVisit = (unitId: number, v: number) => ({
    version: v,
    unitId,
    visitedAt: '2026-03-02T10:00:00+08:00',
    place: '滨河路小区门口',
    visitors: '督查室 王刚、李娜',
    metWith: '住建局副局长 张伟',
    findings: '三盏路灯仍未修复，线路老化待更换。',
    requirements: '承诺三日内更换线路并恢复照明。',
    dueOn: '2026-03-05',
  });

  it('the supervision office records an on-site visit: one event, the order version bumped; a stale page gets 409', async () => {
    t.clock.set('2026-03-02T11:00:00+08:00');
    const order = await registeredAndDispatched(t, 'housing', ['eco']);
    const supervisor = await t.as('supervisor');
    const res = await ok(
      supervisor.post(
        `/api/work-orders/${order.id}/on-site-supervisions`,
        aVisit(t.unitId('housing'), order.version),
      ),
      201,
    );
    const recs = res as unknown as Records;
    expect(recs.visits).toHaveLength(1);
    expect(recs.visits[0]).toMatchObject({ place: '滨河路小区门口', dueOn: '2026-03-05' });
    const detail = await ok(supervisor.get(`/api/work-orders/${order.id}`));
    expect(detail.version).toBe(order.version + 1);
    expect(detail.timeline.filter((e) => e.type === 'on_site_supervised')).toHaveLength(1);
    expect(detail.abilities).toContain('supervision.record');

    await refused(
      supervisor.post(
        `/api/work-orders/${order.id}/on-site-supervisions`,
        aVisit(t.unitId('housing'), order.version),
      ),
      409,
      'VERSION_CONFLICT',
    );
    await refused(
      supervisor.post(`/api/work-orders/${order.id}/on-site-supervisions`, {
        ...aVisit(t.unitId('housing'), detail.version),
        findings: '已查，，。。',
      }),
      400,
      'VISIT_FINDINGS_REQUIRED',
    );
    await refused(
      supervisor.post(
        `/api/work-orders/${order.id}/on-site-supervisions`,
        aVisit(t.unitId('water'), detail.version),
      ),
      400,
      'SUPERVISED_UNIT_INVALID',
    );
    // Refusals changed nothing.
    expect((await records('supervisor', order.id)).visits).toHaveLength(1);
    expect(await version(order.id)).toBe(detail.version);
  });

  it('a unit sees only the records about itself; other units get 404; units, the leader and admins cannot record', async () => {
    t.clock.set('2026-03-02T11:00:00+08:00');
    const order = await registeredAndDispatched(t, 'housing', ['eco']);
    const supervisor = await t.as('supervisor');
    await ok(
      supervisor.post(
        `/api/work-orders/${order.id}/on-site-supervisions`,
        aVisit(t.unitId('eco'), order.version),
      ),
      201,
    );
    expect((await records('eco-a', order.id)).visits).toHaveLength(1);
    expect((await records('housing-a', order.id)).visits).toHaveLength(0);
    const housingTimeline = (await ok((await t.as('housing-a')).get(`/api/work-orders/${order.id}`)))
      .timeline;
    expect(housingTimeline.some((e) => e.type === 'on_site_supervised')).toBe(false);
    const ecoTimeline = (await ok((await t.as('eco-a')).get(`/api/work-orders/${order.id}`))).timeline;
    expect(ecoTimeline.some((e) => e.type === 'on_site_supervised')).toBe(true);
    expect((await records('leader', order.id)).visits).toHaveLength(1);
    expect((await records('dispatcher', order.id)).mayRecord).toBe(true);

    await refused(
      (await t.as('water-a')).get(`/api/work-orders/${order.id}/supervision-records`),
      404,
      'ORDER_NOT_FOUND',
    );
    const v = await version(order.id);
    for (const who of ['housing-a', 'leader', 'reviewer']) {
      await refused(
        (await t.as(who)).post(
          `/api/work-orders/${order.id}/on-site-supervisions`,
          aVisit(t.unitId('housing'), v),
        ),
        403,
        'FORBIDDEN_ROLE',
      );
    }
    await refused(
      (await t.as('admin')).get(`/api/work-orders/${order.id}/supervision-records`),
      403,
      'FORBIDDEN_ROLE',
    );
  });

  it('tracking supervision: start with checkpoints, follow up at each, end with a conclusion', async () => {
    t.clock.set('2026-03-02T11:00:00+08:00');
    const order = await registeredAndDispatched(t, 'housing');
    const dispatcher = await t.as('dispatcher');
    const housing = t.unitId('housing');
    let recs = (await ok(
      dispatcher.post(`/api/work-orders/${order.id}/trackings`, {
        version: order.version,
        unitId: housing,
        reason: '群众反复投诉，需持续跟进办理进展',
        checkpoints: ['2026-03-04', '2026-03-03'],
      }),
      201,
    )) as unknown as Records;
    const tracking = recs.trackings[0];
    expect(tracking?.checkpoints.map((c) => c.date)).toEqual(['2026-03-03', '2026-03-04']);
    const id = tracking?.id;

    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/trackings`, {
        version: await version(order.id),
        unitId: housing,
        reason: '再开一个跟踪督办',
        checkpoints: ['2026-03-05'],
      }),
      409,
      'TRACKING_ALREADY_OPEN',
    );
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/trackings/${id}/end`, {
        version: await version(order.id),
        conclusion: '已办结，群众满意。',
      }),
      422,
      'TRACKING_NO_FOLLOW_UP',
    );

    t.clock.set('2026-03-03T15:00:00+08:00');
    recs = (await ok(
      (
        await t.as('supervisor')
      ).post(`/api/work-orders/${order.id}/trackings/${id}/follow-ups`, {
        version: await version(order.id),
        followedAt: '2026-03-03T14:30:00+08:00',
        checkpoint: '2026-03-03',
        method: '电话',
        progress: '线路已更换一半，预计周五完工。',
      }),
      201,
    )) as unknown as Records;
    expect(recs.trackings[0]?.checkpoints.map((c) => c.status)).toEqual(['done', 'ahead']);
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/trackings/${id}/follow-ups`, {
        version: await version(order.id),
        followedAt: '2026-03-03T14:40:00+08:00',
        checkpoint: '2026-03-03',
        method: '电话',
        progress: '重复登记同一个跟进日期',
      }),
      409,
      'FOLLOW_UP_CHECKPOINT_DONE',
    );

    t.clock.set('2026-03-05T09:00:00+08:00');
    expect((await records('housing-a', order.id)).trackings[0]?.checkpoints.map((c) => c.status)).toEqual([
      'done',
      'missed',
    ]);
    recs = (await ok(
      dispatcher.post(`/api/work-orders/${order.id}/trackings/${id}/end`, {
        version: await version(order.id),
        conclusion: '路灯已全部修复，经回访群众满意。',
      }),
    )) as unknown as Records;
    expect(recs.trackings[0]).toMatchObject({ conclusion: '路灯已全部修复，经回访群众满意。' });
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/trackings/${id}/follow-ups`, {
        version: await version(order.id),
        followedAt: '2026-03-05T08:30:00+08:00',
        checkpoint: null,
        method: '电话',
        progress: '结束后再登记的跟进',
      }),
      409,
      'TRACKING_ENDED',
    );
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/trackings/999999/end`, {
        version: await version(order.id),
        conclusion: '不存在的跟踪督办。',
      }),
      404,
      'TRACKING_NOT_FOUND',
    );
    const timeline = (await ok(dispatcher.get(`/api/work-orders/${order.id}`))).timeline.map((e) => e.type);
    expect(timeline.filter((e) => e.startsWith('tracking_'))).toEqual([
      'tracking_started',
      'tracking_followed_up',
      'tracking_ended',
    ]);
  });
});
