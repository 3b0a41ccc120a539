import { describe, expect, it } from 'vitest';
import {
  CalendarYearMissing,
  isWorkingKind,
  ordinaryKind,
  WorkingCalendar,
} from '../../src/domain/calendar.js';
import { AppRefusal } from '../../src/domain/refusal.js';
import { HOUR_MS, weekday } from '../../src/domain/time.js';
import { buildCalendar, calendar, calendarDays, sh } from './calendar-fixture.js';

describe('calendar fixture (State Council 2026 arrangement via chinese-days)', () => {
  it('holds exactly the years it was built for', () => {
    expect(calendar.heldYears()).toEqual([2025, 2026]);
    expect(calendar.holdsYear(2026)).toBe(true);
    expect(calendar.holdsYear(2027)).toBe(false);
  });

  it('knows the 2026 make-up days and names them', () => {
    const makeup = calendarDays([2026])
      .filter((d) => d.kind === 'makeup')
      .map((d) => d.date)
      .sort();
    // 国务院办公厅关于2026年部分节假日安排的通知: 1月4日, 2月14日, 2月28日, 5月9日, 9月20日, 10月10日 上班.
    expect(makeup).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    const feb14 = calendarDays([2026]).find((d) => d.date === '2026-02-14');
    expect(feb14).toEqual({ date: '2026-02-14', kind: 'makeup', name: '春节' });
  });
});

describe('WorkingCalendar.isWorkingDay', () => {
  it('ordinary weekdays are working, weekends are off', () => {
    expect(weekday('2026-03-02')).toBe(1);
    for (const d of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']) {
      expect(calendar.isWorkingDay(d)).toBe(true);
    }
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-03-08')).toBe(false); // Sunday
  });

  it('make-up days (调休上班) are working even on a weekend', () => {
    expect(weekday('2026-09-20')).toBe(0); // Sunday
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(weekday('2026-02-14')).toBe(6); // Saturday
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-05-09')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 2025 National Day make-up
  });

  it('public holidays are off even on a weekday', () => {
    // Spring Festival 2026-02-15..23: 16th..20th and 23rd are Monday..Friday and Monday.
    for (let day = 15; day <= 23; day++) {
      expect(calendar.isWorkingDay(`2026-02-${day}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-05-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-05-05')).toBe(false); // Tuesday
    expect(calendar.isWorkingDay('2026-09-25')).toBe(false); // Mid-autumn, Friday
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false); // Wednesday
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('refuses a year it does not hold with CalendarYearMissing (CALENDAR_YEAR_MISSING)', () => {
    let caught: unknown;
    try {
      calendar.isWorkingDay('2027-01-04');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CalendarYearMissing);
    expect(caught).toBeInstanceOf(AppRefusal);
    const refusal = caught as CalendarYearMissing;
    expect(refusal.code).toBe('CALENDAR_YEAR_MISSING');
    expect(refusal.kind).toBe('rule');
    expect(refusal.year).toBe(2027);
    expect(refusal.details).toEqual({ year: 2027 });
    expect(refusal.message).toContain('2027');
    expect(refusal.message).toContain('节假日安排');
    expect(() => calendar.isWorkingDay('2024-06-03')).toThrow(CalendarYearMissing);
  });

  it('does not guess a weekday calendar for a year given without exceptions', () => {
    const bare = new WorkingCalendar([2026], []);
    expect(bare.isWorkingDay('2026-02-16')).toBe(true); // a Monday: no holiday data, so ordinary
    expect(bare.isWorkingDay('2026-02-14')).toBe(false);
    expect(() => bare.isWorkingDay('2025-12-31')).toThrow(CalendarYearMissing);
  });
});

describe('day kinds', () => {
  it('ordinaryKind and isWorkingKind', () => {
    expect(ordinaryKind('2026-03-07')).toBe('weekend');
    expect(ordinaryKind('2026-03-08')).toBe('weekend');
    expect(ordinaryKind('2026-03-09')).toBe('workday');
    expect(isWorkingKind('workday')).toBe(true);
    expect(isWorkingKind('makeup')).toBe(true);
    expect(isWorkingKind('holiday')).toBe(false);
    expect(isWorkingKind('weekend')).toBe(false);
  });
});

describe('WorkingCalendar.nextWorkingDayFrom', () => {
  it('returns the day itself when it is working', () => {
    expect(calendar.nextWorkingDayFrom('2026-03-04')).toBe('2026-03-04');
    expect(calendar.nextWorkingDayFrom('2026-09-20')).toBe('2026-09-20');
  });
  it('skips weekends and holidays', () => {
    expect(calendar.nextWorkingDayFrom('2026-03-07')).toBe('2026-03-09');
    expect(calendar.nextWorkingDayFrom('2026-02-15')).toBe('2026-02-24');
    expect(calendar.nextWorkingDayFrom('2026-10-01')).toBe('2026-10-08');
  });
});

describe('WorkingCalendar.addWorkingDays (民法典 art. 201: the start day is not counted)', () => {
  it('one working day from a Monday is Tuesday, not Monday', () => {
    expect(calendar.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
  });
  it('counting from a Friday skips the weekend', () => {
    expect(calendar.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(calendar.addWorkingDays('2026-03-06', 5)).toBe('2026-03-13');
  });
  it('a start on a non-working day is not counted either', () => {
    // Saturday 03-07: Mon 9 (1) … Fri 13 (5).
    expect(calendar.addWorkingDays('2026-03-07', 5)).toBe('2026-03-13');
  });
  it('counts make-up days', () => {
    // Friday 2026-02-13: Saturday 02-14 is a make-up day, so it is the first working day.
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    // Friday 2026-09-18: Sunday 09-20 is a make-up day.
    expect(calendar.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
  });
  it('zero working days is the first working day on or after the start', () => {
    expect(calendar.addWorkingDays('2026-03-04', 0)).toBe('2026-03-04');
    expect(calendar.addWorkingDays('2026-02-15', 0)).toBe('2026-02-24');
  });
  it('refuses a negative or fractional count', () => {
    expect(() => calendar.addWorkingDays('2026-03-04', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-04', 1.5)).toThrow(RangeError);
  });
  it('refuses to run into a year it does not hold', () => {
    // Wed 2026-12-30: Thu 31 (1), then 2027-01-01 is unknown.
    expect(() => calendar.addWorkingDays('2026-12-30', 5)).toThrow(CalendarYearMissing);
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
  });
  it('the start day is not even looked at, so its year need not be held', () => {
    const only2026 = buildCalendar([2026]);
    // 2026-01-01..03 New Year holiday; Sunday 01-04 is a make-up day.
    expect(only2026.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(() => only2026.addWorkingDays('2025-12-30', 1)).toThrow(CalendarYearMissing);
  });
});

describe('WorkingCalendar.workingMsBetween', () => {
  it('counts only working days, in milliseconds', () => {
    // Fri 12:00 → Mon 12:00: 12 h of Friday + 12 h of Monday.
    expect(calendar.workingMsBetween(sh('2026-03-06T12:00'), sh('2026-03-09T12:00'))).toBe(24 * HOUR_MS);
  });
  it('within one working day it is the plain difference', () => {
    expect(calendar.workingMsBetween(sh('2026-03-04T09:15'), sh('2026-03-04T17:45'))).toBe(8.5 * HOUR_MS);
  });
  it('inside a weekend it is zero', () => {
    expect(calendar.workingMsBetween(sh('2026-03-07T08:00'), sh('2026-03-08T20:00'))).toBe(0);
  });
  it('counts make-up days and skips the Spring Festival', () => {
    // Fri 02-13 12:00 → Tue 02-24 12:00: 12 h (13th) + 24 h (14th, make-up) + 12 h (24th).
    expect(calendar.workingMsBetween(sh('2026-02-13T12:00'), sh('2026-02-24T12:00'))).toBe(48 * HOUR_MS);
  });
  it('is negative when reversed and zero for the same instant', () => {
    const a = sh('2026-03-06T12:00');
    const b = sh('2026-03-09T12:00');
    expect(calendar.workingMsBetween(b, a)).toBe(-24 * HOUR_MS);
    expect(calendar.workingMsBetween(a, a)).toBe(0);
  });
  it('uses Shanghai days, not UTC days', () => {
    // Mon 2026-03-09 00:00 +08:00 is Sunday 16:00 UTC; the 8 hours before it are Sunday in Shanghai.
    expect(calendar.workingMsBetween(sh('2026-03-08T16:00'), sh('2026-03-09T08:00'))).toBe(8 * HOUR_MS);
  });
  it('an interval ending at 2026-12-31 24:00 does not need 2027', () => {
    expect(calendar.workingMsBetween(sh('2026-12-31T12:00'), sh('2027-01-01T00:00'))).toBe(12 * HOUR_MS);
    expect(() => calendar.workingMsBetween(sh('2026-12-31T12:00'), sh('2027-01-01T00:01'))).toThrow(
      CalendarYearMissing,
    );
  });
});
