import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RELATIVE_PERIODS, resolvePeriod } from '../../src/domain/relative-period.js';
import { addDays, weekday } from '../../src/domain/time.js';

describe('registration periods relative to today', () => {
  it('reads the calendar the county reads: weeks from Monday, months from the 1st', () => {
    // 2026-12-01 is a Tuesday.
    expect(resolvePeriod('today', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(resolvePeriod('this_week', '2026-12-01')).toEqual({ from: '2026-11-30', to: '2026-12-01' });
    // On a Sunday the week began six days before.
    expect(resolvePeriod('this_week', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(resolvePeriod('this_week', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(resolvePeriod('last_7_days', '2026-12-01')).toEqual({ from: '2026-11-25', to: '2026-12-01' });
    expect(resolvePeriod('this_month', '2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(resolvePeriod('this_month', '2027-02-28')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(resolvePeriod('last_30_days', '2027-01-10')).toEqual({ from: '2026-12-12', to: '2027-01-10' });
  });

  const day = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));

  it('always ends today and starts on or before it; a week starts on a Monday within 7 days', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...RELATIVE_PERIODS), (today, period) => {
        const { from, to } = resolvePeriod(period, today);
        expect(to).toBe(today);
        expect(from <= to).toBe(true);
        if (period === 'this_week') {
          expect(weekday(from)).toBe(1);
          expect(addDays(from, 6) >= today).toBe(true);
        }
        if (period === 'this_month') expect(from.slice(0, 7)).toBe(today.slice(0, 7));
      }),
    );
  });
});
