import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dispatchDeadlines,
  dueSoonFrom,
  readDeadline,
  type Urgency,
  workingPeriod,
} from '../../src/domain/deadlines.js';
import { addDays, DAY_MS, HOUR_MS, shanghaiDate } from '../../src/domain/time.js';
import { calendar, settings, sh } from './calendar-fixture.js';

const MIN = sh('2025-01-01T00:00').getTime();
const MAX = sh('2026-11-30T00:00').getTime();

/** Instants in the held years, often on round hours and midnights where off-by-one bugs live. */
const instant = (min = MIN, max = MAX) =>
  fc.oneof(
    fc.integer({ min, max }),
    fc.integer({ min: Math.ceil(min / HOUR_MS), max: Math.floor(max / HOUR_MS) }).map((h) => h * HOUR_MS),
    fc
      .integer({
        min: Math.ceil((min + 8 * HOUR_MS) / DAY_MS),
        max: Math.floor((max + 8 * HOUR_MS) / DAY_MS),
      })
      .map((d) => d * DAY_MS - 8 * HOUR_MS),
  );
const isoDate = fc.integer({ min: MIN, max: MAX }).map((ms) => shanghaiDate(new Date(ms)));
const dayEndsAt = fc.constantFrom('24:00', '17:30', '18:00', '12:00');
const workingDays = fc.integer({ min: 0, max: 15 });

describe('working-day periods (properties)', () => {
  it("a period's last day is a working day, exactly n working days after the start day", () => {
    fc.assert(
      fc.property(instant(), workingDays, dayEndsAt, (ms, n, ends) => {
        const start = new Date(ms);
        const { lastDay, deadline } = workingPeriod(calendar, start, n, { dayEndsAt: ends });
        expect(calendar.isWorkingDay(lastDay)).toBe(true);
        expect(shanghaiDate(new Date(deadline.getTime() - 1)) <= lastDay).toBe(true);
        const startDay = shanghaiDate(start);
        let counted = 0;
        for (let d = addDays(startDay, 1); d <= lastDay; d = addDays(d, 1)) {
          if (calendar.isWorkingDay(d)) counted++;
        }
        if (n === 0) {
          // a zero-length period ends on the first working day on or after the start
          expect(lastDay).toBe(calendar.nextWorkingDayFrom(startDay));
        } else {
          expect(lastDay > startDay).toBe(true);
          expect(counted).toBe(n);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a later start never gives an earlier deadline (monotonic)', () => {
    fc.assert(
      fc.property(instant(), instant(), workingDays, dayEndsAt, (a, b, n, ends) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const p1 = workingPeriod(calendar, new Date(early), n, { dayEndsAt: ends });
        const p2 = workingPeriod(calendar, new Date(late), n, { dayEndsAt: ends });
        expect(p1.deadline.getTime()).toBeLessThanOrEqual(p2.deadline.getTime());
        const s = settings({ dayEndsAt: ends });
        const h1 = dispatchDeadlines(calendar, s, {
          dispatchedAt: new Date(early),
          urgency: 'normal',
        }).handleBy;
        const h2 = dispatchDeadlines(calendar, s, {
          dispatchedAt: new Date(late),
          urgency: 'normal',
        }).handleBy;
        expect(h1.getTime()).toBeLessThanOrEqual(h2.getTime());
      }),
      { numRuns: 400 },
    );
  });

  it('addWorkingDays(n + 1) is strictly after addWorkingDays(n) for n ≥ 1', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 15 }), (date, n) => {
        expect(calendar.addWorkingDays(date, n + 1) > calendar.addWorkingDays(date, n)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('for n = 0 it is strict only from a working day (0 days from a day off = its next working day)', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const zero = calendar.addWorkingDays(date, 0);
        const one = calendar.addWorkingDays(date, 1);
        if (calendar.isWorkingDay(date)) expect(one > zero).toBe(true);
        else expect(one).toBe(zero);
      }),
      { numRuns: 300 },
    );
  });

  it('with the default 24:00 end, the deadline is midnight after the last day', () => {
    fc.assert(
      fc.property(instant(), workingDays, (ms, n) => {
        const { lastDay, deadline } = workingPeriod(calendar, new Date(ms), n, { dayEndsAt: '24:00' });
        expect(shanghaiDate(deadline)).toBe(addDays(lastDay, 1));
        expect((deadline.getTime() + 8 * HOUR_MS) % DAY_MS).toBe(0);
      }),
    );
  });
});

describe('dispatch deadlines (properties)', () => {
  const urgency = fc.constantFrom<Urgency>('normal', 'urgent', 'leader');

  it('sign ≤ handle ≤ city, co-unit strictly before handle, never before dispatch', () => {
    fc.assert(
      fc.property(
        instant(),
        urgency,
        fc.integer({ min: 1, max: 20 * DAY_MS }),
        fc.option(fc.integer({ min: 1, max: 20 * DAY_MS }), { nil: null }),
        dayEndsAt,
        fc.integer({ min: 1, max: 6 }),
        (at, u, leaderAfter, cityAfter, ends, handleDays) => {
          const dispatchedAt = new Date(at);
          const cityDeadline = cityAfter === null ? null : new Date(at + cityAfter);
          // handle days around the co-units' 3, so that their deadlines sometimes coincide
          const s = settings({ dayEndsAt: ends, handleWorkingDays: handleDays });
          const d = dispatchDeadlines(calendar, s, {
            dispatchedAt,
            urgency: u,
            leaderDeadline: new Date(at + leaderAfter),
            cityDeadline,
          });
          const unclipped = dispatchDeadlines(calendar, s, {
            dispatchedAt,
            urgency: u,
            leaderDeadline: new Date(at + leaderAfter),
          });
          expect(d.signBy.getTime()).toBeLessThanOrEqual(d.handleBy.getTime());
          expect(d.coUnitBy.getTime()).toBeLessThan(d.handleBy.getTime());
          expect(d.coUnitBy.getTime()).toBeGreaterThanOrEqual(at);
          expect(d.handleBy.getTime()).toBeGreaterThan(at);
          if (cityDeadline) {
            expect(d.handleBy.getTime()).toBeLessThanOrEqual(cityDeadline.getTime());
            expect(d.signBy.getTime()).toBeLessThanOrEqual(cityDeadline.getTime());
            expect(d.handleBy.getTime()).toBe(Math.min(unclipped.handleBy.getTime(), cityDeadline.getTime()));
          } else {
            expect(d).toEqual(unclipped);
          }
          expect(d.clippedByCity.includes('handle')).toBe(
            d.handleBy.getTime() < unclipped.handleBy.getTime(),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('dueSoonFrom and readDeadline agree (properties)', () => {
  const dueSoonDays = fc.constantFrom(1, 2);

  /** Deadlines as dispatch gives them (end of a working day) or as a leader or the city sets them. */
  const deadlineAndClock = fc.oneof(
    fc.tuple(instant(), fc.integer({ min: 1, max: 10 }), dayEndsAt).map(([start, n, ends]) => ({
      start,
      deadline: workingPeriod(calendar, new Date(start), n, { dayEndsAt: ends }).deadline.getTime(),
    })),
    fc.tuple(instant(), fc.integer({ min: 1, max: 15 * DAY_MS })).map(([start, len]) => ({
      start,
      deadline: start + len,
    })),
  );

  it('notBefore ≤ dueSoonFrom ≤ deadline, and due soon exactly from that instant on (normal orders)', () => {
    fc.assert(
      fc.property(
        deadlineAndClock,
        fc.constantFrom<Urgency>('normal', 'leader'),
        dueSoonDays,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ start, deadline }, u, days, where) => {
          const s = settings({ dueSoonWorkingDays: days });
          const end = new Date(deadline);
          const notBefore = new Date(start);
          const warn = dueSoonFrom(calendar, s, end, u, notBefore).getTime();
          expect(warn).toBeGreaterThanOrEqual(start);
          expect(warn).toBeLessThanOrEqual(deadline);
          const read = (t: number) => readDeadline(calendar, s, end, new Date(t), u).status;
          if (warn > start) expect(read(warn - 1)).toBe('ok');
          if (warn < deadline) expect(read(warn)).toBe('due_soon');
          // and at any instant of the clock
          const t = Math.min(deadline - 1, start + Math.floor(where * (deadline - start)));
          expect(read(t)).toBe(t >= warn ? 'due_soon' : 'ok');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('urgent orders: due soon exactly from dueSoonFrom on', () => {
    fc.assert(
      fc.property(instant(), fc.integer({ min: 1, max: 3 * DAY_MS }), (start, len) => {
        const s = settings();
        const deadline = new Date(start + len);
        const warn = dueSoonFrom(calendar, s, deadline, 'urgent', new Date(start)).getTime();
        expect(warn).toBe(Math.max(start, deadline.getTime() - s.urgentDueSoonHours * HOUR_MS));
        const read = (t: number) => readDeadline(calendar, s, deadline, new Date(t), 'urgent').status;
        if (warn > start) expect(read(warn - 1)).toBe('ok');
        expect(read(warn)).toBe('due_soon');
      }),
    );
  });

  it('an overdue reading reports the overrun as negative working time', () => {
    fc.assert(
      fc.property(instant(), fc.integer({ min: 0, max: 10 * DAY_MS }), (deadline, after) => {
        const r = readDeadline(
          calendar,
          settings(),
          new Date(deadline),
          new Date(deadline + after),
          'normal',
        );
        expect(r.status).toBe('overdue');
        expect(r.workingMsLeft).toBeLessThanOrEqual(0);
        expect(-r.workingMsLeft).toBeLessThanOrEqual(after);
      }),
    );
  });
});
