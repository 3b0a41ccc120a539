import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDeadline, formatInstant, formatSpan, formatTimeLeft } from '../../src/domain/deadline-text.js';

dayjs.extend(utc);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('one way to write a deadline (「12-08 24:00」)', () => {
  it('a deadline at midnight is 24:00 of its last day, never the next day’s 00:00', () => {
    expect(formatDeadline('2026-12-08T16:00:00.000Z', false)).toBe('12-08 24:00');
    expect(formatDeadline('2026-12-08T16:00:00.000Z')).toBe('2026-12-08 24:00');
    expect(formatDeadline(new Date('2027-01-01T00:00:00+08:00'))).toBe('2026-12-31 24:00');
  });
  it('any other instant is written in Beijing time as it is', () => {
    expect(formatDeadline('2026-12-08T09:30:00.000Z', false)).toBe('12-08 17:30');
    expect(formatDeadline(null)).toBe('—');
  });
});

describe('an instant in Beijing time (「2026-12-03 09:40」)', () => {
  it('midnight is the new day’s 00:00 (only a deadline is written as 24:00)', () => {
    expect(formatInstant('2026-12-08T16:00:00.000Z')).toBe('2026-12-09 00:00');
    expect(formatInstant('2026-12-08T16:00:00.000Z', false)).toBe('12-09 00:00');
    expect(formatInstant(null)).toBe('—');
    expect(formatInstant('not a time')).toBe('—');
  });
  it('says what dayjs in Beijing’s offset says, for any instant (the app wrote times with it before)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          expect(formatInstant(d)).toBe(dayjs(d).utcOffset(480).format('YYYY-MM-DD HH:mm'));
          expect(formatInstant(d.toISOString(), false)).toBe(dayjs(d).utcOffset(480).format('MM-DD HH:mm'));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('time left in working days and hours (「剩 2 个工作日 5 小时」)', () => {
  it('counts whole working days, then hours', () => {
    expect(formatTimeLeft(2 * DAY + 5 * HOUR + 20 * 60_000)).toBe('剩 2 个工作日 5 小时');
    expect(formatTimeLeft(3 * DAY)).toBe('剩 3 个工作日');
    expect(formatTimeLeft(7 * HOUR)).toBe('剩 7 小时');
    expect(formatTimeLeft(20 * 60_000)).toBe('剩 不足 1 小时');
  });
  it('says how far past the deadline an overdue order is', () => {
    expect(formatTimeLeft(-(1 * DAY + 3 * HOUR))).toBe('已超期 1 个工作日 3 小时');
  });
  it("reads an urgent order's natural-time clock in hours, and past a day in natural days", () => {
    expect(formatTimeLeft(40 * 60_000, true)).toBe('剩 不足 1 小时');
    expect(formatTimeLeft(23 * HOUR + 59 * 60_000, true)).toBe('剩 23 小时');
    expect(formatTimeLeft(-(218 * HOUR + 30 * 60_000), true)).toBe('已超期 9 天 2 小时');
    expect(formatTimeLeft(-(48 * HOUR), true)).toBe('已超期 2 天');
  });
  it('says how long something has waited in natural days and hours (a request before the office)', () => {
    expect(formatSpan(59 * 60_000, true)).toBe('不足 1 小时');
    expect(formatSpan(143 * HOUR + 50 * 60_000, true)).toBe('5 天 23 小时');
    expect(formatSpan(73 * HOUR, true)).toBe('3 天 1 小时');
  });
  it('past another clock, in that clock’s words', () => {
    expect(formatTimeLeft(-(1 * DAY + 3 * HOUR), false, '已超时')).toBe('已超时 1 个工作日 3 小时');
    expect(formatTimeLeft(3 * HOUR, false, '已超时')).toBe('剩 3 小时');
    // A deadline passed on a rest day: past it, with no working time past it yet.
    expect(formatTimeLeft(0, false, '已超时', true)).toBe('已超时 不足 1 小时');
  });
});
