import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../web/src/api/types';
import { arrangementProblem, calendarChanges, parseDates } from '../../web/src/features/admin/calendarImport';

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

describe('what importing a year already held would change', () => {
  const held = (date: string, kind: CalendarDay['kind'], name: string | null = null): CalendarDay => ({
    date,
    kind,
    name,
    working: kind === 'workday' || kind === 'makeup',
  });
  // 2026-10-01 (Thu) to 10-04 (Sun), with Saturday 10-10 switched to a working day by hand.
  const current = [
    held('2026-10-01', 'holiday', '国庆节'),
    held('2026-10-02', 'holiday', '国庆节'),
    held('2026-10-03', 'weekend'),
    held('2026-10-04', 'weekend'),
    held('2026-10-05', 'workday'),
    held('2026-10-10', 'makeup', '国庆节调休'),
  ];

  it('lists each day whose kind changes, the hand-made change included, and nothing else', () => {
    const changes = calendarChanges(
      current,
      parseDates('2026-10-01~2026-10-05 国庆节').dates,
      parseDates('2026-10-11 国庆节调休').dates,
    );
    expect(changes).toEqual([
      { date: '2026-10-03', from: 'weekend', to: 'holiday', name: '国庆节' },
      { date: '2026-10-04', from: 'weekend', to: 'holiday', name: '国庆节' },
      { date: '2026-10-05', from: 'workday', to: 'holiday', name: '国庆节' },
      { date: '2026-10-10', from: 'makeup', to: 'weekend', name: null },
    ]);
  });

  it('finds nothing to change when the arrangement is the one held', () => {
    expect(
      calendarChanges(
        current,
        parseDates('2026-10-01~2026-10-02 国庆节').dates,
        parseDates('2026-10-10 国庆节调休').dates,
      ),
    ).toEqual([]);
  });

  it('says before the confirmation what the server would refuse: a day both off and worked, 调休 on a weekday', () => {
    const off = [{ date: '2027-01-01', name: '元旦' }];
    expect(arrangementProblem(off, [{ date: '2027-01-01', name: '元旦调休' }])).toBe(
      '日期 2027-01-01 重复出现，不能既放假又调休上班。',
    );
    expect(arrangementProblem(off, [{ date: '2027-01-05', name: '元旦调休' }])).toContain('不是周末');
    expect(arrangementProblem(off, [{ date: '2027-02-20', name: '春节调休' }])).toBeUndefined();
  });
});
