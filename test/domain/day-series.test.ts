import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_SERIES_MAX_DAYS, daySeries, periodOf } from '../../src/domain/figures.js';
import { addDays } from '../../src/domain/time.js';

describe('a daily series over a period', () => {
  it('lists every day of a month, the days without orders at zero', () => {
    const march = periodOf('month', '2026-03-15');
    const series = daySeries(march, [
      { day: '2026-03-20', count: 4 },
      { day: '2026-03-02', count: 6 },
    ]);
    expect(series).toHaveLength(31);
    expect(series[0]).toEqual({ day: '2026-03-01', count: 0 });
    expect(series[1]).toEqual({ day: '2026-03-02', count: 6 });
    expect(series[19]).toEqual({ day: '2026-03-20', count: 4 });
    expect(series[30]).toEqual({ day: '2026-03-31', count: 0 });
  });

  it('keeps a leap year’s 29 February and a year’s 366 or 365 days', () => {
    expect(daySeries(periodOf('year', '2028-06-01'), [])).toHaveLength(366);
    expect(daySeries(periodOf('year', '2026-06-01'), [])).toHaveLength(365);
    expect(daySeries(periodOf('month', '2028-02-10'), []).at(-1)?.day).toBe('2028-02-29');
  });

  it('holds every count, in order, one entry a day, for any period up to three years', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: DAY_SERIES_MAX_DAYS - 1 }),
        fc.uniqueArray(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 50 })), { selector: ([d]) => d }),
        (start, length, picks) => {
          const from = addDays('2020-01-01', start);
          const period = { from, to: addDays(from, length) };
          const counts = picks.map(([d, count]) => ({ day: addDays(from, d % (length + 1)), count }));
          const unique = [...new Map(counts.map((c) => [c.day, c])).values()];
          const series = daySeries(period, unique);
          expect(series).toHaveLength(length + 1);
          expect(series.map((s) => s.day)).toEqual(series.map((_, i) => addDays(from, i)));
          expect(series.reduce((n, s) => n + s.count, 0)).toBe(unique.reduce((n, c) => n + c.count, 0));
          for (const c of unique) expect(series.find((s) => s.day === c.day)?.count).toBe(c.count);
        },
      ),
    );
  });

  it('lists only the days with orders over a custom period longer than three years', () => {
    const series = daySeries({ from: '2000-01-01', to: '2029-12-31' }, [
      { day: '2026-03-02', count: 6 },
      { day: '2001-05-01', count: 1 },
    ]);
    expect(series).toEqual([
      { day: '2001-05-01', count: 1 },
      { day: '2026-03-02', count: 6 },
    ]);
  });
});
