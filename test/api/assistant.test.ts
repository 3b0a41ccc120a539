import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchSuggestions } from '../../web/src/api/assistant';
import { act, anOrder, ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/** The answer as the web app reads it: a field the server drops fails here too. */
type Suggestions = DispatchSuggestions;

// The first suggestion trains the first model (and loads jieba's dictionary): seconds, not milliseconds.
describe(`dispatch suggestions (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const suggest = async (title: string, content: string) => {
    const res = await (await t.as('dispatcher')).post('/api/assistant/dispatch-suggestions', {
      title,
      content,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Suggestions;
  };

  const retrained = async () => {
    const dispatcher = await t.as('reviewer');
    const before = (await dispatcher.get('/api/assistant/dispatch-model')).json().model?.trainedAt;
    t.clock.advance(60_000);
    const res = await dispatcher.post('/api/assistant/dispatch-model/retrain');
    expect(res.statusCode, res.body).toBe(202);
    // Training runs in the background; on a loaded machine it can take several seconds.
    for (const began = Date.now(); Date.now() - began < 45_000; ) {
      const status = (await dispatcher.get('/api/assistant/dispatch-model')).json();
      if (!status.training && status.model?.trainedAt !== before) return status;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the model was not retrained');
  };

  it('with no history, starts from the units’ remits and the category tree', async () => {
    const s = await suggest('殡葬收费太高', '家里老人去世了，殡仪馆的殡葬收费太高，一套下来要一万多。');
    expect(s.model.orders).toBe(0);
    expect(s.units).toHaveLength(3);
    expect(s.categories).toHaveLength(3);
    expect(s.units[0]?.name).toBe('县民政局');
    expect(s.categories[0]?.path.join('/')).toBe('民政/社会服务/殡葬管理');
    for (const x of [...s.units, ...s.categories]) {
      expect(x.confidence).toBeGreaterThanOrEqual(0);
      expect(x.confidence).toBeLessThanOrEqual(1);
    }
    expect(s.units[0]?.confidence).toBeGreaterThanOrEqual(s.units[1]?.confidence as number);
  });

  it('shows the unit the citizen names, marked, even when the model ranks it lower', async () => {
    const s = await suggest('耕地被占建厂', '村里的耕地被人占了建厂房，希望自然资源部门来查处。');
    const natres = s.units.find((u) => u.name === '县自然资源局');
    expect(natres).toMatchObject({ namedInText: true, suggestedByReturn: false });
    expect(s.units.filter((u) => u.namedInText).map((u) => u.name)).toEqual(['县自然资源局']);
    const plain = await suggest('耕地被占建厂', '村里的耕地被人占了建厂房。');
    expect(plain.units.some((u) => u.namedInText)).toBe(false);
  });

  it('learns from the final choices after a return, and the returned unit counts against', async () => {
    const dispatcher = await t.as('dispatcher');
    const liaison = await t.as('housing-a');
    const categories = (await dispatcher.get('/api/categories')).json().items as Array<{
      id: number;
      level3: string;
    }>;
    const category = categories.find((c) => c.level3.includes('园林绿化')) ?? categories[0];
    // Stray dogs: sent to housing at first, returned, finally handled by urban management.
    for (let i = 0; i < 4; i++) {
      let order = await ok(
        dispatcher.post(
          '/api/work-orders',
          anOrder({
            title: `小区里流浪狗伤人${i}`,
            content: `我们小区最近有好几条流浪狗，晚上追着人咬，孩子都不敢下楼了，第${i}次反映。`,
            categoryId: category?.id,
          }),
        ),
        201,
      );
      order = await act(dispatcher, order, 'dispatch', { leadUnitId: t.unitId('housing'), coUnitIds: [] });
      order = await act(liaison, order, 'requestReturn', {
        reason: '流浪犬收容不属于住建局职责',
        suggestedUnit: '县城市管理综合行政执法局',
      });
      order = await act(dispatcher, order, 'approveReturn', { opinion: '同意' });
      await act(dispatcher, order, 'dispatch', { leadUnitId: t.unitId('urban'), coUnitIds: [] });
    }
    const before = await suggest('流浪狗咬人', '小区有流浪狗追着人咬');
    const status = await retrained();
    expect(status.model.orders).toBe(4);
    expect(status.model.returns).toBe(4);
    const after = await suggest('流浪狗咬人', '小区有流浪狗追着人咬');
    expect(after.units[0]?.name).toBe('县城市管理综合行政执法局');
    const housing = (s: Suggestions) =>
      s.units.find((u) => u.unitId === t.unitId('housing'))?.confidence ?? 0;
    expect(housing(after)).toBeLessThan(Math.max(housing(before), 0.01));
    expect(after.categories[0]?.categoryId).toBe(category?.id);
  });

  it('is for the office only: units cannot ask for suggestions or retrain', async () => {
    const liaison = await t.as('housing-a');
    await refused(
      liaison.post('/api/assistant/dispatch-suggestions', { title: '暖气', content: '' }),
      403,
      'FORBIDDEN_ROLE',
    );
    await refused(liaison.post('/api/assistant/dispatch-model/retrain'), 403, 'FORBIDDEN_ROLE');
    await refused(liaison.get('/api/assistant/dispatch-model'), 403, 'FORBIDDEN_ROLE');
    await refused(t.anonymous.post('/api/assistant/dispatch-model/retrain'), 401, 'UNAUTHENTICATED');
    await retrained();
  });

  it('refuses an over-long text with a Chinese message', async () => {
    const res = await (await t.as('dispatcher')).post('/api/assistant/dispatch-suggestions', {
      title: '暖'.repeat(201),
      content: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

// Its own county: the model as trained from the remits alone, whatever the tests above taught it.
describe(`dispatch suggestions after a return (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const suggest = async (title: string, content: string) => {
    const res = await (await t.as('dispatcher')).post('/api/assistant/dispatch-suggestions', {
      title,
      content,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Suggestions;
  };

  it('an order its unit returned: that unit is not suggested, the unit the return suggested comes first', async () => {
    const dispatcher = await t.as('dispatcher');
    const title = '小区物业服务差';
    const content = '我们小区物业服务太差，物业费照收，电梯坏了一个月没人修。';
    const housing = t.unitId('housing');
    const market = t.unitId('market');
    // Without the order, the text alone puts the housing bureau first.
    const plain = await suggest(title, content);
    expect(plain.units[0]?.unitId).toBe(housing);
    expect(plain.returned).toEqual([]);

    let order = await ok(dispatcher.post('/api/work-orders', anOrder({ title, content })), 201);
    order = await act(dispatcher, order, 'dispatch', { leadUnitId: housing, coUnitIds: [] });
    const forOrder = async () => {
      const res = await dispatcher.post('/api/assistant/dispatch-suggestions', {
        title,
        content,
        orderId: order.id,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Suggestions;
    };
    // Dispatched, not returned: the same suggestions.
    expect((await forOrder()).units.map((u) => u.unitId)).toEqual(plain.units.map((u) => u.unitId));

    order = await act(await t.as('housing-a'), order, 'requestReturn', {
      reason: '物业收费和电梯安全由市场监管部门查处，不属于本单位职责。',
      suggestedUnit: '市监局',
    });
    order = await act(dispatcher, order, 'approveReturn', { opinion: '同意' });
    const after = await forOrder();
    expect(after.units.map((u) => u.unitId)).not.toContain(housing);
    // Named in the returning unit's own words (市监局): the office's words for the unit find it.
    expect(after.units[0]).toMatchObject({
      unitId: market,
      name: '县市场监督管理局',
      suggestedByReturn: true,
    });
    expect(after.units).toHaveLength(3);
    expect(after.returned).toEqual([
      {
        unitId: housing,
        name: '县住房和城乡建设局',
        reason: '物业收费和电梯安全由市场监管部门查处，不属于本单位职责。',
      },
    ]);
    await refused(
      dispatcher.post('/api/assistant/dispatch-suggestions', { title, content, orderId: 999_999 }),
      404,
      'ORDER_NOT_FOUND',
    );
  });
});
