import { DAY_MS, HOUR_MS } from './time.js';

/**
 * How a deadline and the time left read, the same on every screen, print page and Excel export.
 * One convention: a deadline that ends at midnight is written as 24:00 of its last day
 * (「12-08 24:00」), as the notice counts "within 5 working days" and as 民法典第二百零三条 ends a
 * period; never as the next day's 00:00.
 */
const OFFSET_MS = 8 * HOUR_MS;

export function formatDeadline(at: string | Date | null | undefined, withYear = true): string {
  if (!at) return '—';
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) return '—';
  const local = new Date(instant.getTime() + OFFSET_MS);
  const atMidnight = local.getUTCHours() === 0 && local.getUTCMinutes() === 0;
  const shown = atMidnight ? new Date(local.getTime() - DAY_MS) : local;
  const iso = shown.toISOString();
  const day = withYear ? iso.slice(0, 10) : iso.slice(5, 10);
  return `${day} ${atMidnight ? '24:00' : iso.slice(11, 16)}`;
}

/** An instant in Beijing time, 「2026-12-03 09:40」 (or 「12-03 09:40」): how every screen writes one. */
export function formatInstant(at: string | Date | null | undefined, withYear = true): string {
  if (!at) return '—';
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) return '—';
  const iso = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return `${withYear ? iso.slice(0, 10) : iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/**
 * Working time left (negative once overdue) as working days and hours: 「剩 2 个工作日 5 小时」,
 * 「已超期 1 个工作日 3 小时」. A working day is a whole working day of the calendar (24 hours of
 * a day that is not a rest day or holiday), so the figure matches the notice's "N 个工作日".
 *
 * An urgent order's clock runs through nights and weekends (`naturalHours`): its time is natural
 * hours, and past a day natural days and hours (「已超期 9 天 2 小时」, not 「218 小时」), never
 * working days, which would understate a late emergency over a weekend.
 * Past it (`passed`: a deadline passed on a rest day has no working time past it yet), `over`
 * says so in the clock's own words (a sign-for deadline is 「已超时」).
 */
export function formatTimeLeft(
  workingMsLeft: number,
  naturalHours = false,
  over = '已超期',
  passed = workingMsLeft < 0,
): string {
  const span = formatSpan(Math.abs(workingMsLeft), naturalHours);
  return passed ? `${over} ${span}` : `剩 ${span}`;
}

/**
 * A length of time in days and hours, rounded down: 「不足 1 小时」, 「7 小时」, 「2 个工作日 5
 * 小时」, or in natural days 「5 天 23 小时」 (how long a request has waited, an urgent order's clock).
 */
export function formatSpan(ms: number, naturalDays = false): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms - days * DAY_MS) / HOUR_MS);
  if (days === 0 && hours === 0) return '不足 1 小时';
  const dayText = days > 0 ? `${days} ${naturalDays ? '天' : '个工作日'}` : '';
  return [dayText, hours > 0 ? `${hours} 小时` : ''].filter(Boolean).join(' ');
}
