import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCityOrder, createMachineClient } from '../support/api-clients.js';
import { act, ok } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

interface Suggested {
  categories: Array<{ categoryId: number; path: string[]; confidence: number }>;
}

// The dispatch form's path for a city order that came without its request category: the
// assistant's suggestions for the order (the same request that suggests its units), then a
// dispatch that carries the category taken. The first suggestion trains the model: seconds.
describe(`a city order classified at dispatch from the assistant's suggestion (${TEST_DIALECT})`, {
  timeout: 60_000,
}, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('suggests categories for the order; the one the dispatch carries is stored and on the timeline', async () => {
    const city = await createMachineClient(t, { name: '市12345平台', scopes: ['city'], unitCode: 'city' });
    const title = '殡葬收费太高';
    const content = '家里老人去世了，殡仪馆的殡葬收费太高，一套下来要一万多，好多项目都没说清楚。';
    const pushed = await city.call(
      'POST',
      '/api/city/v1/orders',
      aCityOrder('SZ-CAT-SUGGEST', { title, content }),
    );
    expect(pushed.statusCode, pushed.body).toBe(201);
    const dispatcher = await t.as('dispatcher');
    const order = await ok(dispatcher.get(`/api/work-orders/${pushed.json().id}`));
    expect([order.channel, order.state, order.category]).toEqual(['city_platform', 'pending_dispatch', null]);

    const res = await dispatcher.post('/api/assistant/dispatch-suggestions', {
      title: order.title,
      content: order.content,
      orderId: order.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { categories } = res.json() as Suggested;
    expect(categories).toHaveLength(3);
    const [top] = categories;
    expect(top?.path.join('/')).toBe('民政/社会服务/殡葬管理');

    const dispatched = await act(dispatcher, order, 'dispatch', {
      leadUnitId: t.unitId('civil'),
      coUnitIds: [],
      categoryId: top?.categoryId,
    });
    const named = { id: top?.categoryId, level1: '民政', level2: '社会服务', level3: '殡葬管理' };
    expect(dispatched.category).toMatchObject(named);
    expect(dispatched.timeline.at(-1)).toMatchObject({ type: 'dispatched', payload: { category: named } });
    expect((await ok(dispatcher.get(`/api/work-orders/${order.id}`))).category).toMatchObject(named);
  });
});
