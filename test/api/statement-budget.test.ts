import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { anOrder, aReply, ok } from '../support/orders.js';
import { type Client, createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * How many SQL statements a request runs, counted on the application's executor, through HTTP.
 * An action reads the order once (with its assignments), writes it, its event(s), its assignment
 * changes and its notifications in batches, and answers from what it loaded: four here, six at
 * most, not the twenty the first profile found (docs/performance.md). The settings (kept 30 s) and
 * the accounts notices go to (kept 2 s) may have to be read again when a step comes late on a
 * loaded machine: one statement each. A read of one order costs its own few.
 */
const ACTION_BUDGET = 6;
/**
 * Dispatching to a lead and a co-unit also checks the two units (one statement) and notifies
 * both. It is the lifecycle's first notice, so it reads the channel settings and the accounts
 * (once for both notices).
 */
const BUDGETS: Record<string, number> = { dispatch: 9 };
const DETAIL_BUDGET = 6;
const LIST_BUDGET = 4;

/**
 * The signed-in user is cached between requests for 2 s (session-cache.test.ts checks it). On a
 * loaded machine a step can come later than that and read it again: the request's cost, not the
 * action's, so it is not counted against the action's budget.
 */
const notTheSessionRead = (q: string) => q !== 'select sessions,users';

describe(`statements per request (${TEST_DIALECT})`, () => {
  let t: TestApp;
  const counts: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', {}, { countQueries: true });
  });
  afterAll(() => t.close());

  /** Runs one request after the session is warm and returns what it ran. */
  async function counted(name: string, run: () => Promise<OrderDetail>) {
    const before = t.queries.length;
    const result = await run();
    const ran = t.queries.slice(before).filter(notTheSessionRead);
    counts[name] = ran.length;
    return { result, ran };
  }

  async function step(
    client: Client,
    order: OrderDetail,
    action: string,
    body: Record<string, unknown> = {},
  ): Promise<OrderDetail> {
    const path = action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const { result, ran } = await counted(action, () =>
      ok(client.post(`/api/work-orders/${order.id}/${path}`, { version: order.version, ...body })),
    );
    expect(ran.length, `${action} ran ${ran.length}:\n${ran.join('\n')}`).toBeLessThanOrEqual(
      BUDGETS[action] ?? ACTION_BUDGET,
    );
    // The order is read once, whatever the action: the whole-order statement (compiled once and
    // reused, so it shows as 'compiled'), and no other read of work_orders.
    const orderReads = ran.filter(
      (q) => q === 'compiled' || (q.startsWith('select') && q.includes('work_orders')),
    );
    expect(orderReads.length, ran.join('\n')).toBe(1);
    // Built from what the action loaded and wrote, the answer is the order's page as a read gives it.
    expect(result).toEqual(await ok(client.get(`/api/work-orders/${order.id}`)));
    return result;
  }

  it('a whole lifecycle stays within the budget at every step, reads too', async () => {
    const dispatcher = await t.as('dispatcher');
    const liaison = await t.as('housing-a');
    const co = await t.as('urban-a');
    const leader = await t.as('housing-leader');
    const reviewer = await t.as('reviewer');
    // Warm what is cached across requests (sessions, the calendar, the settings) as a server is.
    for (const c of [dispatcher, liaison, co, leader, reviewer]) await ok(c.get('/api/auth/me'));

    let order = await ok(dispatcher.post('/api/work-orders', anOrder({ needsCitizenReply: false })), 201);
    order = await step(dispatcher, order, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      coUnitIds: [t.unitId('urban')],
    });
    order = await step(liaison, order, 'sign');
    order = await step(co, order, 'coSign');
    order = await step(co, order, 'coOpinion', {
      content: '经现场核查，涉事路段积水约30厘米，系雨水篦子堵塞所致。',
    });
    order = await step(liaison, order, 'submitForSignOff', { reply: aReply({ issuer: '' }) });
    order = await step(leader, order, 'signOff');
    order = await step(reviewer, order, 'acceptReview', { opinion: '答复规范' });
    order = await step(reviewer, order, 'callback', { result: 'satisfied', note: '群众表示满意' });
    order = await step(reviewer, order, 'close');
    expect(order.state).toBe('closed');
    // 改分类 after closing: the category is looked up (one statement), the answer built with its names.
    const [category] = (
      (await ok(reviewer.get('/api/categories'))) as unknown as { items: Array<{ id: number }> }
    ).items;
    order = await step(reviewer, order, 'reclassify', { categoryId: category?.id });
    expect(order.category?.id).toBe(category?.id);

    const detail = await counted('detail', () => ok(liaison.get(`/api/work-orders/${order.id}`)));
    expect(detail.ran.length, detail.ran.join('\n')).toBeLessThanOrEqual(DETAIL_BUDGET);
    const before = t.queries.length;
    const list = await liaison.get('/api/work-orders?state=closed&sort=deadline');
    expect(list.statusCode, list.body).toBe(200);
    const listed = t.queries.slice(before).filter(notTheSessionRead);
    counts.list = listed.length;
    expect(listed.length, listed.join('\n')).toBeLessThanOrEqual(LIST_BUDGET);
    console.log(`statements per request (${TEST_DIALECT}):`, JSON.stringify(counts));
  });

  it('a registration runs little after it takes the day’s number, which other registrations wait on', async () => {
    const dispatcher = await t.as('dispatcher');
    await ok(dispatcher.get('/api/auth/me'));
    const before = t.queries.length;
    // In a township and at a street address: the cluster check looks at both, in one statement.
    await ok(dispatcher.post('/api/work-orders', anOrder({ townshipUnitId: t.unitId('town-hewan') })), 201);
    const ran = t.queries.slice(before).filter(notTheSessionRead);
    // On PostgreSQL the counter's row stays locked until the commit: after it come only the order,
    // its event and the cluster check (which must see an order registered just before), then the
    // commit. The answer's page is read after the commit (the compiled whole-order statement).
    const numbered = ran.indexOf('insert counters');
    expect(numbered, ran.join('\n')).toBeGreaterThanOrEqual(0);
    const held = ran.slice(numbered + 1, ran.indexOf('compiled', numbered));
    expect(held, ran.join('\n')).toEqual([
      'insert work_orders',
      'insert work_order_events',
      expect.stringMatching(/^select work_orders/),
    ]);
  });

  it('who is signed in (asked at every start of the page) reads the user once', async () => {
    const liaison = await t.as('housing-a');
    await ok(liaison.get('/api/auth/me'));
    const before = t.queries.length;
    const me = await ok(liaison.get('/api/auth/me'));
    expect(me).toMatchObject({ username: 'housing-a', mustChangePassword: false, mustEnrolTotp: false });
    const ran = t.queries.slice(before).filter(notTheSessionRead);
    expect(ran, ran.join('\n')).toEqual(['select users,units']);
  });
});
