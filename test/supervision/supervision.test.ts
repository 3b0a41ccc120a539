import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadlineWatcher } from '../../src/jobs/deadline-watcher.js';
import { Notifier } from '../../src/modules/notifications/notifier.js';
import { act, aReply, ok, refused, registeredAndDispatched, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Bulletin = {
  id: number;
  number: string;
  title: string;
  body: string;
  status: string;
  version: number;
  publishProblem: string | null;
  figures: { units: Array<{ unitName: string; overdue: number; redone: number; poorReplies: number }> };
};

describe(`urges, phone supervision, escalation and bulletins (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    const admin = await t.as('admin');
    const settings = (await ok(admin.get('/api/settings/notification-channels'))) as unknown as Record<
      string,
      unknown
    >;
    await ok(
      admin.put('/api/settings/notification-channels', {
        ...settings,
        autoUrge: { onDueSoon: false, onOverdue: false },
      }),
    );
  });
  afterAll(() => t.close());

  it('the office urges with a message; the unit reads it; repeated urges are counted', async () => {
    let order = await registeredAndDispatched(t, 'market');
    const dispatcher = await t.as('dispatcher');
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/urge`, { version: order.version, message: '' }),
      400,
      'URGE_MESSAGE_REQUIRED',
    );
    order = await act(dispatcher, order, 'urge', { message: '请尽快签收并办理,群众多次来电。' });
    order = await act(dispatcher, order, 'urge', { message: '第二次催办:请今日内签收。' });
    expect(order.counts.urges).toBe(2);
    expect(order.urges.map((u) => u.readAt)).toEqual([null, null]);
    const liaison = await t.as('market-a');
    const inbox = (await ok(liaison.get('/api/notifications'))) as unknown as {
      items: Array<{ kind: string; body: string }>;
    };
    expect(inbox.items.some((n) => n.kind === 'urged' && n.body.includes('群众多次来电'))).toBe(true);
    const firstUrge = order.urges[0]?.id;
    await ok(liaison.post(`/api/work-orders/${order.id}/urges/${firstUrge}/read`));
    await refused(
      (await t.as('eco-a')).post(`/api/work-orders/${order.id}/urges/${firstUrge}/read`),
      404,
      'ORDER_NOT_FOUND',
    );
    const after = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(after.urges[0]?.readAt).toBeTruthy();
    expect(after.timeline.filter((e) => e.type === 'urge_read')).toHaveLength(1);
    await refused(
      liaison.post(`/api/work-orders/${order.id}/urge`, { version: after.version, message: '自己催自己' }),
      403,
      'FORBIDDEN_ROLE',
    );
  });

  it('overdue, urged and phoned: the rules propose escalation; the supervision office takes the case to the leaders', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'natres');
    const dispatcher = await t.as('dispatcher');
    t.clock.set('2026-03-11T09:00:00+08:00');
    await new DeadlineWatcher(t.ctx, new Notifier(t.ctx.settings)).runOnce();
    t.clock.set('2026-03-11T11:00:00+08:00');
    order = await ok(dispatcher.get(`/api/work-orders/${order.id}`));
    order = await act(dispatcher, order, 'urge', { message: '工单已超期,请立即办理。' });
    order = await act(dispatcher, order, 'urge', { message: '再次催办,请今日答复。' });
    expect(order.supervision.proposedBecause).toEqual([]);
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/record-phone-supervision`, {
        version: order.version,
        calledAt: '2026-03-11T10:00:00+08:00',
        calleeName: '某人',
        calleeUnitId: t.unitId('water'),
        summary: '电话督办,要求尽快办理',
        promise: '明天办结',
      }),
      400,
      'CALLEE_UNIT_INVALID',
    );
    order = await act(dispatcher, order, 'recordPhoneSupervision', {
      calledAt: '2026-03-11T10:00:00+08:00',
      calleeName: '县自然资源局办公室主任',
      calleeUnitId: t.unitId('natres'),
      summary: '电话督办,说明工单已超期两次催办未签收,要求立即办理。',
      promise: '承诺 3 月 12 日前办结反馈',
    });
    expect(order.supervision.proposedBecause).toEqual(['已超过办理期限', '经催办 2 次', '经电话督办 1 次']);
    const proposed = (await ok(dispatcher.get('/api/work-orders?escalation=proposed'))) as unknown as {
      items: Array<{ id: number }>;
    };
    expect(proposed.items.map((i) => i.id)).toContain(order.id);

    order = await act(dispatcher, order, 'escalate', { reason: '催办和电话督办后仍未签收办理' });
    const supervisor = await t.as('supervisor');
    const queue = (await ok(supervisor.get('/api/work-orders?escalation=open'))) as unknown as {
      items: Array<{ id: number }>;
    };
    expect(queue.items.map((i) => i.id)).toContain(order.id);
    const inbox = (await ok(supervisor.get('/api/notifications'))) as unknown as {
      items: Array<{ kind: string }>;
    };
    expect(inbox.items[0]?.kind).toBe('escalated');
    let seen = await ok(supervisor.get(`/api/work-orders/${order.id}`));
    expect(seen.allowedActions).toEqual([
      'recordSupervisionFinding',
      'reportToLeaders',
      'concludeSupervision',
    ]);
    seen = await act(supervisor, seen, 'recordSupervisionFinding', {
      findings: '经实地督查,该局未安排专人负责热线工单。',
      measures: '约谈分管领导,限期整改',
    });
    seen = await act(supervisor, seen, 'reportToLeaders', {
      summary: '县自然资源局热线工单超期未办,已约谈分管领导。',
    });
    const leader = (await ok((await t.as('leader')).get('/api/notifications'))) as unknown as {
      items: Array<{ kind: string }>;
    };
    expect(leader.items[0]?.kind).toBe('reported_to_leaders');
    seen = await act(supervisor, seen, 'concludeSupervision', { conclusion: '该局已整改,工单已办结反馈。' });
    expect(seen.supervision.concludedAt).toBeTruthy();
    expect(seen.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'overdue',
        'urged',
        'phone_supervised',
        'escalated',
        'supervision_finding',
        'reported_to_leaders',
        'supervision_concluded',
      ]),
    );
    expect(seen.state).toBe('pending_sign');
    // The unit, the office and the leaders hear how it ended.
    for (const user of ['natres-a', 'dispatcher', 'leader']) {
      const inbox = (await ok((await t.as(user)).get('/api/notifications'))) as unknown as {
        items: Array<{ kind: string; body: string }>;
      };
      expect(inbox.items.find((n) => n.kind === 'supervision_concluded')?.body, user).toContain('该局已整改');
    }
  });

  it('a bulletin drafted from the period’s figures, edited, published to the units and exported', async () => {
    // A redo for poor quality in the period, besides the overdue order above.
    t.clock.set('2026-03-03T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'civil', [], { needsCitizenReply: false });
    order = await act(await t.as('civil-a'), order, 'sign');
    t.clock.advance(3600_000);
    order = await replySignedOff(await t.as('civil-a'), await t.as('civil-leader'), order, {
      reply: aReply(),
    });
    order = await act(await t.as('reviewer'), order, 'orderRedo', {
      reasons: ['poor_quality'],
      opinion: '答复没有说明政策依据的具体条款',
    });

    // Drafted on the period's last day, to see how it stands: not published on figures still moving.
    t.clock.set('2026-03-31T10:00:00+08:00');
    const reviewer = await t.as('reviewer');
    const early = (await ok(
      reviewer.post('/api/bulletins', { from: '2026-03-01', to: '2026-03-31' }),
      201,
    )) as unknown as Bulletin;
    expect(early.publishProblem).toBe('统计期到2026年3月31日才结束，2026年4月1日起才能发布。');
    await refused(
      reviewer.post(`/api/bulletins/${early.id}/publish`, { version: early.version }),
      422,
      'BULLETIN_PERIOD_NOT_OVER',
    );
    t.clock.set('2026-04-01T09:00:00+08:00');
    const stale = await refused(
      reviewer.post(`/api/bulletins/${early.id}/publish`, { version: early.version }),
      422,
      'BULLETIN_PERIOD_NOT_OVER',
    );
    expect(stale.message).toContain('请按同一统计期重新起草');
    let bulletin = (await ok(
      reviewer.post('/api/bulletins', { from: '2026-03-01', to: '2026-03-31' }),
      201,
    )) as unknown as Bulletin;
    expect(bulletin.publishProblem).toBeNull();
    expect(bulletin.status).toBe('draft');
    expect(bulletin.title).toBe('关于2026年3月1日至2026年3月31日全县12345市民服务热线工单办理情况的通报');
    const natres = bulletin.figures.units.find((u) => u.unitName === '县自然资源局');
    expect(natres?.overdue).toBe(1);
    const civil = bulletin.figures.units.find((u) => u.unitName.includes('民政'));
    expect(civil).toMatchObject({ redone: 1, poorReplies: 1 });
    expect(bulletin.body).toContain('县自然资源局1件');
    expect(bulletin.body).toContain('予以通报批评');

    const unit = await t.as('natres-a');
    await refused(unit.get(`/api/bulletins/${bulletin.id}`), 404, 'BULLETIN_NOT_FOUND');
    bulletin = (await ok(
      reviewer.put(`/api/bulletins/${bulletin.id}`, {
        version: bulletin.version,
        title: bulletin.title,
        body: `${bulletin.body}\n(经县热线办审定)`,
      }),
    )) as unknown as Bulletin;
    await refused(
      reviewer.post(`/api/bulletins/${bulletin.id}/publish`, { version: 1 }),
      409,
      'VERSION_CONFLICT',
    );
    bulletin = (await ok(
      reviewer.post(`/api/bulletins/${bulletin.id}/publish`, { version: bulletin.version }),
    )) as unknown as Bulletin;
    expect(bulletin.status).toBe('published');
    const inbox = (await ok(unit.get('/api/notifications'))) as unknown as { items: Array<{ kind: string }> };
    expect(inbox.items[0]?.kind).toBe('bulletin');
    await refused(
      reviewer.put(`/api/bulletins/${bulletin.id}`, {
        version: bulletin.version,
        title: bulletin.title,
        body: bulletin.body,
      }),
      409,
      'BULLETIN_PUBLISHED',
    );

    const cookie = await t.cookieOf('natres-a');
    const docx = await t.app.inject({
      method: 'GET',
      url: `/api/bulletins/${bulletin.id}/document?format=docx`,
      headers: { cookie },
    });
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain('全县12345市民服务热线工单办理情况的通报');
    expect(xml).toContain('县市民服务热线办公室');
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/bulletins/${bulletin.id}/document?format=pdf`,
      headers: { cookie },
    });
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);
  });

  it('numbers bulletins at publication, from 1 each year; refuses a period no bulletin covers', async () => {
    const reviewer = await t.as('reviewer');
    const publish = async (from: string, to: string) => {
      const draft = (await ok(reviewer.post('/api/bulletins', { from, to }), 201)) as unknown as Bulletin;
      expect(draft.number).toBe('（发布时编号）');
      return (await ok(
        reviewer.post(`/api/bulletins/${draft.id}/publish`, { version: draft.version }),
      )) as unknown as Bulletin;
    };
    t.clock.set('2026-12-30T10:00:00+08:00');
    const published2026 = (
      (await ok(reviewer.get('/api/bulletins'))) as unknown as { items: Bulletin[] }
    ).items
      .map((b) => b.number)
      .filter((n) => n.startsWith('热线通〔2026〕'));
    const december = await publish('2026-12-01', '2026-12-29');
    expect(december.number).toBe(`热线通〔2026〕${published2026.length + 1}号`);
    // A draft left unpublished takes no number.
    await ok(reviewer.post('/api/bulletins', { from: '2026-11-01', to: '2026-11-30' }), 201);
    t.clock.set('2027-01-04T10:00:00+08:00');
    expect((await publish('2026-10-01', '2026-12-31')).number).toBe('热线通〔2027〕1号');
    expect((await publish('2027-01-01', '2027-01-03')).number).toBe('热线通〔2027〕2号');

    for (const [from, to] of [
      ['1900-01-01', '1900-12-31'],
      ['2026-01-01', '2999-12-31'],
      ['2025-01-01', '2026-06-30'],
      ['2026-03-31', '2026-03-01'],
    ]) {
      await refused(reviewer.post('/api/bulletins', { from, to }), 400, 'PERIOD_INVALID');
    }
  });
});
