import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, aReply, ok, refused, registeredAndDispatched, replySignedOff } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/** Replies judged on substance, through the draft check and through submitting the reply. */
describe(`one-sentence replies are refused on substance (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  async function signedOrder() {
    const dispatched = await registeredAndDispatched(t, 'housing', [], { needsCitizenReply: false });
    return act(await t.as('housing-a'), dispatched, 'sign');
  }
  async function problemFields(orderId: number, reply: Record<string, unknown>) {
    const liaison = await t.as('housing-a');
    const res = await liaison.post(`/api/work-orders/${orderId}/reply/check`, { reply: aReply(reply) });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { problems: Array<{ field: string }> }).problems.map((p) => p.field);
  }

  it('the issue’s compliment-plus-transfer reply is refused in both parts, full-width punctuation and all', async () => {
    const order = await signedOrder();
    const fields = await problemFields(order.id, {
      findings: '您好，您反映的问题我局已高度重视，已转交相关部门调查处置，请耐心等待。',
      result: '已转交相关部门处理，后续将及时跟进。',
    });
    expect(fields).toEqual(['findings', 'result']);
  });

  it('each kind of formula is refused in either field; a transfer followed by what was done passes', async () => {
    const order = await signedOrder();
    const formulas = [
      '已移交属地镇政府核查。',
      '现已转给教育部门按规定办理',
      '建议您拨打相关服务热线咨询。',
      '可登录政务网站查询',
      '您的留言我们已经看到。',
      '您好，现答复如下：',
      '2026年11月20日',
    ];
    for (const text of formulas) {
      expect(await problemFields(order.id, { findings: text }), text).toEqual(['findings']);
      expect(await problemFields(order.id, { result: text }), text).toEqual(['result']);
    }
    const substantive = {
      findings: '已联系属地镇政府。经镇村干部现场查看,该路段路灯因线路老化损坏。',
      result: '镇政府已于11月20日更换线路,\n路灯恢复照明。',
    };
    expect(await problemFields(order.id, substantive)).toEqual([]);
  });

  it('every held-out corpus reply gets its verdict through the API', async () => {
    const order = await signedOrder();
    const rows = readFileSync(resolve(__dirname, '../corpus/replies.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { split: string; text: string; expect: { findings: boolean } })
      .filter((r) => r.split === 'holdout');
    const wrong: string[] = [];
    for (const r of rows) {
      const refusedFindings = (await problemFields(order.id, { findings: r.text })).includes('findings');
      if (refusedFindings === r.expect.findings) wrong.push(r.text);
    }
    expect(wrong).toEqual([]);
  });

  it('submitting a formula reply is refused and changes nothing; a short real reply is accepted', async () => {
    const order = await signedOrder();
    const liaison = await t.as('housing-a');
    const error = await refused(
      liaison.post(`/api/work-orders/${order.id}/submit-for-sign-off`, {
        version: order.version,
        reply: aReply({
          findings: '您好，您反映的问题我局已高度重视，已转交相关部门调查处置，请耐心等待。',
          result: '已转交相关部门处理，后续将及时跟进。',
        }),
      }),
      400,
      'REPLY_NOT_STANDARD',
    );
    expect(error.message).toContain('办理情况');
    const unchanged = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(unchanged.version).toBe(order.version);
    expect(unchanged.reply).toBeNull();

    const replied = await replySignedOff(liaison, await t.as('housing-leader'), order, {
      reply: aReply({
        findings: '经核实，该路段路灯因线路老化损坏。',
        result: '已于11月20日更换线路并恢复照明。',
      }),
    });
    expect(replied.state).not.toBe('handling');
    expect(replied.reply?.findings).toBe('经核实，该路段路灯因线路老化损坏。');
  });
});
