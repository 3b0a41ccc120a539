import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { act, aReply, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { uploadScan } from '../support/upload.js';

/** 签发 (notice 二(三)) and 阅批 (notice 四) through HTTP, each person with their own login. */
describe(`签发 and 阅批 (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const HOUR = 3600_000;
  const draft = () => ({ reply: aReply({ issuer: '' }) });
  const noticesOf = async (username: string) =>
    (
      (await ok((await t.as(username)).get('/api/notifications'))) as unknown as {
        items: Array<{ kind: string; title: string; body: string }>;
      }
    ).items;

  async function handling(unit = 'housing', order: Record<string, unknown> = {}) {
    const dispatched = await registeredAndDispatched(t, unit, [], { needsCitizenReply: false, ...order });
    return act(await t.as(`${unit}-a`), dispatched, 'sign');
  }

  it('the liaison drafts, the leader sees it in 待签发 and is told; sent back with a comment, then signed off', async () => {
    let order = await handling();
    const liaison = await t.as('housing-a');
    const leader = await t.as('housing-leader');
    await refused(
      liaison.post(`/api/work-orders/${order.id}/reply`, { version: order.version, ...draft() }),
      422,
      'SIGN_OFF_REQUIRED',
    );
    order = await act(liaison, order, 'submitForSignOff', draft());
    expect(order.state).toBe('pending_sign_off');
    expect(order.allowedActions).toEqual([]);
    expect(
      (await noticesOf('housing-leader')).some((n) => n.title === '答复待签发' && n.body.includes('刘雅琴')),
    ).toBe(true);
    const queue = (await ok(leader.get('/api/work-orders?state=pending_sign_off'))) as unknown as {
      items: Array<{ id: number }>;
    };
    expect(queue.items.map((i) => i.id)).toContain(order.id);
    const seen = await ok(leader.get(`/api/work-orders/${order.id}`));
    expect(seen.allowedActions).toEqual(['signOff', 'sendBackSignOff']);
    expect(seen.signOff.draft?.reply.findings).toBe(aReply().findings);

    await refused(
      leader.post(`/api/work-orders/${order.id}/send-back-sign-off`, {
        version: order.version,
        comment: '改',
      }),
      400,
      'SEND_BACK_COMMENT_REQUIRED',
    );
    order = await act(leader, order, 'sendBackSignOff', { comment: '请写明更换了几盏灯具,' });
    expect(order.state).toBe('handling');
    const back = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(back.signOff.draft?.sentBack).toMatchObject({
      byName: '冯振华',
      comment: '请写明更换了几盏灯具,',
    });
    expect(back.allowedActions).toContain('submitForSignOff');
    expect(
      (await noticesOf('housing-a')).some((n) => n.title === '答复被退回修改' && n.body.includes('几盏灯具')),
    ).toBe(true);

    t.clock.advance(HOUR);
    order = await act(liaison, back, 'submitForSignOff', {
      reply: aReply({ issuer: '', result: '我局已更换损坏的线路和3盏灯具,三盏路灯已于当日恢复照明。' }),
    });
    // a stale version is refused, not overwritten
    await refused(
      leader.post(`/api/work-orders/${order.id}/sign-off`, { version: order.version - 1 }),
      409,
      'VERSION_CONFLICT',
    );
    order = await act(leader, order, 'signOff');
    expect(order.state).toBe('pending_review');
    expect(order.reply).toMatchObject({ issuer: '冯振华', draftedBy: '刘雅琴' });
    const office = await ok((await t.as('reviewer')).get(`/api/work-orders/${order.id}`));
    expect(office.reply?.issuer).toBe('冯振华');
    expect(
      office.timeline.map((e) => e.type).filter((x) => x.startsWith('sign_off') || x === 'signed_off'),
    ).toEqual(['sign_off_requested', 'sign_off_sent_back', 'sign_off_requested', 'signed_off']);
    expect(office.timeline.find((e) => e.type === 'sign_off_sent_back')?.payload.comment).toBe(
      '请写明更换了几盏灯具,',
    );
  });

  it('who may not sign off: the liaison (403), a co-unit’s leader (403), another unit’s leader (404), the drafter (422)', async () => {
    const dispatched = await registeredAndDispatched(t, 'urban', ['police'], { needsCitizenReply: false });
    let order = await act(await t.as('urban-a'), dispatched, 'sign');
    order = await act(await t.as('urban-a'), order, 'submitForSignOff', draft());
    const body = { version: order.version };
    const path = `/api/work-orders/${order.id}/sign-off`;
    // the route's capability (workflow.signOff) already turns the liaison away
    const liaison = await refused((await t.as('urban-a')).post(path, body), 403, 'FORBIDDEN_ROLE');
    expect(liaison.message).toContain('签发');
    await refused((await t.as('police-leader')).post(path, body), 403, 'NOT_ALLOWED_FOR_ACTOR');
    await refused((await t.as('water-leader')).post(path, body), 404, 'ORDER_NOT_FOUND');
    const unchanged = await ok((await t.as('urban-a')).get(`/api/work-orders/${order.id}`));
    expect(unchanged.state).toBe('pending_sign_off');
    expect(unchanged.version).toBe(order.version);

    // a leader who drafted the reply cannot approve their own draft
    let own = await handling('hrss');
    own = await act(await t.as('hrss-leader'), own, 'submitForSignOff', draft());
    const error = await refused(
      (await t.as('hrss-leader')).post(`/api/work-orders/${own.id}/sign-off`, { version: own.version }),
      422,
      'SIGN_OFF_OWN_DRAFT',
    );
    expect(error.message).toContain('不能签发自己起草的答复');
    expect((await act(await t.as('hrss-chief'), own, 'signOff')).reply?.issuer).toBe(
      ((await ok((await t.as('hrss-chief')).get('/api/auth/me'))) as unknown as { name: string }).name,
    );
  });

  it('the office switches a unit to the typed issuer: the reply then needs the signed scan (签发件扫描件)', async () => {
    const dispatcher = await t.as('dispatcher');
    await refused(
      (await t.as('admin')).put(`/api/units/${t.unitId('water')}/sign-off-mode`, { mode: 'typed' }),
      403,
      'FORBIDDEN_ROLE',
    );
    await refused(
      dispatcher.put(`/api/units/${t.unitId('office')}/sign-off-mode`, { mode: 'typed' }),
      400,
      'UNIT_KIND_INVALID',
    );
    const set = await ok(dispatcher.put(`/api/units/${t.unitId('water')}/sign-off-mode`, { mode: 'typed' }));
    expect(set).toMatchObject({ signOffMode: 'typed', label: '手填签发人、附签发件扫描件' });
    const units = (await ok(dispatcher.get('/api/units'))) as unknown as {
      items: Array<{ code: string; signOffMode: string; signOffModeLabel: string }>;
      signOffModes: Array<{ value: string; label: string }>;
    };
    expect(units.signOffModes.map((m) => m.value)).toEqual(['leader', 'typed']);
    expect(units.items.find((u) => u.code === 'water')).toMatchObject({
      signOffMode: 'typed',
      signOffModeLabel: '手填签发人、附签发件扫描件',
    });
    expect(units.items.find((u) => u.code === 'town-gucheng')?.signOffMode).toBe('typed');
    expect(units.items.find((u) => u.code === 'housing')?.signOffMode).toBe('leader');

    let order: OrderDetail = await handling('water');
    expect(order.signOff.mode).toBe('typed');
    expect(order.allowedActions).toContain('reply');
    expect(order.allowedActions).not.toContain('submitForSignOff');
    const liaison = await t.as('water-a');
    const url = `/api/work-orders/${order.id}/reply`;
    await refused(
      liaison.post(url, { version: order.version, reply: aReply() }),
      400,
      'SIGNED_SCAN_REQUIRED',
    );
    const photo = await uploadScan(t, 'water-a', order.id, 'photo');
    await refused(
      liaison.post(url, { version: order.version, reply: aReply(), issuerScanAttachmentId: photo.id }),
      400,
      'ATTACHMENT_WRONG_PURPOSE',
    );
    const scan = await uploadScan(t, 'water-a', order.id, 'signed_reply');
    order = await ok(liaison.get(`/api/work-orders/${order.id}`));
    const noIssuer = await refused(
      liaison.post(url, {
        version: order.version,
        reply: aReply({ issuer: '' }),
        issuerScanAttachmentId: scan.id,
      }),
      400,
      'REPLY_NOT_STANDARD',
    );
    expect(noIssuer.message).toContain('签发人');
    order = await act(liaison, order, 'reply', { reply: aReply(), issuerScanAttachmentId: scan.id });
    expect(order.state).toBe('pending_review');
    expect(order.reply).toMatchObject({ issuer: '王建国', issuerScanAttachmentId: scan.id });
    await ok(dispatcher.put(`/api/units/${t.unitId('water')}/sign-off-mode`, { mode: 'leader' }));
  });

  it('阅批: an urgent order’s reply waits for the main leader; the office sees who read it and when', async () => {
    let order = await handling('housing', { urgency: 'urgent' });
    expect(order.leaderRead).toEqual({ required: true, at: null, byName: null, instruction: null });
    expect(
      (await noticesOf('housing-chief')).some((n) => n.title === '急件待阅批' && n.body.includes(order.code)),
    ).toBe(true);
    const liaison = await t.as('housing-a');
    const error = await refused(
      liaison.post(`/api/work-orders/${order.id}/submit-for-sign-off`, {
        version: order.version,
        ...draft(),
      }),
      422,
      'LEADER_READ_REQUIRED',
    );
    expect(error.message).toContain('主要负责人');
    await refused(
      (await t.as('housing-leader')).post(`/api/work-orders/${order.id}/leader-read`, {
        version: order.version,
      }),
      403,
      'FORBIDDEN_ROLE',
    );
    const chief = await t.as('housing-chief');
    expect((await ok(chief.get(`/api/work-orders/${order.id}`))).allowedActions).toContain('leaderRead');
    t.clock.advance(HOUR);
    order = await act(chief, order, 'leaderRead', { instruction: '今天必须派人到现场,明天前答复。' });
    const office = await ok((await t.as('dispatcher')).get(`/api/work-orders/${order.id}`));
    expect(office.leaderRead).toMatchObject({
      required: true,
      instruction: '今天必须派人到现场,明天前答复。',
    });
    expect(office.leaderRead.byName).toBeTruthy();
    expect(office.leaderRead.at).toBe(t.clock.now().toISOString());
    const event = office.timeline.find((e) => e.type === 'leader_read');
    expect(event).toMatchObject({ label: '主要负责人阅批', actorName: office.leaderRead.byName });
    await refused(
      chief.post(`/api/work-orders/${order.id}/leader-read`, { version: order.version }),
      422,
      'LEADER_READ_DONE',
    );
    order = await act(liaison, order, 'submitForSignOff', draft());
    expect(order.state).toBe('pending_sign_off');
  });
});

/** A unit whose leaders have no active account cannot sign off: the draft is refused, not stranded. */
describe(`签发 with no leader in office (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('refuses the draft with what to do, and takes it once a leader has an account again', async () => {
    const secadmin = await t.as('secadmin');
    const all = (await ok(secadmin.get('/api/users'))) as unknown as {
      items: Array<
        { id: number; unitId: number; roles: string[]; active: boolean } & Record<string, unknown>
      >;
    };
    const leaders = all.items.filter(
      (u) =>
        u.unitId === t.unitId('housing') &&
        u.active &&
        u.roles.some((r) => r === 'unit_leader' || r === 'unit_main_leader'),
    );
    expect(leaders.length).toBeGreaterThan(0);
    const setActive = async (active: boolean) => {
      for (const { id, unitName: _n, roleLabels: _l, version: _v, ...u } of leaders)
        await ok(secadmin.put(`/api/users/${id}`, { ...u, active }));
    };
    await setActive(false);
    const dispatched = await registeredAndDispatched(t, 'housing', [], { needsCitizenReply: false });
    const liaison = await t.as('housing-a');
    const order = await act(liaison, dispatched, 'sign');
    const error = await refused(
      liaison.post(`/api/work-orders/${order.id}/submit-for-sign-off`, {
        version: order.version,
        reply: aReply({ issuer: '' }),
      }),
      422,
      'NO_SIGNING_LEADER',
    );
    expect(error.message).toContain('安全管理员');
    const unchanged = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(unchanged.state).toBe('handling');
    expect(unchanged.version).toBe(order.version);

    await setActive(true);
    const submitted = await act(liaison, order, 'submitForSignOff', { reply: aReply({ issuer: '' }) });
    expect(submitted.state).toBe('pending_sign_off');
  });
});
