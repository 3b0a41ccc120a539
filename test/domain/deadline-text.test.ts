import { describe, expect, it } from 'vitest';
import { formatDeadline, formatTimeLeft } from '../../src/domain/deadline-text.js';

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
});
