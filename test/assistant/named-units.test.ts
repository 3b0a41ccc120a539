import { describe, expect, it } from 'vitest';
import { unitsNamedIn, withNamedUnits } from '../../src/domain/assistant/named-units.js';

const UNITS = [
  { id: 1, name: '县自然资源局', synonyms: ['自然资源', '国土局'] },
  { id: 2, name: '县市场监督管理局', synonyms: ['市监局', '市场监管', '工商局'] },
  { id: 3, name: '县住房和城乡建设局', synonyms: ['住建局', '住建', '房管'] },
  { id: 4, name: '县供水有限公司', synonyms: ['供水', '自来水公司'] },
];

describe('the units a citizen names', () => {
  it('by name, by name without 县, by a word of the office followed by a body word', () => {
    expect(unitsNamedIn('村里耕地被占建厂，希望自然资源部门来查处', UNITS)).toEqual([1]);
    expect(unitsNamedIn('已经向市监局反映过，没人管', UNITS)).toEqual([2]);
    expect(unitsNamedIn('找过县住房和城乡建设局', UNITS)).toEqual([3]);
    expect(unitsNamedIn('市场监督管理局的人来看过', UNITS)).toEqual([2]);
    expect(unitsNamedIn('住建 局 说不归他们管', UNITS)).toEqual([3]);
  });

  it('not by a word that is only the matter', () => {
    expect(unitsNamedIn('小区停水三天，供水一直不正常', UNITS)).toEqual([]);
    expect(unitsNamedIn('房管方面的问题', UNITS)).toEqual([]);
  });

  it("are marked in the top three, or added after them with the model's own confidence", () => {
    const ranked = [3, 4, 2, 1].map((unitId, i) => ({
      unitId,
      name: `u${unitId}`,
      confidence: 0.4 - i * 0.1,
    }));
    const s = withNamedUnits(ranked, [1, 2], 3);
    expect(s.map((u) => [u.unitId, u.namedInText])).toEqual([
      [3, false],
      [4, false],
      [2, true],
      [1, true],
    ]);
    expect(s[3]?.confidence).toBeCloseTo(0.1);
  });
});
