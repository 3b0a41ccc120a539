import { describe, expect, it } from 'vitest';
import { lateCoUnits } from '../../src/domain/workflow/co-unit-lateness.js';
import { sh } from './calendar-fixture.js';
import { CO, CO2, LEAD, OTHER_UNIT, refusalOf } from './factories.js';
import { CO_UNIT_BY, HANDLE_BY, reach, step, T } from './workflow-fixture.js';

const coReturn = {
  action: 'coReturn' as const,
  reason: '食品经营许可由县市场监管局负责,该事项不属于本单位协办职责',
  suggestedUnit: '县市场监管局',
};

describe('a co-unit returns its part (协办回退)', () => {
  it('within the return window, with reason and suggestion: its assignment ends, the lead keeps the order', () => {
    const o = reach('handling');
    const { decision, order } = step(o, 'co', coReturn, sh('2026-03-03T09:00'));
    expect([decision.from, decision.to]).toEqual(['handling', 'handling']);
    expect(decision.assignments).toEqual([{ op: 'coReturned', unitId: CO, at: sh('2026-03-03T09:00') }]);
    expect(decision.events).toEqual([
      {
        type: 'co_returned',
        payload: { unitId: CO, reason: coReturn.reason, suggestedUnit: '县市场监管局' },
      },
    ]);
    expect(order.assignments.filter((a) => a.active).map((a) => a.unitId)).not.toContain(CO);
    // The returned co-unit is never counted late afterwards.
    expect(lateCoUnits(order, sh('2026-03-06T10:00'))).toEqual([CO2]);
  });

  it('refused after the window, without a reason or suggestion, and after its opinion', () => {
    const o = reach('handling');
    expect(refusalOf(() => step(o, 'co', coReturn, sh('2026-03-04T09:00'))).code).toBe(
      'RETURN_WINDOW_CLOSED',
    );
    expect(refusalOf(() => step(o, 'co', { ...coReturn, reason: '不是' }, T.sign)).code).toBe(
      'RETURN_REASON_REQUIRED',
    );
    expect(refusalOf(() => step(o, 'co', { ...coReturn, suggestedUnit: ' ' }, T.sign)).code).toBe(
      'RETURN_SUGGESTION_REQUIRED',
    );
    let signed = step(o, 'co', { action: 'coSign' }, T.sign).order;
    // Words that say only that it will help are no opinion (phone review).
    for (const content of ['已收悉,我单位将积极配合牵头单位做好相关工作。', '收到,我局全力配合支持。'])
      expect(refusalOf(() => step(signed, 'co', { action: 'coOpinion', content }, T.sign)).code).toBe(
        'OPINION_TOO_SHORT',
      );
    signed = step(
      signed,
      'co',
      { action: 'coOpinion', content: '经查该店已办理营业执照，油烟净化器未开启。' },
      T.sign,
    ).order;
    expect(refusalOf(() => step(signed, 'co', coReturn, T.sign)).code).toBe('CO_OPINION_ALREADY_GIVEN');
  });

  it('only a co-unit may return a co-unit’s part; the lead has its own return', () => {
    const o = reach('handling');
    expect(refusalOf(() => step(o, 'lead', coReturn, T.sign)).code).toBe('NOT_ALLOWED_FOR_ACTOR');
  });
});

describe('a co-unit is late only after its own deadline', () => {
  it('none before or at the deadline, every silent active co-unit after it', () => {
    const o = reach('handling');
    expect(lateCoUnits(o, T.reply)).toEqual([]);
    expect(lateCoUnits(o, CO_UNIT_BY)).toEqual([]);
    expect(lateCoUnits(o, new Date(CO_UNIT_BY.getTime() + 1))).toEqual([CO, CO2]);
  });
});

describe('the office adds a co-unit (增加协办单位)', () => {
  const add = { action: 'addCoUnit' as const, unitId: OTHER_UNIT, note: '按协办单位建议增加' };

  it('the new co-unit gets the order’s co-unit deadline while it is ahead', () => {
    const o = reach('handling');
    const { decision, order } = step(o, 'dispatcher', add, T.sign);
    expect([decision.from, decision.to]).toEqual(['handling', 'handling']);
    expect(decision.patch).toEqual({});
    expect(decision.assignments).toEqual([{ op: 'addCo', unitId: OTHER_UNIT, at: T.sign }]);
    expect(decision.events).toEqual([
      {
        type: 'co_unit_added',
        payload: { unitId: OTHER_UNIT, coUnitBy: CO_UNIT_BY.toISOString(), note: '按协办单位建议增加' },
      },
    ]);
    expect(order.assignments.filter((a) => a.active && a.role === 'co').map((a) => a.unitId)).toEqual([
      CO,
      CO2,
      OTHER_UNIT,
    ]);
  });

  it('once that deadline has passed, a fresh one from now, before the lead’s: never late on arrival', () => {
    const o = reach('handling');
    const now = sh('2026-03-06T10:00');
    const { decision } = step(o, 'dispatcher', add, now);
    const coUnitBy = decision.patch.coUnitBy as Date;
    expect(coUnitBy.getTime()).toBeGreaterThan(now.getTime());
    expect(coUnitBy.getTime()).toBeLessThan(HANDLE_BY.getTime());
  });

  it('refused for the lead, for a unit already helping, and for anyone but the dispatcher', () => {
    const o = reach('handling');
    expect(refusalOf(() => step(o, 'dispatcher', { ...add, unitId: LEAD }, T.sign)).code).toBe(
      'LEAD_ALSO_CO_UNIT',
    );
    expect(refusalOf(() => step(o, 'dispatcher', { ...add, unitId: CO }, T.sign)).code).toBe(
      'CO_UNIT_ALREADY_ADDED',
    );
    expect(refusalOf(() => step(o, 'lead', add, T.sign)).code).toBe('NOT_ALLOWED_FOR_ACTOR');
  });

  it('a co-unit that returned its part may be added back', () => {
    const returned = step(reach('handling'), 'co', coReturn, sh('2026-03-03T09:00')).order;
    const { order } = step(returned, 'dispatcher', { ...add, unitId: CO }, sh('2026-03-03T10:00'));
    expect(order.assignments.filter((a) => a.active && a.unitId === CO)).toHaveLength(1);
  });
});
