import { describe, expect, it } from 'vitest';
import { parseDates } from '../../web/src/features/admin/calendarImport';

/** The calendar import's reading of the State Council's notice, as the administrator pastes it. */
describe('calendar import lines', () => {
  it('reads single days and ranges, in ASCII, full-width and Chinese date forms', () => {
    const { dates, error } = parseDates(
      '2027年1月1日 元旦\n２０２７-02-06～2027-02-08 春节\n2027-02-09至2027-02-09 春节',
    );
    expect(error).toBeUndefined();
    expect(dates.map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
    ]);
  });

  it('refuses a day that does not exist, a backward range and a day given twice', () => {
    expect(parseDates('2027-02-30 春节').error).toContain('2027-02-30 不是有效日期');
    expect(parseDates('2027-13-01 元旦').error).toContain('不是有效日期');
    expect(parseDates('2027-02-12~2027-02-06 春节').error).toContain('结束日期早于开始日期');
    expect(parseDates('2027-02-06~2027-02-08 春节\n2027-02-08 春节').error).toContain('2027-02-08 写了两次');
  });
});
