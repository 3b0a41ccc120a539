import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DayTotal, handlingWorkingDays, heldRunStarts } from '../../src/domain/handling-time.js';
import { DAY_MS, shanghaiDate, startOfShanghaiDay } from '../../src/domain/time.js';
import { buildCalendar } from './calendar-fixture.js';

/**
 * 办理用时 from day totals must equal the working time of each reply measured on its own
 * (calendar.workingMsBetween), holidays and 调休 included, for any replies.
 */
describe('handling time from day totals', () => {
  const calendar = buildCalendar([2024, 2025, 2026]);
  const instant = fc
    .integer({ min: Date.parse('2024-01-01T00:00:00+08:00'), max: Date.parse('2026-12-31T23:59:59+08:00') })
    .map((t) => new Date(t));
  const reply = fc
    .tuple(instant, instant, fc.integer({ min: 1, max: 3 }))
    .map(([a, b, unitId]) => (a <= b ? { began: a, replied: b, unitId } : { began: b, replied: a, unitId }));

  /** The day totals the reads give for these replies. */
  function totals(replies: Array<{ began: Date; replied: Date; unitId: number }>) {
    const sum = (side: 'began' | 'replied') => {
      const byKey = new Map<string, DayTotal>();
      for (const r of replies) {
        const day = shanghaiDate(r[side]);
        const t = byKey.get(`${r.unitId}/${day}`) ?? { unitId: r.unitId, day, count: 0, ms: 0 };
        t.count += 1;
        t.ms += r[side].getTime() - startOfShanghaiDay(day).getTime();
        byKey.set(`${r.unitId}/${day}`, t);
      }
      return [...byKey.values()];
    };
    return { replies: sum('replied'), starts: sum('began') };
  }

  it('equals the sum of each reply measured alone', () => {
    fc.assert(
      fc.property(fc.array(reply, { minLength: 1, maxLength: 40 }), (replies) => {
        const got = handlingWorkingDays(totals(replies), calendar);
        for (const unitId of new Set(replies.map((r) => r.unitId))) {
          const expected = replies
            .filter((r) => r.unitId === unitId)
            .reduce((n, r) => n + calendar.workingMsBetween(r.began, r.replied) / DAY_MS, 0);
          expect(got.get(unitId) ?? 0).toBeCloseTo(expected, 6);
        }
      }),
    );
  });

  it('measures within a run of held years and starts again after a gap', () => {
    const gapped = buildCalendar([2024, 2026]);
    expect(heldRunStarts(gapped, '2025-12-01', '2026-01-31')).toEqual(new Map([['2026', '2026-01-01']]));
    expect(heldRunStarts(calendar, '2025-06-01', '2026-01-31')).toEqual(
      new Map([
        ['2025', '2024-01-01'],
        ['2026', '2024-01-01'],
      ]),
    );
    // One reply in 2024, one in 2026: the count restarts past 2025 and each is measured alone.
    const a = {
      began: new Date('2024-03-04T09:00:00+08:00'),
      replied: new Date('2024-03-06T09:00:00+08:00'),
      unitId: 1,
    };
    const b = {
      began: new Date('2026-03-02T09:00:00+08:00'),
      replied: new Date('2026-03-03T09:00:00+08:00'),
      unitId: 1,
    };
    expect(handlingWorkingDays(totals([a, b]), gapped).get(1)).toBeCloseTo(3, 9);
  });
});
