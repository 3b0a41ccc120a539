import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterWorkingTime,
  type DispatchFacts,
  dispatchClock,
  dispatchLateAt,
  dispatchLateInPeriod,
  officeClockProblems,
  readDispatchClock,
} from '../../src/domain/office-clock.js';
import { nextProgressReportDue, progressReportMissed } from '../../src/domain/progress-reports.js';
import { HOUR_MS } from '../../src/domain/time.js';
import { calendar, settings, sh } from './calendar-fixture.js';

const MIN = sh('2025-01-01T00:00').getTime();
const MAX = sh('2026-11-30T00:00').getTime();

describe('the office dispatch clock (第一时间分发)', () => {
  it('a normal order gets its working hours on the calendar: a Friday evening order is due Monday evening', () => {
    const s = settings({ dispatchWorkingHours: 24 });
    // Friday 2026-03-20 20:00: 4 hours on Friday, the remaining 20 on Monday 03-23.
    const c = dispatchClock(calendar, s, sh('2026-03-20T20:00'), 'normal');
    expect(c.dispatchBy).toEqual(sh('2026-03-23T20:00'));
    // Due soon once half the window (12 working hours) has passed: 8 on Monday.
    expect(c.dispatchWarnAt).toEqual(sh('2026-03-23T08:00'));
  });

  it('a weekend or holiday receipt starts counting on the next working day', () => {
    const c = dispatchClock(
      calendar,
      settings({ dispatchWorkingHours: 8 }),
      sh('2026-10-01T10:00'),
      'normal',
    );
    // National Day 10-01…10-07; Thursday 10-08 is the first working day.
    expect(c.dispatchBy).toEqual(sh('2026-10-08T08:00'));
  });

  it('urgent and leader-instructed orders count natural hours', () => {
    const s = settings({ urgentDispatchHours: 2 });
    for (const urgency of ['urgent', 'leader'] as const) {
      const c = dispatchClock(calendar, s, sh('2026-10-03T23:30'), urgency);
      expect(c.dispatchBy).toEqual(sh('2026-10-04T01:30'));
      expect(c.dispatchWarnAt).toEqual(sh('2026-10-04T00:30'));
    }
  });

  it('reads ok, due soon from the warning instant, overdue from the deadline instant', () => {
    const c = dispatchClock(calendar, settings(), sh('2026-03-23T09:00'), 'urgent');
    expect(readDispatchClock(c, sh('2026-03-23T09:59'))).toBe('ok');
    expect(readDispatchClock(c, sh('2026-03-23T10:00'))).toBe('due_soon');
    expect(readDispatchClock(c, new Date(c.dispatchBy.getTime() - 1))).toBe('due_soon');
    expect(readDispatchClock(c, c.dispatchBy)).toBe('overdue');
  });

  it('the working time elapsed up to the deadline is exactly the limit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), fc.integer({ min: 1, max: 119 }), (start, hours) => {
        const from = new Date(start);
        const due = afterWorkingTime(calendar, from, hours * HOUR_MS);
        expect(calendar.workingMsBetween(from, due)).toBe(hours * HOUR_MS);
        const c = dispatchClock(calendar, settings({ dispatchWorkingHours: hours }), from, 'normal');
        expect(c.dispatchWarnAt.getTime()).toBeLessThanOrEqual(c.dispatchBy.getTime());
        expect(c.dispatchWarnAt.getTime()).toBeGreaterThan(from.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('must be stricter than the unit handling limit for the same urgency', () => {
    expect(officeClockProblems(settings())).toEqual([]);
    const problems = officeClockProblems(
      settings({
        dispatchWorkingHours: 24,
        handleWorkingDays: 1,
        urgentDispatchHours: 24,
        urgentHandleHours: 24,
      }),
    );
    expect(problems.map((p) => p.field)).toEqual(['dispatchWorkingHours', 'urgentDispatchHours']);
    expect(problems[0]?.message).toContain('须短于普通件办理时限');
  });
});

describe('分发超时 counted from the dispatch deadline', () => {
  const DUE = sh('2026-03-31T09:00');
  const facts = (over: Partial<DispatchFacts> = {}): DispatchFacts => ({
    orderId: 1,
    state: 'pending_dispatch',
    dispatchBy: DUE,
    dispatchedAt: null,
    closedAt: null,
    ...over,
  });
  const MARCH = [sh('2026-03-01T00:00'), sh('2026-04-01T00:00')] as const;
  const APRIL = [sh('2026-04-01T00:00'), sh('2026-05-01T00:00')] as const;
  const later = sh('2026-04-02T09:00');

  it('still undispatched: late from the deadline, not before', () => {
    expect(dispatchLateAt(facts(), new Date(DUE.getTime() - 1))).toBeNull();
    expect(dispatchLateAt(facts(), DUE)).toEqual(DUE);
  });

  it('dispatched after the deadline was late; before it was not; voided without a mark is not counted', () => {
    expect(dispatchLateAt(facts({ state: 'handling', dispatchedAt: later }), later)).toEqual(DUE);
    expect(
      dispatchLateAt(facts({ state: 'handling', dispatchedAt: sh('2026-03-31T08:59') }), later),
    ).toBeNull();
    expect(dispatchLateAt(facts({ state: 'closed', closedAt: later }), later)).toEqual(DUE);
    expect(dispatchLateAt(facts({ state: 'voided' }), later)).toBeNull();
  });

  it('counts in the month of the deadline even when dispatched after the month end, once per order', () => {
    const dispatchedInApril = facts({ state: 'pending_sign', dispatchedAt: later });
    expect([...dispatchLateInPeriod([dispatchedInApril], [], MARCH[0], MARCH[1], later)]).toEqual([1]);
    expect(dispatchLateInPeriod([dispatchedInApril], [], APRIL[0], APRIL[1], later).size).toBe(0);
    const marks = [{ orderId: 1, at: DUE }];
    expect(dispatchLateInPeriod([dispatchedInApril], marks, MARCH[0], MARCH[1], later).size).toBe(1);
    // An earlier clock's mark (before a return) still counts in its own month.
    const back = facts({ dispatchBy: sh('2026-04-05T09:00') });
    expect([...dispatchLateInPeriod([back], marks, MARCH[0], MARCH[1], later)]).toEqual([1]);
  });
});

describe('progress reports under extension (随时报告办理进展情况)', () => {
  it('the next report is due at the end of the N-th working day, the starting day not counted', () => {
    // Approved Thursday 2026-03-26: 3 working days → Fri, Mon, Tue 03-31, due 24:00.
    const due = nextProgressReportDue(
      calendar,
      settings({ progressReportWorkingDays: 3 }),
      sh('2026-03-26T15:00'),
    );
    expect(due).toEqual(sh('2026-04-01T00:00'));
  });

  it('missed once the due instant passes while the order is still with the unit', () => {
    const due = sh('2026-04-01T00:00');
    expect(progressReportMissed('handling', due, new Date(due.getTime() - 1))).toBe(false);
    expect(progressReportMissed('handling', due, due)).toBe(true);
    expect(progressReportMissed('pending_review', due, due)).toBe(false);
    expect(progressReportMissed('handling', null, due)).toBe(false);
  });
});
