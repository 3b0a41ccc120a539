import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import {
  act,
  anOrder,
  aReply,
  ok,
  refused,
  registeredAndDispatched,
  replySignedOff,
} from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

interface Category {
  id: number;
  level1: string;
  level2: string;
  level3: string;
  active: boolean;
}
type Tally = Array<{ name: string; count: number }>;
interface County {
  byCategory: { level1: Tally; level3: Tally };
}

/**
 * 改分类 through HTTP: the office (dispatcher or reviewer) sets or corrects an order's request
 * category in any state but 已作废, after closing too, guarded by the order's version, recorded
 * on the timeline; a dispatch fills a missing one. The figures by category follow the order.
 */
describe(`改分类 (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let categories: Category[];
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    categories = (
      (await ok((await t.as('dispatcher')).get('/api/categories'))) as unknown as {
        items: Category[];
      }
    ).items;
  });
  afterAll(() => t.close());

  /** Two categories in use under different first levels, and a third to disable. */
  const pick = () => {
    const [a, ...rest] = categories;
    const b = rest.find((c) => c.level1 !== a?.level1);
    const c = rest.find((x) => x.id !== b?.id);
    if (!a || !b || !c) throw new Error('the seeded categories are too few');
    return { a, b, c };
  };
  const named = ({ id, level1, level2, level3 }: Category) => ({ id, level1, level2, level3 });
  const register = async (over: Record<string, unknown> = {}) =>
    ok((await t.as('dispatcher')).post('/api/work-orders', anOrder(over)), 201);
  const read = async (order: { id: number }) =>
    ok((await t.as('dispatcher')).get(`/api/work-orders/${order.id}`));
  const reclassify = async (who: string, order: OrderDetail, body: Record<string, unknown>) =>
    (await t.as(who)).post(`/api/work-orders/${order.id}/reclassify`, { version: order.version, ...body });

  it('the office sets a missing category: offered to dispatcher and reviewer, recorded from none, the state unchanged', async () => {
    const { a } = pick();
    const order = await registeredAndDispatched(t, 'housing');
    expect(order.category).toBeNull();
    expect(order.allowedActions).toContain('reclassify');
    expect((await ok((await t.as('reviewer')).get(`/api/work-orders/${order.id}`))).allowedActions).toContain(
      'reclassify',
    );
    expect(
      (await ok((await t.as('housing-a')).get(`/api/work-orders/${order.id}`))).allowedActions,
    ).not.toContain('reclassify');

    const done = await ok(reclassify('reviewer', order, { categoryId: a.id, reason: '登记时漏选分类' }));
    expect(done.state).toBe('pending_sign');
    expect(done.version).toBe(order.version + 1);
    expect(done.category).toEqual(named(a));
    const last = done.timeline.at(-1);
    expect(last).toMatchObject({
      type: 'reclassified',
      label: '修改诉求分类',
      actorName: expect.any(String),
      fromState: 'pending_sign',
      toState: 'pending_sign',
      payload: { from: null, to: named(a), reason: '登记时漏选分类' },
    });
    // Built from what the action wrote, the answer is the page a read gives.
    expect(done).toEqual(await ok((await t.as('reviewer')).get(`/api/work-orders/${order.id}`)));
  });

  it('corrects a category after closing (quality checks), from which to which', async () => {
    const { a, b } = pick();
    const reviewer = await t.as('reviewer');
    let order = await registeredAndDispatched(t, 'housing', [], {
      categoryId: a.id,
      needsCitizenReply: false,
    });
    const housing = await t.as('housing-a');
    order = await act(housing, order, 'sign');
    order = await replySignedOff(housing, await t.as('housing-leader'), order, {
      reply: aReply({ issuer: '' }),
    });
    order = await act(reviewer, order, 'acceptReview', { opinion: '答复规范' });
    order = await act(reviewer, order, 'callback', { result: 'satisfied', note: '群众满意' });
    order = await act(reviewer, order, 'close');
    expect(order.state).toBe('closed');
    expect(order.allowedActions).toEqual(['reclassify']);

    const done = await ok(reclassify('dispatcher', order, { categoryId: b.id }));
    expect([done.state, done.category]).toEqual(['closed', named(b)]);
    expect(done.timeline.at(-1)?.payload).toEqual({ from: named(a), to: named(b), reason: null });
  });

  it('refuses with a stable code and changes nothing: a unit, a voided order, unknown, disabled or same category, a stale version', async () => {
    const { a, b, c } = pick();
    const order = await registeredAndDispatched(t, 'housing', [], { categoryId: a.id });
    const unchanged = async () => {
      const now = await read(order);
      expect([now.version, now.category?.id, now.timeline.length]).toEqual([
        order.version,
        a.id,
        order.timeline.length,
      ]);
    };

    // Neither a unit nor the county's leaders (the route's capability): the message says which.
    for (const who of ['housing-a', 'leader']) {
      const role = await refused(reclassify(who, order, { categoryId: b.id }), 403, 'FORBIDDEN_ROLE');
      expect(role.message).toBe('您的角色不能使用此功能（改分类：设置或更正工单的诉求分类，办结后也可以）。');
    }
    await refused(reclassify('dispatcher', order, { categoryId: 999_999 }), 400, 'CATEGORY_NOT_FOUND');
    await refused(reclassify('dispatcher', order, {}), 400, 'VALIDATION_FAILED');
    const same = await refused(
      reclassify('dispatcher', order, { categoryId: a.id }),
      400,
      'CATEGORY_UNCHANGED',
    );
    expect(same.message).toContain(`「${a.level1} / ${a.level2} / ${a.level3}」`);
    await refused(
      (await t.as('dispatcher')).post(`/api/work-orders/${order.id}/reclassify`, {
        version: order.version - 1,
        categoryId: b.id,
      }),
      409,
      'VERSION_CONFLICT',
    );
    // A category the administrator has disabled is not given to an order any more.
    const admin = await t.as('admin');
    await ok(admin.put(`/api/categories/${c.id}`, { ...named(c), active: false }));
    try {
      const disabled = await refused(
        reclassify('reviewer', order, { categoryId: c.id }),
        400,
        'CATEGORY_DISABLED',
      );
      expect(disabled.message).toContain('已停用');
      // Nor at registration: the office's form offers only categories in use.
      const before = (await ok((await t.as('dispatcher')).get('/api/work-orders?pageSize=1'))) as unknown as {
        total: number;
      };
      await refused(
        (await t.as('dispatcher')).post('/api/work-orders', anOrder({ categoryId: c.id })),
        400,
        'CATEGORY_DISABLED',
      );
      const after = (await ok((await t.as('dispatcher')).get('/api/work-orders?pageSize=1'))) as unknown as {
        total: number;
      };
      expect(after.total).toBe(before.total);
    } finally {
      await ok(admin.put(`/api/categories/${c.id}`, { ...named(c), active: true }));
    }
    await unchanged();

    const voided = await act(await t.as('dispatcher'), await register({ categoryId: a.id }), 'void', {
      reason: '重复登记的工单',
    });
    const state = await refused(reclassify('dispatcher', voided, { categoryId: b.id }), 409, 'INVALID_STATE');
    expect(state.message).toContain('「已作废」');
    expect((await read(voided)).category?.id).toBe(a.id);
  });

  it('a dispatch fills a missing category and records it; another one on a classified order is refused', async () => {
    const { a, b } = pick();
    const dispatcher = await t.as('dispatcher');
    const open = await register();
    const dispatched = await act(dispatcher, open, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      coUnitIds: [],
      categoryId: a.id,
    });
    expect(dispatched.category).toEqual(named(a));
    expect(dispatched.timeline.at(-1)).toMatchObject({ type: 'dispatched', payload: { category: named(a) } });
    expect(dispatched).toEqual(await read(dispatched));

    const classified = await register({ categoryId: a.id });
    const other = await refused(
      dispatcher.post(`/api/work-orders/${classified.id}/dispatch`, {
        version: classified.version,
        leadUnitId: t.unitId('housing'),
        categoryId: b.id,
      }),
      422,
      'CATEGORY_ALREADY_SET',
    );
    expect(other.message).toContain('改分类');
    const same = await act(dispatcher, classified, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      coUnitIds: [],
      categoryId: a.id,
    });
    expect(same.category?.id).toBe(a.id);
    expect(same.timeline.at(-1)?.payload).not.toHaveProperty('category');
  });

  it('figures by category follow the order’s category: counted under none, then under the one set, then the one corrected to', async () => {
    const { a, b } = pick();
    t.clock.set('2026-04-07T09:00:00+08:00');
    const county = async () =>
      (await ok(
        (await t.as('leader')).get('/api/statistics/county?period=custom&from=2026-04-07&to=2026-04-07'),
      )) as unknown as County;
    const count = (c: County, level: 'level1' | 'level3', name: string) =>
      c.byCategory[level].find((x) => x.name === name)?.count ?? 0;
    const before = await county();
    let order = await register();
    const registered = await county();
    expect(count(registered, 'level1', '未分类')).toBe(count(before, 'level1', '未分类') + 1);

    order = await ok(reclassify('dispatcher', order, { categoryId: a.id }));
    const set = await county();
    expect(count(set, 'level1', '未分类')).toBe(count(before, 'level1', '未分类'));
    const path = `${a.level1} / ${a.level2} / ${a.level3}`;
    expect(count(set, 'level3', path)).toBe(count(before, 'level3', path) + 1);

    await ok(reclassify('reviewer', order, { categoryId: b.id, reason: '质检更正' }));
    const corrected = await county();
    expect(count(corrected, 'level3', path)).toBe(count(before, 'level3', path));
    expect(count(corrected, 'level1', b.level1)).toBe(count(before, 'level1', b.level1) + 1);
  });
});
