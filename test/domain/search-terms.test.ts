import { describe, expect, it } from 'vitest';
import { jiebaSearchSegmenter } from '../../src/domain/assistant/segmenter.js';
import { isPlainWord, relaxedWords, searchTerms } from '../../src/domain/search-terms.js';

describe('the words of a search', () => {
  it('are separated by spaces, half- or full-width, each once', () => {
    expect(searchTerms('幸福小区 电梯')).toEqual(['幸福小区', '电梯']);
    expect(searchTerms('幸福小区　电梯  停运')).toEqual(['幸福小区', '电梯', '停运']);
    expect(searchTerms(' 暖气 ')).toEqual(['暖气']);
    expect(searchTerms('暖气 暖气')).toEqual(['暖气']);
  });

  it('keep a number dictated in groups as one word', () => {
    expect(searchTerms('138 0000 1111')).toEqual(['138 0000 1111']);
    expect(searchTerms('张三 138 0000 1111')).toEqual(['张三', '138 0000 1111']);
    expect(searchTerms('(0371) 6555 1234 王')).toEqual(['(0371) 6555 1234', '王']);
    expect(searchTerms('4101 0219 9001 0112 34')).toEqual(['4101 0219 9001 0112 34']);
    expect(searchTerms('3号楼 502')).toEqual(['3号楼', '502']);
  });

  it('are the query itself when it is only spaces', () => {
    expect(searchTerms(' ')).toEqual([' ']);
  });

  it('are text alone when they hold no Latin letter or digit', () => {
    expect(isPlainWord('电梯')).toBe(true);
    expect(isPlainWord('，')).toBe(true);
    expect(isPlainWord('3号楼')).toBe(false);
    expect(isPlainWord('hy202612060001')).toBe(false);
  });

  it('a one-word search that found nothing is searched again by its words, when it has two or more', () => {
    expect(relaxedWords('拖欠工资', jiebaSearchSegmenter)).toEqual(['拖欠', '工资']);
    expect(relaxedWords('噪声扰民', jiebaSearchSegmenter)).toEqual(['噪声', '扰民']);
    // The segmenter reads 路 + 灯不亮: the text is taken two characters at a time instead.
    expect(relaxedWords('路灯不亮', jiebaSearchSegmenter)).toEqual(['路灯', '不亮']);
    expect(relaxedWords('下水道堵', () => [])).toEqual(['下水', '道堵']);
    expect(relaxedWords('楼道灯坏', () => ['楼道灯坏'])).toEqual(['楼道', '灯坏']);
    expect(relaxedWords('道灯坏', () => [])).toEqual(['道灯', '灯坏']);
    // Too short, a number, several words typed, or one word only: searched as typed.
    for (const q of ['暖气', '3号楼漏水', '拖欠 工资', '电梯', '工资'])
      expect(relaxedWords(q, jiebaSearchSegmenter), q).toEqual([]);
  });
});
