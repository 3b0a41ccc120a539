import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigramSet, similarityTo, textSimilarity } from '../../src/domain/text-similarity.js';

// Characters the texts of a county hotline are made of, and the odd ones a form may receive.
const PIECES = [
  ...'水管破裂漏水严重小区路灯不亮噪音扰民垃圾清运',
  ...'，。；！：、（）“”《》？,.;!:()"?-—',
  ' ',
  '\u3000',
  '\n',
  '\t',
  ...'0123456789０１２３AbZ',
  '😀',
  '𠀀',
  '\ud800',
  '\udc00',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join(''));

describe('text similarity', () => {
  it('the fast comparison gives exactly what the plain definition gives', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 8 }), (probe, others) => {
        const fast = similarityTo(probe);
        for (const other of others) {
          expect(fast(other)).toBe(textSimilarity(bigramSet(probe), bigramSet(other)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('full-width and ASCII punctuation make no difference; unrelated texts share nothing', () => {
    const probe = similarityTo('水管破裂，漏水严重！');
    expect(probe('水管破裂,漏水严重!')).toBe(1);
    expect(probe('水管 破裂。漏水 严重')).toBe(1);
    expect(probe('咨询社保卡办理流程')).toBe(0);
    expect(similarityTo('')('水管破裂')).toBe(0);
    expect(probe('，。！')).toBe(0);
  });

  it('a mark between two halves of a broken character does not join them (found by the property on CI)', () => {
    const probe = '民\ud800';
    const other = '民\ud800"\udc00';
    expect(similarityTo(probe)(other)).toBe(textSimilarity(bigramSet(probe), bigramSet(other)));
    expect(similarityTo(probe)(other)).toBeCloseTo(2 / 3);
  });

  it('long texts (more pairs than the first table holds) are compared exactly', () => {
    // 3,000 ideographs in a scrambled order: nearly 3,000 different pairs.
    const long = Array.from({ length: 3000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919) % 20000)),
    ).join('');
    const other = `${long.slice(0, 1500)}另外小区东门路灯损坏`;
    expect(bigramSet(long).size).toBeGreaterThan(2000);
    expect(similarityTo(long)(other)).toBe(textSimilarity(bigramSet(long), bigramSet(other)));
  });
});
