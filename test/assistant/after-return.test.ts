import { describe, expect, it } from 'vitest';
import { type NamedUnit, unitNamed, unitsAfterReturns } from '../../src/domain/assistant/after-return.js';

const UNITS: NamedUnit[] = [
  { id: 1, name: '县住房和城乡建设局', synonyms: ['住建局', '建设局'] },
  { id: 2, name: '县城市管理综合行政执法局', synonyms: ['城管局', '执法局'] },
  { id: 3, name: '县水务局', synonyms: [] },
  { id: 4, name: '县市场监督管理局', synonyms: ['市监局', '执法局'] },
  { id: 5, name: '县民政局', synonyms: [] },
];
const ranked = (...ids: number[]) =>
  ids.map((id, i) => ({
    unitId: id,
    name: UNITS.find((u) => u.id === id)?.name ?? '',
    confidence: 0.5 / (i + 1),
  }));

describe('the units suggested after a return (回退)', () => {
  it('leaves out the unit that returned the order and puts the unit it suggested first', () => {
    const s = unitsAfterReturns(
      ranked(1, 5, 4, 3, 2),
      [{ unitId: 1, reason: '流浪犬收容不属于住建局职责', suggestedUnit: '县城市管理综合行政执法局' }],
      UNITS,
    );
    expect(s.units.map((u) => u.unitId)).toEqual([2, 5, 4]);
    // Confidences are the model's given that the matter is not the returning unit's (0.5 of it left).
    expect(s.units[0]).toMatchObject({ suggestedByReturn: true, confidence: 0.5 / 5 / 0.5 });
    expect(s.units[1]?.confidence).toBeCloseTo(0.25 / 0.5);
    expect(s.units.slice(1).every((u) => !u.suggestedByReturn)).toBe(true);
    expect(s.returned).toEqual([
      { unitId: 1, name: '县住房和城乡建设局', reason: '流浪犬收容不属于住建局职责' },
    ]);
  });

  it('after two returns, neither returning unit is suggested, and the latest usable suggestion leads', () => {
    const s = unitsAfterReturns(
      ranked(1, 2, 3, 4, 5),
      [
        { unitId: 1, reason: '不属于本单位', suggestedUnit: '城管局' },
        { unitId: 2, reason: '也不属于本单位', suggestedUnit: '县住房和城乡建设局' },
      ],
      UNITS,
    );
    // The second return suggests the first returning unit: the first return's suggestion is also gone (it returned),
    // so no suggestion leads and the model's order stands without either.
    expect(s.units.map((u) => u.unitId)).toEqual([3, 4, 5]);
    expect(s.units.some((u) => u.suggestedByReturn)).toBe(false);
    expect(s.returned.map((r) => r.unitId)).toEqual([1, 2]);
  });

  it('a suggestion in the unit’s own words counts when it names one unit; an unknown or shared word does not', () => {
    expect(unitNamed('市监局', UNITS)?.id).toBe(4);
    expect(unitNamed(' 县水务局 ', UNITS)?.id).toBe(3);
    expect(unitNamed('执法局', UNITS)).toBeNull();
    expect(unitNamed('县供销社', UNITS)).toBeNull();
    expect(unitNamed(null, UNITS)).toBeNull();
    const s = unitsAfterReturns(
      ranked(1, 2, 3),
      [{ unitId: 1, reason: '不属于本单位', suggestedUnit: '县供销社' }],
      UNITS,
    );
    expect(s.units.map((u) => u.unitId)).toEqual([2, 3]);
  });

  it('a model sure of the returning unit still tells the others apart, not all at 0 %', () => {
    const sure = [
      { unitId: 1, name: UNITS[0]?.name ?? '', confidence: 0.96 },
      { unitId: 3, name: '县水务局', confidence: 0.03 },
      { unitId: 5, name: '县民政局', confidence: 0.008 },
      { unitId: 2, name: '县城市管理综合行政执法局', confidence: 0.002 },
    ];
    const s = unitsAfterReturns(sure, [{ unitId: 1, reason: '不属于本单位', suggestedUnit: null }], UNITS);
    expect(s.units.map((u) => [u.unitId, Math.round(u.confidence * 100)])).toEqual([
      [3, 75],
      [5, 20],
      [2, 5],
    ]);
  });

  it('with no return, the model’s ranking is kept', () => {
    const s = unitsAfterReturns(ranked(1, 2, 3, 4), [], UNITS);
    expect(s.units.map((u) => u.unitId)).toEqual([1, 2, 3]);
    expect(s.returned).toEqual([]);
  });
});
