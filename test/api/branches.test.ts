import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import {
  act,
  anOrder,
  aReply,
  contact,
  ok,
  refused,
  registeredAndDispatched,
  replySignedOff,
} from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { uploadScan } from '../support/upload.js';

const HOUR = 3600_000;

describe(`return, extension, co-unit and redo paths (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('return within the window, approved, then re-dispatched to the suggested unit', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'housing');
    expect(order.deadlines.return.at).toBe('2026-03-03T16:00:00.000Z');
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'requestReturn', {
      reason: '路灯由县城管局负责维护,不属于本单位职责',
      suggestedUnit: '县城市管理综合行政执法局',
    });
    expect(order.state).toBe('return_requested');
    expect(order.allowedActions).toEqual([]);

    const dispatcher = await t.as('dispatcher');
    order = await act(dispatcher, order, 'approveReturn', { opinion: '同意,改派城管局' });
    expect(order.state).toBe('pending_dispatch');
    expect(order.leadUnit).toBeNull();
    await refused(liaison.get(`/api/work-orders/${order.id}`), 404, 'ORDER_NOT_FOUND');
    // It is told the order is taken back: its last word is not 「新工单待签收」.
    const notices = (await ok(liaison.get('/api/notifications'))) as unknown as {
      items: Array<{ title: string; body: string }>;
    };
    expect(notices.items[0]?.title).toBe('回退申请已同意');
    expect(notices.items[0]?.body).toContain('工单已由县热线办收回另行派发，贵单位无须再办理');
    // The office's list says it came back by a return, so the next unit is chosen knowing why.
    const waiting = (await ok(dispatcher.get('/api/work-orders?state=pending_dispatch'))) as unknown as {
      items: Array<{ id: number; returnCount: number }>;
    };
    expect(waiting.items.find((i) => i.id === order.id)?.returnCount).toBe(1);

    order = await act(dispatcher, order, 'dispatch', { leadUnitId: t.unitId('urban'), coUnitIds: [] });
    expect(order.leadUnit?.name).toBe('县城市管理综合行政执法局');
    const urban = await t.as('urban-a');
    order = await act(urban, order, 'sign');
    expect(order.state).toBe('handling');
    expect(order.counts.returns).toBe(1);
  });

  it('a rejected return goes back to where it was, and its deadline did not stop', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'housing');
    const handleBy = order.handleBy;
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'sign');
    order = await act(liaison, order, 'requestReturn', {
      reason: '小区供水管网由县水务局负责维护,不属于本单位职责范围',
      suggestedUnit: '县水务局',
    });
    const dispatcher = await t.as('dispatcher');
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/reject-return`, { version: order.version, opinion: '' }),
      400,
      'OPINION_REQUIRED',
    );
    order = await act(dispatcher, order, 'rejectReturn', { opinion: '经核实属于住建局职责,请继续办理' });
    expect(order.state).toBe('handling');
    expect(order.handleBy).toBe(handleBy);
    // The office has ruled: the same return cannot be asked again at once, though the day is not over.
    const seen = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(seen.allowedActions).not.toContain('requestReturn');
    await refused(
      liaison.post(`/api/work-orders/${order.id}/request-return`, {
        version: order.version,
        reason: '小区供水管网由县水务局负责维护,不属于本单位职责范围',
        suggestedUnit: '县水务局',
      }),
      422,
      'RETURN_WINDOW_CLOSED',
    );
  });

  it('a return must say why and to which unit: stock phrases and 「其他部门」 are refused, nothing changes', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    const asked = (reason: string, suggestedUnit: string) =>
      liaison.post(`/api/work-orders/${order.id}/request-return`, {
        version: order.version,
        reason,
        suggestedUnit,
      });
    for (const [reason, unit, code] of [
      ['不归我们管', '县水务局', 'RETURN_REASON_REQUIRED'],
      ['不属于本单位职责范围', '县水务局', 'RETURN_REASON_REQUIRED'],
      ['经核实,该事项不属于我单位职责', '县水务局', 'RETURN_REASON_REQUIRED'],
      ['小区供水管网由县水务局负责维护', '其他部门', 'RETURN_SUGGESTION_REQUIRED'],
      ['小区供水管网由县水务局负责维护', '供水', 'RETURN_SUGGESTION_REQUIRED'],
      // The returning unit itself, by its name (县 or not), a synonym or a piece picked half-typed.
      ['小区供水管网由县水务局负责维护', '县住房和城乡建设局', 'RETURN_SUGGESTION_SELF'],
      ['小区供水管网由县水务局负责维护', '住房和城乡建设局', 'RETURN_SUGGESTION_SELF'],
      ['小区供水管网由县水务局负责维护', '住房和城乡', 'RETURN_SUGGESTION_SELF'],
    ] as const) {
      const refusal = await refused(asked(reason, unit), 400, code);
      expect(refusal.message).toMatch(/请写明/);
    }
    const still = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect([still.state, still.version]).toEqual(['pending_sign', order.version]);
    const done = await ok(asked('小区供水管网由县水务局负责维护', '县水务局'));
    expect(done.state).toBe('return_requested');
  });

  it('past the return window the unit cannot return the order, and is told until when it could', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const order = await registeredAndDispatched(t, 'housing');
    t.clock.set('2026-03-04T00:00:01+08:00');
    const liaison = await t.as('housing-a');
    const seen = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(seen.allowedActions).toEqual(['sign']);
    const error = await refused(
      liaison.post(`/api/work-orders/${order.id}/request-return`, {
        version: order.version,
        reason: '小区供水管网由县水务局负责维护,不属于本单位职责范围',
        suggestedUnit: '县水务局',
      }),
      422,
      'RETURN_WINDOW_CLOSED',
    );
    expect(error.message).toContain('2026-03-03 24:00');
    const after = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(after.state).toBe('pending_sign');
  });

  it('extension: requested with the main leader’s signed scan, approved with a new deadline', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'sign');
    await refused(
      liaison.post(`/api/work-orders/${order.id}/request-extension`, {
        version: order.version,
        reason: '需要协调供电公司更换变压器,工期较长',
        requestedDeadline: '2026-03-16T23:59:00+08:00',
        mainLeaderName: '赵志刚',
        scanAttachmentId: 999999,
      }),
      400,
      'ATTACHMENT_REQUIRED',
    );
    const scan = await uploadScan(t, 'housing-a', order.id, 'extension_scan');
    // The signature is a person's: a title is no name (phone review).
    for (const title of ['局长', '赵局长', '主要负责人'])
      await refused(
        liaison.post(`/api/work-orders/${order.id}/request-extension`, {
          version: order.version,
          reason: '需要协调供电公司更换变压器,工期较长',
          requestedDeadline: '2026-03-16T23:59:00+08:00',
          mainLeaderName: title,
          scanAttachmentId: scan.id,
        }),
        400,
        'MAIN_LEADER_SIGNATURE_REQUIRED',
      );
    order = await act(liaison, await ok(liaison.get(`/api/work-orders/${order.id}`)), 'requestExtension', {
      reason: '需要协调供电公司更换变压器,工期较长',
      requestedDeadline: '2026-03-16T23:59:00+08:00',
      mainLeaderName: '赵志刚',
      scanAttachmentId: scan.id,
    });
    expect(order.pendingExtension?.mainLeaderName).toBe('赵志刚');
    await refused(
      liaison.post(`/api/work-orders/${order.id}/request-extension`, {
        version: order.version,
        reason: '再次申请延期的理由说明',
        requestedDeadline: '2026-03-20T23:59:00+08:00',
        mainLeaderName: '赵志刚',
        scanAttachmentId: scan.id,
      }),
      422,
      'EXTENSION_ALREADY_PENDING',
    );
    const dispatcher = await t.as('dispatcher');
    order = await act(dispatcher, order, 'approveExtension', { opinion: '同意延期' });
    expect(order.handleBy).toBe('2026-03-16T15:59:00.000Z');
    expect(order.counts.extensions).toBe(1);
    expect(order.pendingExtension).toBeNull();
    order = await act(liaison, order, 'reportProgress', { content: '变压器已订货,预计下周三完成更换。' });
    expect(order.timeline.at(-1)?.type).toBe('progress_reported');
  });

  it('an extension asked to end on a rest day ends on the next working day instead', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'sign');
    const scan = await uploadScan(t, 'housing-a', order.id, 'extension_scan');
    // Saturday 03-14, 24:00: the period ends on Monday 03-16 at 24:00.
    order = await act(liaison, order, 'requestExtension', {
      reason: '需要协调供电公司更换变压器,工期较长',
      requestedDeadline: '2026-03-15T00:00:00+08:00',
      mainLeaderName: '赵志刚',
      scanAttachmentId: scan.id,
    });
    expect(order.pendingExtension?.requestedDeadline).toBe('2026-03-16T16:00:00.000Z');
    // The office grants Sunday 03-15 instead: the same Monday.
    order = await act(await t.as('dispatcher'), order, 'approveExtension', {
      opinion: '同意延期',
      newDeadline: '2026-03-15T12:00:00+08:00',
    });
    expect(order.handleBy).toBe('2026-03-16T16:00:00.000Z');
    // The unit is told the new date, and when its first progress report is due.
    const notices = (await ok(liaison.get('/api/notifications'))) as unknown as {
      items: Array<{ title: string; body: string }>;
    };
    const granted = notices.items.find((n) => n.title === '延期申请已同意');
    expect(granted?.body).toContain('办理期限延至 2026-03-16 24:00');
    expect(granted?.body).toMatch(/请在 \d{4}-\d{2}-\d{2} 24:00 前报告办理进展/);
  });

  it('an extension cannot be asked for once the deadline has passed', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'sign');
    const scan = await uploadScan(t, 'housing-a', order.id, 'extension_scan');
    t.clock.set('2026-03-10T08:00:00+08:00');
    order = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(order.deadlineStatus).toBe('overdue');
    await refused(
      liaison.post(`/api/work-orders/${order.id}/request-extension`, {
        version: order.version,
        reason: '需要协调供电公司更换变压器,工期较长',
        requestedDeadline: '2026-03-16T23:59:00+08:00',
        mainLeaderName: '赵志刚',
        scanAttachmentId: scan.id,
      }),
      422,
      'EXTENSION_TOO_LATE',
    );
  });

  it('co-units sign and give their opinion before their earlier deadline; a silent co-unit is recorded', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'urban', ['police', 'market']);
    expect(order.deadlines.coUnit.at).toBe('2026-03-05T16:00:00.000Z');
    expect(new Date(order.deadlines.coUnit.at as string) < new Date(order.handleBy as string)).toBe(true);
    const police = await t.as('police-a');
    let seen = await ok(police.get(`/api/work-orders/${order.id}`));
    expect(seen.allowedActions).toEqual(['coSign', 'coReturn']);
    seen = await act(police, seen, 'coSign');
    await refused(
      police.post(`/api/work-orders/${order.id}/co-opinion`, { version: seen.version, content: '同意' }),
      400,
      'OPINION_TOO_SHORT',
    );
    seen = await act(police, seen, 'coOpinion', {
      content: '城关派出所已调取监控，咬人犬只系附近居民散养，已找到犬主。',
    });
    const lead = await t.as('urban-a');
    order = await act(lead, seen, 'sign');
    // After the co-units' own deadline (Thu 03-05 24:00): the one without an opinion is late.
    t.clock.set('2026-03-06T10:00:00+08:00');
    order = await replySignedOff(lead, await t.as('urban-leader'), order, {
      reply: aReply({
        handlerName: '城管队员',
        citizenContact: contact(new Date(t.clock.now().getTime() - HOUR).toISOString()),
      }),
    });
    expect(order.state).toBe('pending_review');
    const silent = order.timeline.filter((e) => e.type === 'co_unit_silent');
    expect(silent).toHaveLength(1);
    expect(silent[0]?.payload.unitId).toBe(t.unitId('market'));
    expect(order.assignments.find((a) => a.unitId === t.unitId('market'))?.silent).toBe(true);
    expect(order.assignments.find((a) => a.unitId === t.unitId('police'))?.silent).toBe(false);
  });

  it('redo after an unsatisfied callback, with its own 5 working days; close after a second callback', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    const reviewer = await t.as('reviewer');
    order = await act(liaison, order, 'sign');
    t.clock.advance(4 * HOUR);
    order = await replySignedOff(liaison, await t.as('housing-leader'), order, {
      reply: aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - HOUR).toISOString()) }),
    });
    order = await act(reviewer, order, 'acceptReview');
    await refused(
      reviewer.post(`/api/work-orders/${order.id}/order-redo`, {
        version: order.version,
        reasons: ['unclear'],
        opinion: '答复不清楚,需重新办理',
      }),
      422,
      'REDO_NEEDS_UNSATISFIED_CALLBACK',
    );
    await refused(
      reviewer.post(`/api/work-orders/${order.id}/close`, { version: order.version }),
      422,
      'CALLBACK_REQUIRED',
    );
    order = await act(reviewer, order, 'callback', { result: 'unsatisfied', note: '群众说路灯又坏了' });
    t.clock.set('2026-03-06T10:00:00+08:00');
    order = await act(reviewer, order, 'orderRedo', {
      reasons: ['citizen_unsatisfied'],
      opinion: '路灯再次损坏,请彻底检修线路',
    });
    expect(order.state).toBe('handling');
    // Friday 2026-03-06 + 5 working days: Friday 2026-03-13.
    expect(order.handleBy).toBe('2026-03-13T16:00:00.000Z');
    expect(order.counts.redos).toBe(1);
    t.clock.advance(2 * HOUR);
    order = await replySignedOff(liaison, await t.as('housing-leader'), order, {
      reply: aReply({ citizenContact: contact(new Date(t.clock.now().getTime() - HOUR).toISOString()) }),
    });
    order = await act(reviewer, order, 'acceptReview');
    order = await act(reviewer, order, 'callback', { result: 'basically_satisfied' });
    order = await act(reviewer, order, 'close');
    expect(order.state).toBe('closed');
  });

  it('an unsatisfied order beyond policy can be closed only with an explanation', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    const reviewer = await t.as('reviewer');
    order = await act(liaison, order, 'sign');
    t.clock.advance(HOUR);
    order = await replySignedOff(liaison, await t.as('housing-leader'), order, {
      reply: aReply({
        unreasonableDemand: true,
        explanation: '已向群众说明路灯改造需纳入明年计划,当前无法满足其增设路灯的要求。',
        citizenContact: contact(new Date(t.clock.now().getTime() - 1000).toISOString()),
      }),
    });
    order = await act(reviewer, order, 'acceptReview');
    order = await act(reviewer, order, 'callback', { result: 'unsatisfied', note: '群众坚持要求增设路灯' });
    const explanation = '群众诉求超出现行政策,单位已做好解释说服工作。';
    await refused(
      reviewer.post(`/api/work-orders/${order.id}/close`, { version: order.version, beyondPolicy: true }),
      400,
      'CLOSE_EXPLANATION_REQUIRED',
    );
    // the explanation without the office's finding that the demand is beyond policy: refused, unchanged
    await refused(
      reviewer.post(`/api/work-orders/${order.id}/close`, { version: order.version, explanation }),
      400,
      'CLOSE_NEEDS_BEYOND_POLICY',
    );
    order = await act(reviewer, order, 'close', { explanation, beyondPolicy: true });
    expect(order.state).toBe('closed');
  });

  it('the office records a faxed reply on the unit’s behalf, with the scan, marked as such', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'town-qiaotou', [], { needsCitizenReply: false });
    const scan = await uploadScan(t, 'dispatcher', order.id, 'fax_reply');
    const dispatcher = await t.as('dispatcher');
    t.clock.set('2026-03-02T16:00:00+08:00');
    order = await ok(dispatcher.get(`/api/work-orders/${order.id}`));
    order = await act(dispatcher, order, 'recordFaxReply', {
      reply: aReply(),
      scanAttachmentId: scan.id,
      faxReceivedAt: '2026-03-02T15:00:00+08:00',
    });
    expect(order.state).toBe('pending_review');
    expect(order.reply?.viaFax).toBe(true);
    expect(order.timeline.at(-1)?.type).toBe('fax_reply_recorded');
  });

  it('a fax entered after the deadline it came before is a late entry (补录): refused without why, kept with it', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    let order = await registeredAndDispatched(t, 'town-qiaotou', [], { needsCitizenReply: false });
    const scan = await uploadScan(t, 'dispatcher', order.id, 'fax_reply');
    // Received the day after dispatch; typed in a week later, the order past its deadline.
    t.clock.set('2026-03-13T10:00:00+08:00');
    const dispatcher = await t.as('dispatcher');
    order = await ok(dispatcher.get(`/api/work-orders/${order.id}`));
    const body = { reply: aReply(), scanAttachmentId: scan.id, faxReceivedAt: '2026-03-03T15:00:00+08:00' };
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/record-fax-reply`, { version: order.version, ...body }),
      400,
      'FAX_BACKDATE_REASON_REQUIRED',
    );
    const reason = '传真件误放在档案柜,整理文件时发现';
    order = await act(dispatcher, order, 'recordFaxReply', { ...body, backdateReason: reason });
    const event = order.timeline.at(-1);
    expect(event?.type).toBe('fax_reply_recorded');
    expect(event?.payload).toMatchObject({
      late: false,
      backdated: { recordedAt: '2026-03-13T02:00:00.000Z', reason },
    });
  });

  it('a merged caller is the target’s to answer: listed on its page as its viewer may see them, its lead told', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const target = await registeredAndDispatched(t, 'housing');
    const dispatcher = await t.as('dispatcher');
    let second = await ok(
      dispatcher.post(
        '/api/work-orders',
        anOrder({
          citizenName: '赵先生',
          citizenPhone: '13519720088',
          title: '滨河苑小区垃圾无人清理',
          content: '滨河苑小区垃圾一周没人清理,电梯也经常坏,回电13519720088。',
        }),
      ),
      201,
    );
    second = await act(dispatcher, second, 'merge', {
      intoCode: target.code,
      reason: '同一小区物业服务问题',
    });
    const seen = async (user: string) =>
      (await ok((await t.as(user)).get(`/api/work-orders/${target.id}`))) as unknown as OrderDetail;
    const unit = await seen('housing-a');
    expect(unit.mergedOrders).toEqual([
      expect.objectContaining({
        code: second.code,
        citizenName: '赵先生',
        citizenPhone: '135****0088',
        content: '滨河苑小区垃圾一周没人清理,电梯也经常坏,回电135****0088。',
      }),
    ]);
    expect(unit.timeline.at(-1)).toMatchObject({
      type: 'merge_received',
      payload: { fromCode: second.code, reason: '同一小区物业服务问题' },
    });
    // The office, which calls every caller back, reads the number whole.
    expect((await seen('dispatcher')).mergedOrders[0]?.citizenPhone).toBe('13519720088');
    const notices = (await ok((await t.as('housing-a')).get('/api/notifications?limit=20'))) as unknown as {
      items: Array<{ title: string; body: string }>;
    };
    expect(notices.items.find((n) => n.title === '合并来电')?.body).toContain(second.code);
  });

  it('void and merge by the office', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const first = await registeredAndDispatched(t, 'housing');
    let second = await registeredAndDispatched(t, 'housing');
    const dispatcher = await t.as('dispatcher');
    await refused(
      dispatcher.post(`/api/work-orders/${second.id}/merge`, {
        version: second.version,
        intoCode: 'HY000',
        reason: '重复来电',
      }),
      400,
      'MERGE_TARGET_INVALID',
    );
    second = await act(dispatcher, second, 'merge', { intoCode: first.code, reason: '同一事项重复来电' });
    expect(second.state).toBe('voided');
    expect(second.mergedInto?.code).toBe(first.code);
    expect(second.timeline.find((e) => e.type === 'merged')?.payload).toEqual({
      intoOrderId: first.id,
      intoCode: first.code,
      reason: '同一事项重复来电',
    });
    const voided = await act(dispatcher, first, 'void', { reason: '来电人撤回诉求' });
    expect(voided.state).toBe('voided');
    await refused(
      dispatcher.post(`/api/work-orders/${first.id}/void`, { version: voided.version, reason: '再次作废' }),
      409,
      'INVALID_STATE',
    );
  });
});
