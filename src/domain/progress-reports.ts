import type { WorkingCalendar } from './calendar.js';
import { workingPeriod } from './deadlines.js';
import type { TimeLimitSettings } from './time-limits.js';
import { type OrderState, UNIT_CLOCK_STATES } from './workflow/states.js';

/**
 * Progress under extension (通知二(一):延期的「并随时报告办理进展情况」). Once the office approves
 * an extension, the unit owes a progress report every `progressReportWorkingDays` working days:
 * the first is due that many working days after the approval, each report starts the next
 * interval. A period ends like every other period of the notice: at the configured end of its
 * last working day, the starting day not counted.
 */
export function nextProgressReportDue(
  calendar: WorkingCalendar,
  settings: Pick<TimeLimitSettings, 'progressReportWorkingDays' | 'dayEndsAt'>,
  from: Date,
): Date {
  return workingPeriod(calendar, from, settings.progressReportWorkingDays, settings).deadline;
}

/**
 * A report is missed (进展未报) once its due instant has passed while the order is still with
 * the unit; a reply ends the obligation.
 */
export function progressReportMissed(state: OrderState, progressDueAt: Date | null, now: Date): boolean {
  return (
    progressDueAt !== null && UNIT_CLOCK_STATES.includes(state) && progressDueAt.getTime() <= now.getTime()
  );
}
