import { describe, expect, it } from 'vitest';
import { DEMO_KNOWLEDGE } from '../../src/setup/seed/demo-knowledge.js';
import { inCycleOf } from '../../src/setup/seed/knowledge.js';

const entry = (title: string) => {
  const found = DEMO_KNOWLEDGE.find((k) => k.title === title);
  if (!found) throw new Error(`no demo entry ${title}`);
  return found;
};
const dibao = entry('城乡居民最低生活保障申请条件和标准');
const farmland = entry('2026年耕地地力保护补贴标准和发放');

/** The demo's yearly notices read as the year the demo is started in. */
describe('a yearly demo notice in the cycle of the seeding day', () => {
  it('is left as written within its own cycle', () => {
    expect(inCycleOf(dibao, '2026-12-06')).toBe(dibao);
    expect(inCycleOf(farmland, '2026-04-10')).toBe(farmland);
  });

  it("moves every year it names to the next cycle's, its older version with it", () => {
    const next = inCycleOf(dibao, '2027-01-12');
    expect(next.validFrom).toBe('2027-01-01');
    expect(next.validUntil).toBe('2027-12-31');
    expect(next.body.startsWith('2027年我县城市低保标准')).toBe(true);
    expect(next.source).toContain('河民发〔2027〕3号');
    expect(next.previous?.validFrom).toBe('2026-01-01');
    expect(next.previous?.source).toContain('2026年城乡低保标准');
    // Numbers that merely contain 20xx are not years: 20个工作日 stays.
    expect(next.body).toContain('20个工作日内');
  });

  it('stays in the last cycle until its own begins (the subsidy from April), and so lapses', () => {
    const january = inCycleOf(farmland, '2027-01-12');
    expect(january.title).toBe('2026年耕地地力保护补贴标准和发放');
    expect(january.validUntil).toBe('2026-12-31');
    expect(inCycleOf(farmland, '2027-04-10').title).toBe('2027年耕地地力保护补贴标准和发放');
    expect(inCycleOf(farmland, '2026-03-01').validFrom).toBe('2025-04-10');
  });

  it('leaves notices that are not yearly, and phone numbers, alone', () => {
    const plain = DEMO_KNOWLEDGE.filter((k) => !k.yearly);
    for (const k of plain) expect(inCycleOf(k, '2029-06-01')).toBe(k);
    const medical = inCycleOf(entry('2027年度城乡居民医保参保缴费标准和时间'), '2027-09-01');
    expect(medical.title).toBe('2028年度城乡居民医保参保缴费标准和时间');
    expect(medical.body).toContain('集中缴费期为2027年9月1日至12月31日');
  });
});
