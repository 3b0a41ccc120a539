import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, anOrder, aReply, contact, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

describe(`refusals say why and change nothing (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  async function signedOrder(order: Record<string, unknown> = {}) {
    const dispatched = await registeredAndDispatched(t, 'housing', [], order);
    return act(await t.as('housing-a'), dispatched, 'sign');
  }

  it('explains out-of-range and wrongly typed fields in plain Chinese, once each', async () => {
    const secadmin = await t.as('secadmin');
    const current = await ok(secadmin.get('/api/settings/security'));
    const tooShort = await refused(
      secadmin.put('/api/settings/security', { ...current, idleMinutes: 2, absoluteHours: 48 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(tooShort.message).toContain('会话闲置时长：不能小于 5');
    expect(tooShort.message).toContain('会话最长时间：不能大于 24');
    expect(tooShort.message).not.toMatch(/期望|number/);
    const dispatcher = await t.as('dispatcher');
    const wrong = await refused(
      dispatcher.post('/api/assistant/repeats', { title: '漏'.repeat(61), categoryId: '三' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(wrong.message).toContain('标题不能超过 60 个字');
    expect(wrong.message).toContain('诉求分类须为分类编号');
    expect(await ok(secadmin.get('/api/settings/security'))).toEqual(current);
  });

  it('a one-sentence reply is refused with a message naming what is missing', async () => {
    const order = await signedOrder({ needsCitizenReply: false });
    const liaison = await t.as('housing-a');
    const error = await refused(
      liaison.post(`/api/work-orders/${order.id}/submit-for-sign-off`, {
        version: order.version,
        reply: {
          findings: '您反映的问题已转交相关部门处理。',
          result: '',
          basis: '',
          issuer: '王建国',
          handlerName: '刘雅琴',
          handlerPhone: '0972-8521234',
        },
      }),
      400,
      'REPLY_NOT_STANDARD',
    );
    for (const part of ['办理情况', '处理结果', '政策依据']) expect(error.message).toContain(part);
    const fields = (
      (error as { details?: { problems: Array<{ field: string }> } }).details?.problems ?? []
    ).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['findings', 'result', 'basis']));
    const after = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(after.state).toBe('handling');
    expect(after.version).toBe(order.version);
    expect(after.reply).toBeNull();
  });

  it('checks a reply draft without saving it, with the same rules as the reply itself', async () => {
    const order = await signedOrder({ needsCitizenReply: true });
    const liaison = await t.as('housing-a');
    const draft = (await ok(
      liaison.post(`/api/work-orders/${order.id}/reply/check`, { reply: aReply({ findings: '已收悉。' }) }),
    )) as unknown as { problems: Array<{ field: string }> };
    expect(draft.problems.map((p) => p.field)).toEqual(['findings', 'citizenContact']);
    const after = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(after.version).toBe(order.version);
    await refused(
      (await t.as('eco-a')).post(`/api/work-orders/${order.id}/reply/check`, { reply: aReply() }),
      404,
      'ORDER_NOT_FOUND',
    );
  });

  it('a reply without first answering the citizen is refused when the citizen must be answered', async () => {
    const order = await signedOrder({ needsCitizenReply: true });
    const liaison = await t.as('housing-a');
    const error = await refused(
      liaison.post(`/api/work-orders/${order.id}/submit-for-sign-off`, {
        version: order.version,
        reply: aReply(),
      }),
      400,
      'CITIZEN_NOT_ANSWERED',
    );
    expect(error.message).toContain('严禁未经反馈群众直接向热线办答复');
    t.clock.advance(3600_000);
    // Typed in Beijing time, kept in UTC like every instant (the city reads them in one form).
    const minuteAgo = new Date(t.clock.now().getTime() - 60_000);
    const typed = `${new Date(minuteAgo.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
    const replied = await act(liaison, order, 'submitForSignOff', {
      reply: aReply({ citizenContact: contact(typed) }),
    });
    expect(replied.state).toBe('pending_sign_off');
    expect(replied.signOff.draft?.reply.citizenContact?.contactedAt).toBe(
      new Date(Math.floor(minuteAgo.getTime() / 1000) * 1000).toISOString(),
    );
  });

  it('a unit acting out of turn is told which state allows it', async () => {
    const order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    const error = await refused(
      liaison.post(`/api/work-orders/${order.id}/reply`, { version: order.version, reply: aReply() }),
      409,
      'INVALID_STATE',
    );
    expect(error.message).toContain('待签收');
    expect(error.message).toContain('办理中');
  });

  it('a co-unit cannot reply for the lead', async () => {
    const order = await registeredAndDispatched(t, 'urban', ['police']);
    const police = await t.as('police-a');
    const error = await refused(
      police.post(`/api/work-orders/${order.id}/sign`, { version: order.version }),
      403,
      'NOT_ALLOWED_FOR_ACTOR',
    );
    expect(error.message).toContain('牵头单位');
  });

  it('a refusal names the field as people know it; two phone numbers fit the handler’s phone', async () => {
    const order = await signedOrder({ needsCitizenReply: false });
    const liaison = await t.as('housing-a');
    const long = await refused(
      liaison.post(`/api/work-orders/${order.id}/reply/check`, {
        reply: aReply({ handlerPhone: '1'.repeat(61) }),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(long.message).toContain('承办人电话：不能超过 60 个字');
    expect(long.message).not.toContain('handlerPhone');
    const two = await liaison.post(`/api/work-orders/${order.id}/reply/check`, {
      reply: aReply({ handlerPhone: '13912345678(微信同号)、0972-8521050' }),
    });
    expect(two.statusCode, two.body).toBe(200);
  });

  it('a reply whose citizen contact has no time is told to fill it in, not shown a format', async () => {
    const order = await signedOrder({ needsCitizenReply: true });
    const liaison = await t.as('housing-a');
    const res = await liaison.post(`/api/work-orders/${order.id}/reply/check`, {
      reply: aReply({ citizenContact: { ...contact(t.clock.now().toISOString()), contactedAt: '' } }),
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as {
      error: { details: { fields: Array<{ field: string; message: string }> } };
    };
    expect(error.details.fields).toEqual([
      { field: 'body.reply.citizenContact.contactedAt', message: '请填写答复群众的时间' },
    ]);
  });

  it('bad input gets 400 with the fields named in Chinese, and nothing is registered', async () => {
    const dispatcher = await t.as('dispatcher');
    const before = (await ok(dispatcher.get('/api/work-orders?pageSize=1'))) as unknown as { total: number };
    const res = await dispatcher.post(
      '/api/work-orders',
      anOrder({ title: '', type: 'nonsense', citizenPhone: 'abc' }),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json() as {
      error: { code: string; message: string; details: { fields: Array<{ field: string }> } };
    };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(body.error.details.fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(['body.title', 'body.type', 'body.citizenPhone']),
    );
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: { cookie: await t.cookieOf('dispatcher'), 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { code: string } }).error.code).toBe('INVALID_JSON');
    const after = (await ok(dispatcher.get('/api/work-orders?pageSize=1'))) as unknown as { total: number };
    expect(after.total).toBe(before.total);
  });

  it('text of punctuation or invisible characters only is no text: refused, nothing changed', async () => {
    const zeroWidth = '\u200b'.repeat(12);
    const dispatcher = await t.as('dispatcher');
    const before = (await ok(dispatcher.get('/api/work-orders?pageSize=1'))) as unknown as { total: number };
    const res = await dispatcher.post(
      '/api/work-orders',
      anOrder({ citizenName: '\u200b', title: '。。。。', content: zeroWidth }),
    );
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { error: { details: { fields: Array<{ field: string }> } } }).error.details
      .fields;
    expect(fields.map((f) => f.field).sort()).toEqual(['body.citizenName', 'body.content', 'body.title']);
    const after = (await ok(dispatcher.get('/api/work-orders?pageSize=1'))) as unknown as { total: number };
    expect(after.total).toBe(before.total);

    const order = await signedOrder();
    const liaison = await t.as('housing-a');
    for (const content of [zeroWidth, '。。。。。。。。。。。', '，，，。。。！！！；；；']) {
      await refused(
        liaison.post(`/api/work-orders/${order.id}/report-progress`, { version: order.version, content }),
        400,
        'PROGRESS_TOO_SHORT',
      );
    }
    const fresh = await ok(dispatcher.post('/api/work-orders', anOrder()), 201);
    await refused(
      dispatcher.post(`/api/work-orders/${fresh.id}/void`, {
        version: fresh.version,
        reason: '\u200b\u200b\u200b\u200b\u200b',
      }),
      400,
      'VOID_REASON_REQUIRED',
    );
    expect((await ok(liaison.get(`/api/work-orders/${order.id}`))).version).toBe(order.version);
    expect((await ok(dispatcher.get(`/api/work-orders/${fresh.id}`))).state).toBe('pending_dispatch');
  });

  it('dispatch refuses a unit that cannot handle orders, and a leader-instructed order without a deadline', async () => {
    const dispatcher = await t.as('dispatcher');
    const order = await ok(
      dispatcher.post(
        '/api/work-orders',
        anOrder({ urgency: 'leader', leaderInstruction: '请住建局三日内办结' }),
      ),
      201,
    );
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/dispatch`, {
        version: order.version,
        leadUnitId: t.unitId('supervision'),
      }),
      400,
      'UNIT_KIND_INVALID',
    );
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/dispatch`, {
        version: order.version,
        leadUnitId: t.unitId('housing'),
      }),
      400,
      'LEADER_DEADLINE_REQUIRED',
    );
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/dispatch`, {
        version: order.version,
        leadUnitId: t.unitId('housing'),
        coUnitIds: [t.unitId('housing')],
        leaderDeadline: '2026-03-05T18:00:00+08:00',
      }),
      400,
      'LEAD_ALSO_CO_UNIT',
    );
    const dispatched = await act(dispatcher, order, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      leaderDeadline: '2026-03-05T18:00:00+08:00',
    });
    expect(dispatched.handleBy).toBe('2026-03-05T10:00:00.000Z');
    await refused(
      dispatcher.post('/api/work-orders', anOrder({ urgency: 'leader' })),
      400,
      'LEADER_INSTRUCTION_REQUIRED',
    );
  });

  it('the city deadline caps every county deadline, and the dispatcher is warned beforehand', async () => {
    const dispatcher = await t.as('dispatcher');
    const order = await ok(
      dispatcher.post(
        '/api/work-orders',
        anOrder({
          channel: 'city_platform',
          cityOrderNo: 'SZ-CAP-1',
          cityDeadline: '2026-03-04T18:00:00+08:00',
        }),
      ),
      201,
    );
    const preview = (await ok(
      dispatcher.get(`/api/work-orders/${order.id}/dispatch-preview`),
    )) as unknown as {
      handleBy: string;
      warning: string | null;
      clippedByCity: string[];
    };
    expect(preview.handleBy).toBe('2026-03-04T18:00:00+08:00');
    expect(preview.clippedByCity).toContain('handle');
    expect(preview.warning).toContain('市平台');
    const dispatched = await act(dispatcher, order, 'dispatch', { leadUnitId: t.unitId('housing') });
    expect(dispatched.handleBy).toBe('2026-03-04T10:00:00.000Z');
    await refused(
      dispatcher.post('/api/work-orders', anOrder({ channel: 'city_platform', cityOrderNo: 'SZ-CAP-1' })),
      409,
      'DUPLICATE_CITY_ORDER',
    );
  });
});
