import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOrder, ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

interface Version {
  entryId: number;
  versionId: number;
  versionNo: number;
  status: string;
  isCurrent: boolean;
  title: string;
  entryVersion: number;
  decisionComment: string | null;
}

const dibao = (over: Record<string, unknown> = {}) => ({
  kind: 'policy',
  title: '城乡居民最低生活保障申请条件',
  body: '具有本县户籍、共同生活的家庭成员人均月收入低于当地低保标准的,向户籍所在地乡镇人民政府提出书面申请。',
  categoryId: null,
  sourceDocument: '河湾县民政局关于2026年城乡低保标准的通知(河民发〔2026〕3号)',
  sourceDate: '2026-01-08',
  validFrom: '2026-01-08',
  validUntil: '2026-12-31',
  ...over,
});

// The first search loads jieba's dictionary: seconds on a loaded machine.
describe(`knowledge base and 直办 (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const search = async (text: string, as = 'dispatcher') => {
    const res = await (await t.as(as)).post('/api/knowledge/search', { text });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Array<Version & { score: number }> }).items;
  };
  const propose = async (as: string, body: Record<string, unknown>) =>
    (await ok((await t.as(as)).post('/api/knowledge', body), 201)) as unknown as Version;
  const approve = async (v: Version) =>
    (await ok(
      (
        await t.as('dispatcher')
      ).post(`/api/knowledge/versions/${v.versionId}/approve`, {
        version: v.entryVersion,
      }),
    )) as unknown as Version;

  let dibaoV1: Version;

  it('a unit proposes; the entry is offered only once the office approves it; a unit cannot approve', async () => {
    dibaoV1 = await propose('civil-a', dibao());
    expect(dibaoV1).toMatchObject({ status: 'pending', versionNo: 1, isCurrent: false });
    expect(await search('低保')).toEqual([]);
    await refused(
      (await t.as('civil-a')).post(`/api/knowledge/versions/${dibaoV1.versionId}/approve`, {
        version: dibaoV1.entryVersion,
      }),
      403,
      'FORBIDDEN_ROLE',
    );
    const approved = await approve(dibaoV1);
    expect(approved).toMatchObject({ status: 'approved', isCurrent: true });
    dibaoV1 = approved;
    const hits = await search('想问问吃低保要什么条件，怎么申请？');
    expect(hits[0]).toMatchObject({ entryId: dibaoV1.entryId, versionId: dibaoV1.versionId });
    // units and oversight read it too; administrators do not (三员分立)
    expect((await search('低保', 'housing-a'))[0]?.entryId).toBe(dibaoV1.entryId);
    expect((await search('低保', 'supervisor'))[0]?.entryId).toBe(dibaoV1.entryId);
    await refused(
      (await t.as('admin')).post('/api/knowledge/search', { text: '低保' }),
      403,
      'FORBIDDEN_ROLE',
    );
  });

  it('keeps every version: a new one is offered only when approved, the old one superseded', async () => {
    const civil = await t.as('civil-a');
    const v2 = (await ok(
      civil.post(`/api/knowledge/${dibaoV1.entryId}/versions`, {
        ...dibao({ body: `${dibao().body}2026年城市低保标准为每人每月760元。` }),
        version: dibaoV1.entryVersion,
      }),
      201,
    )) as unknown as Version;
    expect(v2).toMatchObject({ versionNo: 2, status: 'pending' });
    // the current version is still the one offered
    expect((await search('低保'))[0]?.versionId).toBe(dibaoV1.versionId);
    // one proposal at a time
    await refused(
      civil.post(`/api/knowledge/${dibaoV1.entryId}/versions`, { ...dibao(), version: v2.entryVersion }),
      422,
      'KNOWLEDGE_PENDING_EXISTS',
    );
    // a decision on what one did not see is refused
    await refused(
      (await t.as('reviewer')).post(`/api/knowledge/versions/${v2.versionId}/approve`, {
        version: dibaoV1.entryVersion,
      }),
      409,
      'VERSION_CONFLICT',
    );
    await approve(v2);
    expect((await search('低保'))[0]?.versionId).toBe(v2.versionId);
    const entry = (await (await t.as('housing-a')).get(`/api/knowledge/${dibaoV1.entryId}`)).json() as {
      versions: Version[];
    };
    expect(entry.versions.map((v) => [v.versionNo, v.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
  });

  it('the office sends a proposal back with a comment; units propose only for themselves', async () => {
    const v = await propose('housing-a', {
      kind: 'faq',
      title: '住房公积金提取条件',
      body: '购买、建造、翻建自住住房,偿还购房贷款本息,租房自住的,可以提取住房公积金。',
      sourceDocument: '市住房公积金管理中心提取管理办法',
      sourceDate: '2025-05-01',
      validFrom: '2025-05-01',
      validUntil: null,
    });
    const office = await t.as('dispatcher');
    await refused(
      office.post(`/api/knowledge/versions/${v.versionId}/return`, {
        version: v.entryVersion,
        comment: '，。',
      }),
      400,
      'KNOWLEDGE_RETURN_COMMENT_REQUIRED',
    );
    const back = (await ok(
      office.post(`/api/knowledge/versions/${v.versionId}/return`, {
        version: v.entryVersion,
        comment: '请补充租房提取的额度和办理渠道。',
      }),
    )) as unknown as Version;
    expect(back).toMatchObject({ status: 'returned', decisionComment: '请补充租房提取的额度和办理渠道。' });
    expect(await search('公积金')).toEqual([]);
    await refused(
      office.post(`/api/knowledge/versions/${v.versionId}/approve`, { version: back.entryVersion }),
      422,
      'KNOWLEDGE_NOT_PENDING',
    );
    // another unit neither proposes for housing nor revises its entry, nor sees its proposals
    await refused(
      (await t.as('civil-a')).post('/api/knowledge', { ...dibao(), ownerUnitId: t.unitId('housing') }),
      422,
      'KNOWLEDGE_NOT_OWN_UNIT',
    );
    await refused(
      (await t.as('civil-a')).post(`/api/knowledge/${v.entryId}/versions`, {
        ...dibao(),
        version: back.entryVersion,
      }),
      422,
      'KNOWLEDGE_NOT_OWN_UNIT',
    );
    await refused((await t.as('civil-a')).get(`/api/knowledge/${v.entryId}`), 404, 'KNOWLEDGE_NOT_FOUND');
    // bad input: a Chinese message, nothing written
    await refused(
      (await t.as('housing-a')).post('/api/knowledge', {
        ...dibao(),
        validFrom: '2026-05-01',
        validUntil: '2026-04-01',
      }),
      400,
      'KNOWLEDGE_VALIDITY_INVALID',
    );
    const list = (await office.get('/api/knowledge')).json() as { items: Version[] };
    expect(list.items).toHaveLength(2);
  });

  it('writes each change with its audit entry', async () => {
    const res = await (await t.as('auditor')).get('/api/audit-log?pageSize=200');
    const actions = (res.json() as { items: Array<{ action: string }> }).items.map((i) => i.action);
    expect(actions.filter((a) => a === 'knowledge.proposed')).toHaveLength(3);
    expect(actions.filter((a) => a === 'knowledge.approved')).toHaveLength(2);
    expect(actions.filter((a) => a === 'knowledge.returned')).toHaveLength(1);
  });

  it('finds an entry by the words callers use that its title and text do not (keywords), refusing overlong ones', async () => {
    const fund = {
      kind: 'faq',
      title: '独生子女父母奖励扶助的申领',
      body: '农村独生子女父母年满60周岁的,每人每年可领取奖励扶助金960元,由本人向户籍所在地乡镇卫生计生办申请。',
      keywords: ['独生子女费', ' 光荣证 ', '独生子女费'],
      categoryId: null,
      sourceDocument: '县卫生健康局奖励扶助工作方案',
      sourceDate: '2026-01-10',
      validFrom: '2026-01-10',
      validUntil: null,
    };
    await refused(
      (await t.as('health-a')).post('/api/knowledge', {
        ...fund,
        keywords: ['独生子女父母奖励扶助金怎么领取'],
      }),
      400,
      'KNOWLEDGE_KEYWORD_TOO_LONG',
    );
    const proposed = await propose('health-a', fund);
    expect(proposed).toMatchObject({ keywords: ['独生子女费', '光荣证'] });
    await approve(proposed);
    // 「光荣证」 is in neither the title nor the text: only the keyword finds it.
    expect((await search('光荣证'))[0]).toMatchObject({ entryId: proposed.entryId });
    const hits = await search('我爸今年六十了，有光荣证，想问问到哪里去领钱？');
    expect(hits[0]).toMatchObject({ entryId: proposed.entryId, keywords: ['独生子女费', '光荣证'] });
  });

  let expired: Version;
  it('an expired entry is not offered', async () => {
    expired = await approve(
      await propose('dispatcher', {
        kind: 'explanation',
        ownerUnitId: t.unitId('watersupply'),
        title: '河湾镇计划停水通知',
        body: '因人民路供水管网改造,2026年2月20日8:00至20:00人民路两侧小区停水,请提前储水。',
        sourceDocument: '县供水公司停水公告',
        sourceDate: '2026-02-18',
        validFrom: '2026-02-18',
        validUntil: '2026-02-21',
      }),
    );
    expect(expired.isCurrent).toBe(true);
    expect(await search('我家停水了')).toEqual([]);
  });

  it('直办 closes a consultation with the entry cited, counted apart from the units', async () => {
    const office = await t.as('dispatcher');
    const order = await ok(
      office.post(
        '/api/work-orders',
        anOrder({
          type: 'consult',
          title: '咨询低保申请条件',
          content: '我母亲一个人住，收入很低，想问问怎么申请低保，需要什么条件？',
        }),
      ),
      201,
    );
    expect(order.allowedActions).toContain('answerOnSpot');
    const offered = (await office.get(`/api/work-orders/${order.id}/knowledge`)).json() as {
      items: Version[];
    };
    const current = offered.items[0] as Version;
    expect(current.title).toBe('城乡居民最低生活保障申请条件');
    const closed = await ok(
      office.post(`/api/work-orders/${order.id}/answer-on-spot`, {
        version: order.version,
        knowledgeVersionId: current.versionId,
        answer: '已向来电人解答低保申请条件,请其携带户口簿到户籍所在地乡镇人民政府提出书面申请。',
      }),
    );
    expect(closed.state).toBe('closed');
    const event = closed.timeline.find((e) => e.type === 'answered_on_spot');
    expect(event?.payload).toMatchObject({ versionId: current.versionId, versionNo: 2 });

    const county = (await office.get('/api/statistics/county?period=day&date=2026-03-02')).json();
    expect(county.answeredOnSpot).toBe(1);
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/exports/county-figures.xlsx?period=day&date=2026-03-02',
      headers: { cookie: await t.cookieOf('dispatcher') },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const overall = book.getWorksheet('总体');
    expect(overall?.getRow(3).getCell(1).value).toMatch(/^热线办直办/);
    expect(overall?.getRow(3).getCell(2).value).toBe(1);
    const units = (await office.get('/api/statistics/units?period=day&date=2026-03-02')).json() as {
      units: Array<{ received: number }>;
    };
    expect(units.units.reduce((n, u) => n + (u.received ?? 0), 0)).toBe(0);
  });

  it('refuses 直办 for a non-consultation, without a valid entry, and to anyone but the dispatcher', async () => {
    const office = await t.as('dispatcher');
    const body = (o: { version: number }, knowledgeVersionId: number) => ({
      version: o.version,
      knowledgeVersionId,
      answer: '已按文件规定向来电人作了解答。',
    });
    const complaint = await ok(office.post('/api/work-orders', anOrder()), 201);
    await refused(
      office.post(`/api/work-orders/${complaint.id}/answer-on-spot`, body(complaint, expired.versionId)),
      422,
      'NOT_A_CONSULTATION',
    );
    const consult = await ok(
      office.post('/api/work-orders', anOrder({ type: 'consult', title: '咨询停水' })),
      201,
    );
    await refused(
      office.post(`/api/work-orders/${consult.id}/answer-on-spot`, body(consult, expired.versionId)),
      422,
      'KNOWLEDGE_EXPIRED',
    );
    await refused(
      office.post(`/api/work-orders/${consult.id}/answer-on-spot`, body(consult, dibaoV1.versionId)),
      422,
      'KNOWLEDGE_NOT_CURRENT',
    );
    await refused(
      office.post(`/api/work-orders/${consult.id}/answer-on-spot`, body(consult, 999_999)),
      422,
      'KNOWLEDGE_ENTRY_REQUIRED',
    );
    await refused(
      (await t.as('reviewer')).post(
        `/api/work-orders/${consult.id}/answer-on-spot`,
        body(consult, dibaoV1.versionId),
      ),
      403,
      'FORBIDDEN_ROLE',
    );
    const still = await ok(office.get(`/api/work-orders/${consult.id}`));
    expect(still.state).toBe('pending_dispatch');
    expect(still.version).toBe(consult.version);
  });

  it('a unit reads entries ranked by its own order’s text; another unit’s order is not there', async () => {
    const office = await t.as('dispatcher');
    const order = await ok(
      office.post(
        '/api/work-orders',
        anOrder({
          type: 'help',
          title: '母亲生活困难想办低保',
          content: '家里生活困难，想给母亲申请低保，乡里说材料不全。',
        }),
      ),
      201,
    );
    await ok(
      office.post(`/api/work-orders/${order.id}/dispatch`, {
        version: order.version,
        leadUnitId: t.unitId('civil'),
        coUnitIds: [],
      }),
    );
    const mine = (await (await t.as('civil-a')).get(`/api/work-orders/${order.id}/knowledge`)).json() as {
      items: Version[];
    };
    expect(mine.items[0]?.title).toBe('城乡居民最低生活保障申请条件');
    // Only what stands out is offered beside the reply form: no tail of everyday-word matches.
    const best = (mine.items[0] as Version & { score: number }).score;
    for (const hit of mine.items as Array<Version & { score: number }>)
      expect(hit.score).toBeGreaterThanOrEqual(best / 2);
    await refused(
      (await t.as('housing-a')).get(`/api/work-orders/${order.id}/knowledge`),
      404,
      'ORDER_NOT_FOUND',
    );
  });

  it('the register page asks for the relevant entries only: none of the tail below half the best', async () => {
    const text = '母亲生活困难想办低保。家里生活困难，想给母亲申请低保，乡里说材料不全，已经跑了好几趟。';
    const all = await search(text);
    const res = await (await t.as('dispatcher')).post('/api/knowledge/search', { text, relevant: true });
    expect(res.statusCode, res.body).toBe(200);
    const relevant = (res.json() as { items: Array<Version & { score: number }> }).items;
    const best = all[0]?.score ?? 0;
    expect(relevant.map((h) => h.title)).toEqual(all.filter((h) => h.score >= best / 2).map((h) => h.title));
    expect(relevant[0]?.title).toBe('城乡居民最低生活保障申请条件');
    // The everyday words (已经, 好几) matched a tail that is left out.
    expect(all.length).toBeGreaterThan(relevant.length);
  });
});
