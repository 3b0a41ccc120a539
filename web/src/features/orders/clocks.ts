import { formatTimeLeft } from '../../../../src/domain/deadline-text';
import { HOUR_MS } from '../../../../src/domain/time';
import type { DeadlineReading, DeadlineStatus } from '../../api/types';
import { type Badge, CLOCK_WORDS, type ClockKind, deadlineBadge, runningOut } from './badges';

// The order's page reads each of its clocks in the words the lists use (badges.ts, CLOCK_WORDS).
// Apart from badges.ts, which the start-up script draws its queue with: none of this crosses
// the link before the app.

/**
 * A clock's tag: red once past, orange as it runs out, 正常 while it runs comfortably; nothing
 * while it does not run. The handling deadline reads as the lists read it, a request awaiting
 * the office included; the return window is open (可回退) until it closes (已关闭).
 */
export function clockBadge(
  kind: ClockKind,
  status: DeadlineStatus | null | undefined,
  awaitingOffice = false,
): Badge | null {
  if (!status) return null;
  if (kind === 'return')
    return status === 'overdue' ? { label: '已关闭', color: 'default' } : { label: '可回退', color: 'blue' };
  if (status === 'ok') return { label: '正常', color: 'green' };
  return kind === 'handle' ? deadlineBadge(status, awaitingOffice) : runningOut(kind, status);
}

/**
 * The working time left on a clock (「剩 2 个工作日 5 小时」), by the domain's rule, or the time
 * past it in that clock's words (「已超时 3 小时」 for signing, 「已超期 1 个工作日」 for the handling
 * deadline). Past is what the server read: a deadline passed on a Sunday has no working time past
 * it yet, and reads 「已超时 不足 1 小时」, not 「剩 不足 1 小时」. Nothing while the clock does not
 * run, nor once a return window has closed (nothing is late then). A handling deadline that passed
 * while the unit's request waits for the office is no 超期 of the unit's (domain/office-decision.ts):
 * 「期限已过 …」, as its tag says 期限已过（待审批）.
 */
export function clockTimeLeft(kind: ClockKind, d: DeadlineReading, awaitingOffice = false): string {
  if (d.workingHoursLeft === null || (kind === 'return' && d.status === 'overdue')) return '';
  const ms = Math.round(d.workingHoursLeft * HOUR_MS);
  // Past the handling deadline is 超期 (「已超期」), past any other clock 已超时, as a sign-for deadline past is.
  const over = kind === 'handle' ? (awaitingOffice ? '期限已过' : '已超期') : CLOCK_WORDS.sign.late;
  return formatTimeLeft(ms, d.naturalHours, over, d.status === 'overdue' || ms < 0);
}
