import { describe, expect, it } from 'vitest';
import {
  checkRow,
  cityOwnedChanges,
  findCategory,
  headerSignature,
  mappingProblems,
  normalizeHeader,
  parseDeadlineCell,
  suggestMapping,
} from '../../src/domain/city-import.js';

const NOW = new Date('2026-03-02T01:00:00Z');
const CATEGORIES = [
  { id: 1, level1: '城乡建设', level2: '物业管理', level3: '电梯故障' },
  { id: 2, level1: '城乡建设', level2: '市政设施', level3: '路灯' },
  { id: 3, level1: '交通运输', level2: '公交', level3: '路灯' },
];
const HEADERS = ['工单编号', '来电人', '来电号码', '诉求类型', '标题', '诉求内容', '办理期限'];
const good = {
  cityOrderNo: 'SZ001',
  citizenName: '张先生',
  citizenPhone: 13909721234,
  type: '投诉',
  title: '小区路灯损坏',
  content: '小区门口路灯坏了半个月,晚上出行不安全。',
  cityDeadline: '2026-03-20 17:00',
};

describe('column headers', () => {
  it('match across full-width and half-width forms, spaces and a trailing colon', () => {
    expect(normalizeHeader(' 联系 电话：')).toBe(normalizeHeader('联系电话'));
    expect(normalizeHeader('市平台工单编号(必填)')).toBe(normalizeHeader('市平台工单编号（必填）'));
    expect(normalizeHeader('ＩＤ')).toBe('id');
    expect(headerSignature(['标题', '工单编号 '])).toBe(headerSignature(['工单编号', '标 题']));
    expect(headerSignature(['标题'])).not.toBe(headerSignature(['标题', '内容']));
  });

  it('are mapped by a saved mapping first, then by the field names and known aliases', () => {
    const guessed = suggestMapping(HEADERS, null);
    expect(guessed).toMatchObject({
      cityOrderNo: '工单编号',
      citizenPhone: '来电号码',
      cityDeadline: '办理期限',
    });
    expect(mappingProblems(HEADERS, guessed)).toEqual([]);

    const odd = ['单号', '来电人', '号码', '类型', '标题', '问题', '限时'];
    const none = suggestMapping(odd, null);
    expect(none.cityOrderNo).toBeUndefined();
    expect(mappingProblems(odd, none)).toContain('「市平台工单编号」尚未对应到表格中的列。');
    const saved = suggestMapping(odd, { cityOrderNo: '单 号', citizenPhone: '号码：', content: '问题' });
    expect(saved).toMatchObject({ cityOrderNo: '单号', citizenPhone: '号码', content: '问题', type: '类型' });
  });

  it('name a column used twice or missing from the file', () => {
    expect(mappingProblems(HEADERS, { ...suggestMapping(HEADERS, null), citizenName: '标题' })).toContain(
      '「标题」列同时对应了「来电人姓名」和「标题」。',
    );
    expect(mappingProblems(HEADERS, { ...suggestMapping(HEADERS, null), urgency: '缓急' })).toContain(
      '表格中没有「缓急」这一列（对应「紧急程度」）。',
    );
  });
});

describe('deadline cells', () => {
  it('read text, spreadsheet dates and serial numbers as Beijing time', () => {
    const at = '2026-03-20T09:00:00.000Z';
    expect((parseDeadlineCell('2026-03-20 17:00') as Date).toISOString()).toBe(at);
    expect((parseDeadlineCell('2026/3/20 17:00') as Date).toISOString()).toBe(at);
    expect((parseDeadlineCell('2026年3月20日 17时00分') as Date).toISOString()).toBe(at);
    expect((parseDeadlineCell('２０２６－０３－２０　１７：００') as Date).toISOString()).toBe(at);
    expect((parseDeadlineCell(new Date(Date.UTC(2026, 2, 20, 17, 0))) as Date).toISOString()).toBe(at);
    // 2026-03-20 is day 46101 of Excel's calendar; 17:00 is 17/24 of a day.
    expect((parseDeadlineCell(46101 + 17 / 24) as Date).toISOString()).toBe(at);
  });

  it('take a date without a time as the end of that day (24:00)', () => {
    expect((parseDeadlineCell('2026-03-20') as Date).toISOString()).toBe('2026-03-20T16:00:00.000Z');
    expect((parseDeadlineCell('2026-03-20 24:00') as Date).toISOString()).toBe('2026-03-20T16:00:00.000Z');
  });

  it('refuse what is no date', () => {
    for (const bad of ['下周五', '2026-02-30', '2026-03-20 25:00', '20/03/2026', -5])
      expect(parseDeadlineCell(bad)).toBe('invalid');
    expect(parseDeadlineCell('')).toBeNull();
    expect(parseDeadlineCell(null)).toBeNull();
  });
});

describe('a row', () => {
  const mapping = suggestMapping(HEADERS, null);
  const ctx = { now: NOW, categories: CATEGORIES };

  it('becomes the order the city would post', () => {
    const r = checkRow(
      { ...good, urgency: '紧急', needsCitizenReply: '否', category: '电梯故障' },
      mapping,
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      order: {
        cityOrderNo: 'SZ001',
        citizenName: '张先生',
        citizenPhone: '13909721234',
        citizenAddress: '',
        categoryId: 1,
        type: 'complaint',
        title: '小区路灯损坏',
        content: '小区门口路灯坏了半个月,晚上出行不安全。',
        cityDeadline: '2026-03-20T09:00:00.000Z',
        urgency: 'urgent',
        needsCitizenReply: false,
      },
    });
  });

  it('says for each column what is wrong, in Chinese', () => {
    const r = checkRow(
      { ...good, cityOrderNo: ' ', type: '吐槽', cityDeadline: '2026-03-01 09:00', urgency: '很急' },
      mapping,
      ctx,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.column)).toEqual([
      '工单编号',
      '诉求类型',
      '办理期限',
      '紧急程度',
    ]);
    expect(!r.ok && r.problems[0]?.message).toBe('「工单编号」不能为空。');
  });

  it('finds a category by its path or by an unambiguous last level', () => {
    expect(findCategory('城乡建设 / 市政设施 / 路灯', CATEGORIES)).toBe(2);
    expect(findCategory('交通运输＞公交＞路灯', CATEGORIES)).toBe(3);
    expect(findCategory('路灯', CATEGORIES)).toBeNull();
    expect(findCategory('电梯故障', CATEGORIES)).toBe(1);
  });
});

describe('a known order', () => {
  const row = { cityDeadline: '2026-03-25T09:00:00.000Z' } as Parameters<typeof cityOwnedChanges>[1];
  it('takes only the deadline the city changed', () => {
    expect(cityOwnedChanges({ cityDeadline: '2026-03-20T09:00:00.000Z' }, row)).toEqual({
      cityDeadline: '2026-03-25T09:00:00.000Z',
    });
    expect(cityOwnedChanges({ cityDeadline: '2026-03-25T09:00:00.000Z' }, row)).toBeNull();
    expect(
      cityOwnedChanges({ cityDeadline: '2026-03-25T09:00:00.000Z' }, { ...row, cityDeadline: null }),
    ).toBeNull();
  });
});
