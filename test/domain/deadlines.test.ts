import { describe, expect, it } from 'vitest';
import { CalendarYearMissing } from '../../src/domain/calendar.js';
import {
  dispatchDeadlines,
  dueSoonFrom,
  endingOnWorkingDay,
  readDeadline,
  redoDeadline,
  type Urgency,
  underCityDeadline,
  workingPeriod,
} from '../../src/domain/deadlines.js';
import { AppRefusal } from '../../src/domain/refusal.js';
import { HOUR_MS, toShanghaiIso } from '../../src/domain/time.js';
import { calendar, settings, sh } from './calendar-fixture.js';

const S = settings();
const local = (d: Date) => toShanghaiIso(d);
const handleBy = (at: string, overrides = {}) =>
  local(
    dispatchDeadlines(calendar, settings(overrides), { dispatchedAt: sh(at), urgency: 'normal' }).handleBy,
  );

function refusalOf(fn: () => unknown): AppRefusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppRefusal) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('5 working days from dispatch, 2026 Spring Festival (off 02-15..23, make-up Sat 02-14 and Sat 02-28)', () => {
  it('dispatch Thu 02-12: Fri 13 (1), Sat 14 make-up (2), Tue 24 (3), Wed 25 (4), Thu 26 (5)', () => {
    expect(handleBy('2026-02-12T10:00')).toBe('2026-02-27T00:00:00+08:00');
  });
  it('dispatch Fri 02-13: 14, 24, 25, 26, 27 → ends Fri 02-27 24:00', () => {
    expect(handleBy('2026-02-13T16:30')).toBe('2026-02-28T00:00:00+08:00');
  });
  it('dispatch Mon 02-09: 10, 11, 12, 13, then Sat 14 (make-up) is the last day', () => {
    expect(handleBy('2026-02-09T08:00')).toBe('2026-02-15T00:00:00+08:00');
  });
  it('dispatch on the make-up Saturday 02-14: 24, 25, 26, 27, Sat 28 (make-up)', () => {
    expect(handleBy('2026-02-14T11:00')).toBe('2026-03-01T00:00:00+08:00');
  });
  it('dispatch during the holiday (Wed 02-18): the first working day counted is 02-24', () => {
    expect(handleBy('2026-02-18T09:00')).toBe('2026-03-01T00:00:00+08:00');
  });
  it('dispatch at 23:59 still does not count the start day', () => {
    expect(handleBy('2026-02-12T23:59')).toBe('2026-02-27T00:00:00+08:00');
  });
  it('dispatch at 00:00 of a day belongs to that day', () => {
    expect(handleBy('2026-02-13T00:00')).toBe('2026-02-28T00:00:00+08:00');
  });
});

describe('5 working days, 2026 Labour Day (off 05-01..05, make-up Sat 05-09)', () => {
  it('dispatch Wed 04-29: Thu 30 (1), 6 (2), 7 (3), 8 (4), Sat 9 make-up (5)', () => {
    expect(handleBy('2026-04-29T15:00')).toBe('2026-05-10T00:00:00+08:00');
  });
  it('dispatch Thu 04-30: 6, 7, 8, 9, Mon 11', () => {
    expect(handleBy('2026-04-30T09:00')).toBe('2026-05-12T00:00:00+08:00');
  });
});

describe('5 working days, 2026 Mid-autumn (off 09-25..27) and National Day (off 10-01..07, make-up Sun 09-20, Sat 10-10)', () => {
  it('dispatch Fri 09-18: Sun 20 make-up (1), 21, 22, 23, Thu 24 (5)', () => {
    expect(handleBy('2026-09-18T10:00')).toBe('2026-09-25T00:00:00+08:00');
  });
  it('dispatch Tue 09-22: 23, 24, [25-27 off], 28, 29, Wed 30', () => {
    expect(handleBy('2026-09-22T10:00')).toBe('2026-10-01T00:00:00+08:00');
  });
  it('dispatch Wed 09-23: 24, 28, 29, 30, [10-01..07 off], Thu 10-08', () => {
    expect(handleBy('2026-09-23T10:00')).toBe('2026-10-09T00:00:00+08:00');
  });
  it('dispatch Mon 09-28: 29, 30, 10-08, 10-09, Sat 10-10 make-up', () => {
    expect(handleBy('2026-09-28T10:00')).toBe('2026-10-11T00:00:00+08:00');
  });
  it('dispatch Tue 09-29: 30, 10-08, 09, 10, Mon 12', () => {
    expect(handleBy('2026-09-29T10:00')).toBe('2026-10-13T00:00:00+08:00');
  });
});

describe('workingPeriod and the end of the day', () => {
  it('ends at 24:00 Shanghai by default, i.e. 00:00 +08:00 of the next day (16:00 UTC)', () => {
    const p = workingPeriod(calendar, sh('2026-02-12T10:00'), 5, S);
    expect(p.lastDay).toBe('2026-02-26');
    expect(p.deadline.toISOString()).toBe('2026-02-26T16:00:00.000Z');
  });
  it('ends at the configured dayEndsAt on the last day', () => {
    expect(handleBy('2026-02-12T10:00', { dayEndsAt: '17:30' })).toBe('2026-02-26T17:30:00+08:00');
    const p = workingPeriod(calendar, sh('2026-09-18T10:00'), 1, { dayEndsAt: '17:30' });
    expect(p).toEqual({ lastDay: '2026-09-20', deadline: sh('2026-09-20T17:30') });
  });
  it('refuses a bad dayEndsAt', () => {
    expect(() => workingPeriod(calendar, sh('2026-03-02T10:00'), 1, { dayEndsAt: '24:30' })).toThrow(
      RangeError,
    );
    expect(() => workingPeriod(calendar, sh('2026-03-02T10:00'), 1, { dayEndsAt: '9:00' })).toThrow(
      RangeError,
    );
  });
  it('refuses a period that runs into a year the calendar does not hold', () => {
    expect(() => handleBy('2026-12-28T10:00')).toThrow(CalendarYearMissing);
  });
});

describe('dispatchDeadlines', () => {
  it('normal: sign and return within 1 working day, handle within 5, co-units within 3', () => {
    // Fri 02-13 10:00: 1 working day = Sat 14 (make-up); 3 = 14, 24, 25.
    const d = dispatchDeadlines(calendar, S, { dispatchedAt: sh('2026-02-13T10:00'), urgency: 'normal' });
    expect(local(d.signBy)).toBe('2026-02-15T00:00:00+08:00');
    expect(local(d.returnBy)).toBe('2026-02-15T00:00:00+08:00');
    expect(local(d.coUnitBy)).toBe('2026-02-26T00:00:00+08:00');
    expect(local(d.handleBy)).toBe('2026-02-28T00:00:00+08:00');
    expect(d.clippedByCity).toEqual([]);
  });

  it('urgent: 24 natural hours to handle and 1 hour to sign, holidays notwithstanding', () => {
    const d = dispatchDeadlines(calendar, S, { dispatchedAt: sh('2026-02-14T09:00'), urgency: 'urgent' });
    expect(local(d.handleBy)).toBe('2026-02-15T09:00:00+08:00');
    expect(local(d.signBy)).toBe('2026-02-14T10:00:00+08:00');
    // The return window (a working day: to 02-25 across the Spring Festival) closes with the
    // handling deadline: an urgent order is not handed back ten days after it was due.
    expect(local(d.returnBy)).toBe('2026-02-15T09:00:00+08:00');
    const normal = dispatchDeadlines(calendar, S, {
      dispatchedAt: sh('2026-02-14T09:00'),
      urgency: 'normal',
    });
    expect(local(normal.returnBy)).toBe('2026-02-25T00:00:00+08:00');
    // 3 working days would be after the lead's deadline: halfway to it instead
    expect(local(d.coUnitBy)).toBe('2026-02-14T21:00:00+08:00');
  });

  it('urgent on 31 December without next year’s calendar: dispatched, its working-day windows ending with its 24 hours', () => {
    const d = dispatchDeadlines(calendar, S, { dispatchedAt: sh('2026-12-31T10:00'), urgency: 'urgent' });
    expect(local(d.handleBy)).toBe('2027-01-01T10:00:00+08:00');
    expect(local(d.signBy)).toBe('2026-12-31T11:00:00+08:00');
    expect(local(d.returnBy)).toBe('2027-01-01T10:00:00+08:00');
    expect(local(d.coUnitBy)).toBe('2026-12-31T22:00:00+08:00');
    // A normal order still needs the year: its deadline would be a guess.
    expect(() =>
      dispatchDeadlines(calendar, S, { dispatchedAt: sh('2026-12-31T10:00'), urgency: 'normal' }),
    ).toThrow(CalendarYearMissing);
  });

  it('urgent hours are configurable', () => {
    const d = dispatchDeadlines(calendar, settings({ urgentHandleHours: 48, urgentSignHours: 2 }), {
      dispatchedAt: sh('2026-03-02T09:00'),
      urgency: 'urgent',
    });
    expect(d.handleBy.getTime() - sh('2026-03-02T09:00').getTime()).toBe(48 * HOUR_MS);
    expect(local(d.signBy)).toBe('2026-03-02T11:00:00+08:00');
  });

  it('leader-instructed requires the deadline set from the instruction', () => {
    const r = refusalOf(() =>
      dispatchDeadlines(calendar, S, { dispatchedAt: sh('2026-03-02T09:00'), urgency: 'leader' }),
    );
    expect(r.code).toBe('LEADER_DEADLINE_REQUIRED');
    expect(r.kind).toBe('invalid');
    expect(r.message).toContain('领导批示件');
  });

  it('leader-instructed deadline must be after dispatch', () => {
    const at = sh('2026-03-02T09:00');
    const r = refusalOf(() =>
      dispatchDeadlines(calendar, S, { dispatchedAt: at, urgency: 'leader', leaderDeadline: at }),
    );
    expect(r.code).toBe('LEADER_DEADLINE_IN_PAST');
  });

  it('leader-instructed: the handle deadline is the leader deadline; signing never after it', () => {
    const d = dispatchDeadlines(calendar, S, {
      dispatchedAt: sh('2026-03-02T09:00'),
      urgency: 'leader',
      leaderDeadline: sh('2026-03-02T18:00'),
    });
    expect(local(d.handleBy)).toBe('2026-03-02T18:00:00+08:00');
    expect(local(d.signBy)).toBe('2026-03-02T18:00:00+08:00');
    expect(d.coUnitBy.getTime()).toBeLessThan(d.handleBy.getTime());
    expect(d.clippedByCity).toEqual([]);
  });

  it('the city deadline clips the handle deadline and the co-unit deadline falls before it', () => {
    const city = sh('2026-02-20T12:00');
    const d = dispatchDeadlines(calendar, S, {
      dispatchedAt: sh('2026-02-12T10:00'),
      urgency: 'normal',
      cityDeadline: city,
    });
    expect(d.handleBy).toEqual(city);
    // sign by Fri 13 24:00 is before the city's: not clipped
    expect(local(d.signBy)).toBe('2026-02-14T00:00:00+08:00');
    // co-units: 3 working days = Wed 25 24:00 is after the lead's: halfway, 4 d 1 h after dispatch
    expect(local(d.coUnitBy)).toBe('2026-02-16T11:00:00+08:00');
    expect(d.clippedByCity).toEqual(['handle', 'coUnit']);
  });

  it('a city deadline before the sign deadline clips that too', () => {
    const city = sh('2026-02-13T12:00');
    const d = dispatchDeadlines(calendar, S, {
      dispatchedAt: sh('2026-02-12T10:00'),
      urgency: 'normal',
      cityDeadline: city,
    });
    expect(d.handleBy).toEqual(city);
    expect(d.signBy).toEqual(city);
    expect(d.clippedByCity).toEqual(['handle', 'sign', 'coUnit']);
    expect(d.coUnitBy.getTime()).toBeLessThan(city.getTime());
  });

  it('a city deadline after every county deadline clips nothing', () => {
    const d = dispatchDeadlines(calendar, S, {
      dispatchedAt: sh('2026-02-12T10:00'),
      urgency: 'normal',
      cityDeadline: sh('2026-03-31T00:00'),
    });
    expect(local(d.handleBy)).toBe('2026-02-27T00:00:00+08:00');
    expect(d.clippedByCity).toEqual([]);
  });

  it('the city deadline clips an urgent order too', () => {
    const city = sh('2026-03-02T20:00');
    const d = dispatchDeadlines(calendar, S, {
      dispatchedAt: sh('2026-03-02T09:00'),
      urgency: 'urgent',
      cityDeadline: city,
    });
    expect(d.handleBy).toEqual(city);
    expect(d.clippedByCity).toContain('handle');
  });

  it('refuses to dispatch when the city deadline has passed', () => {
    const at = sh('2026-03-02T09:00');
    for (const city of [at, sh('2026-03-01T09:00')]) {
      const r = refusalOf(() =>
        dispatchDeadlines(calendar, S, { dispatchedAt: at, urgency: 'normal', cityDeadline: city }),
      );
      expect(r.code).toBe('CITY_DEADLINE_PASSED');
      expect(r.message).toContain('市平台');
    }
  });

  it('the co-unit deadline is strictly before the lead deadline even when they would coincide', () => {
    // handle 3 working days = co-unit 3 working days: the co-unit's moves halfway.
    const at = sh('2026-03-02T09:00');
    const d = dispatchDeadlines(calendar, settings({ handleWorkingDays: 3 }), {
      dispatchedAt: at,
      urgency: 'normal',
    });
    expect(local(d.handleBy)).toBe('2026-03-06T00:00:00+08:00');
    expect(d.coUnitBy.getTime()).toBeLessThan(d.handleBy.getTime());
    expect(d.coUnitBy.getTime()).toBe(at.getTime() + (d.handleBy.getTime() - at.getTime()) / 2);
  });
});

describe('redoDeadline', () => {
  it('5 working days from the redo order, across Labour Day', () => {
    // Wed 04-29: 30, 6, 7, 8, Sat 9 (make-up)
    expect(local(redoDeadline(calendar, S, sh('2026-04-29T16:00')))).toBe('2026-05-10T00:00:00+08:00');
  });
  it('never after the city deadline', () => {
    const city = sh('2026-05-07T12:00');
    expect(redoDeadline(calendar, S, sh('2026-04-29T16:00'), city)).toEqual(city);
    expect(local(redoDeadline(calendar, S, sh('2026-04-29T16:00'), sh('2026-06-01T00:00')))).toBe(
      '2026-05-10T00:00:00+08:00',
    );
  });
  it('follows redoWorkingDays', () => {
    expect(local(redoDeadline(calendar, settings({ redoWorkingDays: 2 }), sh('2026-04-29T16:00')))).toBe(
      '2026-05-07T00:00:00+08:00',
    );
  });
});

describe('readDeadline', () => {
  const deadline = sh('2026-02-27T00:00'); // dispatched Thu 02-12, last day Thu 02-26
  const read = (now: string, urgency: Urgency = 'normal', d = deadline) =>
    readDeadline(calendar, S, d, sh(now), urgency);

  it('ok while more than one working day remains', () => {
    expect(read('2026-02-25T10:00')).toEqual({ status: 'ok', workingMsLeft: 38 * HOUR_MS });
  });
  it('the holiday does not count as time left', () => {
    // 02-18 is inside the Spring Festival: 24, 25, 26 remain.
    expect(read('2026-02-18T10:00')).toEqual({ status: 'ok', workingMsLeft: 72 * HOUR_MS });
  });
  it('due soon when less than one working day remains', () => {
    expect(read('2026-02-26T10:00')).toEqual({ status: 'due_soon', workingMsLeft: 14 * HOUR_MS });
  });
  it('overdue from the deadline on, with the working time overrun', () => {
    const at = read('2026-02-27T00:00');
    expect(at.status).toBe('overdue');
    expect(Math.abs(at.workingMsLeft)).toBe(0);
    expect(read('2026-02-27T12:00')).toEqual({ status: 'overdue', workingMsLeft: -12 * HOUR_MS });
    // Sat 02-28 is a make-up day, Sun 03-01 is not
    expect(read('2026-03-01T12:00')).toEqual({ status: 'overdue', workingMsLeft: -48 * HOUR_MS });
  });
  it('urgent orders count natural hours (4 by default)', () => {
    const d = sh('2026-02-15T09:00');
    expect(read('2026-02-15T04:00', 'urgent', d)).toEqual({ status: 'ok', workingMsLeft: 5 * HOUR_MS });
    expect(read('2026-02-15T06:00', 'urgent', d)).toEqual({ status: 'due_soon', workingMsLeft: 3 * HOUR_MS });
    expect(read('2026-02-15T09:00', 'urgent', d).status).toBe('overdue');
  });
  it('the due-soon threshold is configurable', () => {
    const r = readDeadline(
      calendar,
      settings({ dueSoonWorkingDays: 2 }),
      deadline,
      sh('2026-02-25T10:00'),
      'normal',
    );
    expect(r.status).toBe('due_soon');
  });
});

describe('dueSoonFrom', () => {
  const from = (deadline: Date, urgency: Urgency = 'normal', notBefore = sh('2026-01-05T00:00'), s = S) =>
    local(dueSoonFrom(calendar, s, deadline, urgency, notBefore));

  it('one working day before a 24:00 deadline is 00:00 of the last day', () => {
    expect(from(sh('2026-02-27T00:00'))).toBe('2026-02-26T00:00:00+08:00');
  });
  it('across a weekend it goes back to the previous working day', () => {
    // leader deadline Mon 03-09 12:00: 12 h on Monday, 12 h on Friday 03-06.
    expect(from(sh('2026-03-09T12:00'), 'leader')).toBe('2026-03-06T12:00:00+08:00');
    // office closing time 17:30: Mon 03-09 17:30 → Fri 03-06 17:30
    expect(from(sh('2026-03-09T17:30'), 'normal', undefined, settings({ dayEndsAt: '17:30' }))).toBe(
      '2026-03-06T17:30:00+08:00',
    );
  });
  it('across the Spring Festival it goes back to the make-up Saturday', () => {
    // Tue 02-24 17:30: 17.5 h on the 24th, 6.5 h on Sat 02-14 (make-up).
    expect(from(sh('2026-02-24T17:30'))).toBe('2026-02-14T17:30:00+08:00');
  });
  it('never before the start of the clock', () => {
    expect(from(sh('2026-03-09T12:00'), 'normal', sh('2026-03-09T08:00'))).toBe('2026-03-09T08:00:00+08:00');
  });
  it('urgent: natural hours before the deadline', () => {
    expect(from(sh('2026-02-15T09:00'), 'urgent')).toBe('2026-02-15T05:00:00+08:00');
    expect(from(sh('2026-02-15T09:00'), 'urgent', sh('2026-02-15T07:00'))).toBe('2026-02-15T07:00:00+08:00');
  });
  it('agrees with readDeadline to the millisecond', () => {
    const deadline = sh('2026-03-09T12:00');
    const warn = dueSoonFrom(calendar, S, deadline, 'normal', sh('2026-03-02T09:00'));
    expect(readDeadline(calendar, S, deadline, new Date(warn.getTime() - 1), 'normal').status).toBe('ok');
    expect(readDeadline(calendar, S, deadline, warn, 'normal').status).toBe('due_soon');
    // Saturday: the working time left is Monday's 12 hours
    expect(readDeadline(calendar, S, deadline, sh('2026-03-07T12:00'), 'normal').status).toBe('due_soon');
  });
  it('agrees with readDeadline when the warning starts at 00:00 after a weekend', () => {
    // deadline Tue 03-10 00:00: due soon from Mon 03-09 00:00, not during the weekend before it.
    const deadline = sh('2026-03-10T00:00');
    const warn = dueSoonFrom(calendar, S, deadline, 'normal', sh('2026-03-02T09:00'));
    expect(local(warn)).toBe('2026-03-09T00:00:00+08:00');
    expect(readDeadline(calendar, S, deadline, sh('2026-03-08T12:00'), 'normal').status).toBe('ok');
    expect(readDeadline(calendar, S, deadline, new Date(warn.getTime() - 1), 'normal').status).toBe('ok');
    expect(readDeadline(calendar, S, deadline, warn, 'normal').status).toBe('due_soon');
  });
  it('urgent agrees with readDeadline too', () => {
    const deadline = sh('2026-02-15T09:00');
    const warn = dueSoonFrom(calendar, S, deadline, 'urgent', sh('2026-02-14T09:00'));
    expect(readDeadline(calendar, S, deadline, new Date(warn.getTime() - 1), 'urgent').status).toBe('ok');
    expect(readDeadline(calendar, S, deadline, warn, 'urgent').status).toBe('due_soon');
  });
});

describe('a picked deadline ends on a working day', () => {
  it('keeps a working day, and moves a weekend or a holiday to the next working day’s end', () => {
    const friday = sh('2026-03-14T00:00'); // Friday 03-13, 24:00
    expect(endingOnWorkingDay(calendar, settings(), friday)).toEqual(friday);
    expect(endingOnWorkingDay(calendar, settings(), sh('2026-03-15T00:00'))).toEqual(sh('2026-03-17T00:00'));
    expect(endingOnWorkingDay(calendar, settings({ dayEndsAt: '17:30' }), sh('2026-03-14T17:30'))).toEqual(
      sh('2026-03-16T17:30'),
    );
    // 2026's National Day holiday (10-01 to 10-07 in the fixture): the 8th, a working day.
    expect(endingOnWorkingDay(calendar, settings(), sh('2026-10-03T00:00'))).toEqual(sh('2026-10-09T00:00'));
  });
});

describe('a city deadline moved after dispatch', () => {
  const clocks = {
    signBy: sh('2026-03-03T24:00'),
    handleBy: sh('2026-03-09T24:00'),
    coUnitBy: sh('2026-03-05T24:00'),
    urgency: 'normal' as const,
  };
  const now = sh('2026-03-02T10:00');

  it('brings every later county clock to it, the co-units before the lead, and warns from it', () => {
    const moved = underCityDeadline(calendar, S, clocks, sh('2026-03-04T12:00'), now);
    expect(local(moved.handleBy as Date)).toBe('2026-03-04T12:00:00+08:00');
    expect(moved.signBy).toBeUndefined();
    // Halfway from now to the new deadline: the co-unit answers the lead before the lead answers.
    expect((moved.coUnitBy as Date).getTime()).toBeLessThan((moved.handleBy as Date).getTime());
    expect(moved.warnAt).toEqual(dueSoonFrom(calendar, S, sh('2026-03-04T12:00'), 'normal', now));
    const tight = underCityDeadline(calendar, S, clocks, sh('2026-03-02T18:00'), now);
    expect(local(tight.signBy as Date)).toBe('2026-03-02T18:00:00+08:00');
  });

  it('moves nothing when it falls after every county clock', () => {
    expect(underCityDeadline(calendar, S, clocks, sh('2026-03-20T18:00'), now)).toEqual({});
    expect(
      underCityDeadline(
        calendar,
        S,
        { ...clocks, signBy: null, coUnitBy: null },
        sh('2026-03-09T24:00'),
        now,
      ),
    ).toEqual({});
  });
});
