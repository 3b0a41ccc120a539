import { describe, expect, it } from 'vitest';
import type { DeadlineReading } from '../../web/src/api/types';
import {
  type ClockKind,
  deadlineBadge,
  dispatchBadge,
  signBadge,
} from '../../web/src/features/orders/badges';
import { clockBadge, clockTimeLeft } from '../../web/src/features/orders/clocks';

const reading = (status: DeadlineReading['status'], workingHoursLeft: number | null): DeadlineReading => ({
  at: '2026-03-05T16:00:00.000Z',
  status,
  workingHoursLeft,
  naturalHours: true,
});
const label = (kind: ClockKind, status: DeadlineReading['status'], awaitingOffice = false) =>
  clockBadge(kind, status, awaitingOffice)?.label ?? null;

describe('the words of an order’s clocks, on its page as in the lists', () => {
  it('a duty’s clock other than the handling deadline runs out (即将超时) and is past (已超时, or its figure’s name)', () => {
    for (const kind of ['sign', 'coUnit', 'dispatch', 'progressReport'] as const)
      expect(label(kind, 'due_soon')).toBe('即将超时');
    expect(
      ['sign', 'coUnit', 'dispatch', 'progressReport'].map((k) => label(k as ClockKind, 'overdue')),
    ).toEqual(['已超时', '已超时', '分发超时', '进展未报']);
    // The lists say the same of the same clocks.
    expect([signBadge('due_soon')?.label, signBadge('overdue')?.label]).toEqual(['即将超时', '已超时']);
    expect(dispatchBadge('overdue')?.label).toBe(label('dispatch', 'overdue'));
  });

  it('the handling deadline keeps the notice’s 预警 and 超期, and reads a request awaiting the office as the lists do', () => {
    expect([label('handle', 'due_soon'), label('handle', 'overdue')]).toEqual(['预警', '超期']);
    expect(label('handle', 'overdue', true)).toBe(deadlineBadge('overdue', true)?.label);
  });

  it('the return window is open or closed, never late; a clock that does not run has no tag', () => {
    expect([label('return', 'ok'), label('return', 'due_soon'), label('return', 'overdue')]).toEqual([
      '可回退',
      '可回退',
      '已关闭',
    ]);
    expect(label('sign', 'ok')).toBe('正常');
    expect(label('coUnit', null)).toBeNull();
  });

  it('the time past a clock is said in its words; a closed return window says nothing', () => {
    expect(clockTimeLeft('sign', reading('overdue', -3))).toBe('已超时 3 小时');
    expect(clockTimeLeft('coUnit', reading('overdue', -3))).toBe('已超时 3 小时');
    expect(clockTimeLeft('handle', reading('overdue', -3))).toBe('已超期 3 小时');
    expect(clockTimeLeft('coUnit', reading('due_soon', 5))).toBe('剩 5 小时');
    expect(clockTimeLeft('return', reading('overdue', -3))).toBe('');
    expect(clockTimeLeft('handle', reading(null, null))).toBe('');
    // Passed on a rest day: no working time past it yet, but past all the same.
    expect(clockTimeLeft('sign', reading('overdue', 0))).toBe('已超时 不足 1 小时');
    expect(clockTimeLeft('handle', reading('overdue', -0))).toBe('已超期 不足 1 小时');
    // Passed while the unit's request waits for the office: not the unit's 超期.
    expect(clockTimeLeft('handle', reading('overdue', -3), true)).toBe('期限已过 3 小时');
    expect(clockTimeLeft('sign', reading('overdue', -3), true)).toBe('已超时 3 小时');
  });
});
