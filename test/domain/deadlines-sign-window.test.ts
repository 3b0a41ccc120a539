import { describe, expect, it } from 'vitest';
import { dueSoonWindow, signDueSoonWindow } from '../../src/domain/deadlines.js';
import { DAY_MS, HOUR_MS } from '../../src/domain/time.js';
import { DEFAULT_TIME_LIMITS } from '../../src/domain/time-limits.js';

describe('the sign-for clock’s due-soon window (签收 即将超时)', () => {
  it('an urgent order warns in the last half of its sign-for hour, not from its dispatch', () => {
    expect(dueSoonWindow(DEFAULT_TIME_LIMITS, 'urgent').ms).toBe(4 * HOUR_MS);
    expect(signDueSoonWindow(DEFAULT_TIME_LIMITS, 'urgent').ms).toBe(HOUR_MS / 2);
    expect(signDueSoonWindow({ ...DEFAULT_TIME_LIMITS, urgentDueSoonHours: 0.25 }, 'urgent').ms).toBe(
      HOUR_MS / 4,
    );
  });

  it('a normal order warns on its last working day at most, whatever window the office set', () => {
    expect(signDueSoonWindow(DEFAULT_TIME_LIMITS, 'normal').ms).toBe(DAY_MS);
    expect(signDueSoonWindow({ ...DEFAULT_TIME_LIMITS, dueSoonWorkingDays: 2 }, 'normal').ms).toBe(DAY_MS);
    expect(signDueSoonWindow({ ...DEFAULT_TIME_LIMITS, dueSoonWorkingDays: 0.5 }, 'normal').ms).toBe(
      DAY_MS / 2,
    );
  });
});
