import { describe, expect, it } from 'vitest';
import { can } from '../../src/domain/policy.js';
import { decide } from '../../src/domain/workflow/decide.js';
import { allowedActions } from '../../src/domain/workflow/preconditions.js';
import { ORDER_STATES } from '../../src/domain/workflow/states.js';
import { type ActorKey, actors, ctxOf, refusalOf } from './factories.js';
import { categoryChoice, dispatchCommand, reach, step, T } from './workflow-fixture.js';

// 改分类: the office sets or corrects an order's request category (诉求分类), in any state but
// 已作废, also after closing; a dispatch may fill a missing one.

const STREETLIGHT = { id: 5, level1: '城乡建设', level2: '市政设施', level3: '路灯' };
const HEATING = { id: 9, level1: '城乡建设', level2: '供热', level3: '供暖不热' };
const reclassify = (found = STREETLIGHT, reason: string | null = null) =>
  ({ action: 'reclassify', category: categoryChoice(found), reason }) as const;

describe('改分类 (reclassify)', () => {
  it('sets the category of an order registered without one: the state stays, the timeline says from none', () => {
    const { decision, order } = step(
      reach('handling'),
      'dispatcher',
      reclassify(STREETLIGHT, '  登记时漏选分类 '),
      T.later,
    );
    expect([decision.from, decision.to]).toEqual(['handling', 'handling']);
    expect(decision.patch).toEqual({ categoryId: 5 });
    expect(decision.assignments).toEqual([]);
    expect(decision.events).toEqual([
      { type: 'reclassified', payload: { from: null, to: STREETLIGHT, reason: '登记时漏选分类' } },
    ]);
    expect(order.category).toEqual(STREETLIGHT);
  });

  it('corrects a category, from which to which, the reason optional', () => {
    const classified = reach('pending_review', { category: STREETLIGHT });
    const { decision } = step(classified, 'reviewer', reclassify(HEATING), T.later);
    expect(decision.patch).toEqual({ categoryId: 9 });
    expect(decision.events).toEqual([
      { type: 'reclassified', payload: { from: STREETLIGHT, to: HEATING, reason: null } },
    ]);
  });

  it('is the whole office’s, dispatcher or reviewer, in every state but 已作废 (after closing too)', () => {
    for (const state of ORDER_STATES) {
      for (const who of ['dispatcher', 'reviewer'] as const) {
        const allowed = allowedActions(reach(state), ctxOf(actors[who], T.later)).includes('reclassify');
        expect(allowed, `${who} in ${state}`).toBe(state !== 'voided');
      }
    }
    const closed = step(reach('closed'), 'reviewer', reclassify(), T.later);
    expect([closed.decision.from, closed.decision.to]).toEqual(['closed', 'closed']);
    expect(can(actors.dispatcher, 'workflow.reclassify')).toBe(true);
    expect(can(actors.reviewer, 'workflow.reclassify')).toBe(true);
  });

  it('refuses a voided order (INVALID_STATE) and anyone outside the office (NOT_ALLOWED_FOR_ACTOR)', () => {
    const voided = refusalOf(() => decide(reach('voided'), reclassify(), ctxOf(actors.dispatcher, T.later)));
    expect(voided.code).toBe('INVALID_STATE');
    expect(voided.message).toContain('「已作废」');
    const others: ActorKey[] = ['lead', 'leadMainLeader', 'co', 'supervisor', 'countyLeader', 'admin'];
    for (const who of others) {
      const r = refusalOf(() => decide(reach('handling'), reclassify(), ctxOf(actors[who], T.later)));
      expect(r.code, who).toBe('NOT_ALLOWED_FOR_ACTOR');
      expect(r.message).toBe('「改分类」只能由县热线办派单员或审核员操作，您无权进行此操作。');
    }
  });

  it('refuses a category that is not there, one no longer in use, and the one the order has', () => {
    const ctx = ctxOf(actors.dispatcher, T.later);
    const order = reach('handling', { category: STREETLIGHT });
    const missing = refusalOf(() =>
      decide(order, { action: 'reclassify', category: { id: 77, found: null } }, ctx),
    );
    expect([missing.code, missing.kind, missing.message]).toEqual([
      'CATEGORY_NOT_FOUND',
      'invalid',
      '所选诉求分类不存在。',
    ]);
    const disabled = refusalOf(() =>
      decide(order, { action: 'reclassify', category: categoryChoice({ ...HEATING, active: false }) }, ctx),
    );
    expect(disabled.code).toBe('CATEGORY_DISABLED');
    expect(disabled.message).toBe('诉求分类「城乡建设 / 供热 / 供暖不热」已停用，请选择在用的分类。');
    const same = refusalOf(() => decide(order, reclassify(STREETLIGHT), ctx));
    expect(same.code).toBe('CATEGORY_UNCHANGED');
    expect(same.message).toBe('本工单的诉求分类已是「城乡建设 / 市政设施 / 路灯」，不用修改。');
  });
});

describe('a dispatch fills a missing category (尚未选择诉求分类)', () => {
  const dispatching = (over = {}) => ({ ...dispatchCommand(), category: categoryChoice(), ...over });

  it('sets it and records it with the dispatch', () => {
    const { decision, order } = step(reach('pending_dispatch'), 'dispatcher', dispatching(), T.dispatch);
    expect(decision.patch.categoryId).toBe(5);
    expect(decision.events[0]).toMatchObject({ type: 'dispatched', payload: { category: STREETLIGHT } });
    expect(order.category).toEqual(STREETLIGHT);
  });

  it('without one, or with the one the order has, changes no category', () => {
    for (const [order, command] of [
      [reach('pending_dispatch'), dispatchCommand()],
      [reach('pending_dispatch', { category: STREETLIGHT }), dispatching()],
    ] as const) {
      const { decision } = step(order, 'dispatcher', command, T.dispatch);
      expect('categoryId' in decision.patch).toBe(false);
      expect(decision.events[0]?.payload).not.toHaveProperty('category');
    }
  });

  it('refuses another category on an order that has one (a correction is 改分类), and an unusable one', () => {
    const ctx = ctxOf(actors.dispatcher, T.dispatch);
    const classified = reach('pending_dispatch', { category: HEATING });
    const other = refusalOf(() => decide(classified, dispatching(), ctx));
    expect([other.code, other.kind]).toEqual(['CATEGORY_ALREADY_SET', 'rule']);
    expect(other.message).toContain('「城乡建设 / 供热 / 供暖不热」');
    expect(other.message).toContain('改分类');
    const unclassified = reach('pending_dispatch');
    expect(
      refusalOf(() => decide(unclassified, dispatching({ category: { id: 3, found: null } }), ctx)).code,
    ).toBe('CATEGORY_NOT_FOUND');
    expect(
      refusalOf(() => decide(unclassified, dispatching({ category: categoryChoice({ active: false }) }), ctx))
        .code,
    ).toBe('CATEGORY_DISABLED');
  });
});
