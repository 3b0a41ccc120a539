import type { WorkOrderRow } from '../../db/schema.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import {
  type DueSoonWindow,
  dueSoonFrom,
  dueSoonWindow,
  readDeadline,
  signDueSoonWindow,
  type Urgency,
} from '../../domain/deadlines.js';
import { addDays, HOUR_MS, shanghaiDate, startOfShanghaiDay } from '../../domain/time.js';
import type { TimeLimitSettings } from '../../domain/time-limits.js';
import { type OrderState, UNIT_CLOCK_STATES } from '../../domain/workflow/index.js';

/** A stored page is built again at least this often, whatever its deadlines. */
export const MAX_PAGE_AGE_MS = 10 * 60_000;

/** The deadlines the page reads with the working time left (work-order.detail.ts `deadlines`). */
const READ_DEADLINES = [
  'sign_by',
  'return_by',
  'handle_by',
  'co_unit_by',
  'dispatch_by',
  'progress_due_at',
] as const;
/** Every other instant the page or its allowed actions compare the clock with. */
const COMPARED_INSTANTS = ['dispatch_warn_at', 'warn_at', 'leader_deadline', 'city_deadline'] as const;

/** Working hours left are shown to a tenth of an hour. */
const STEP_MS = 360_000;

/**
 * Until when (ms, exclusive) an order's page built at `now` reads the clock the same way: its
 * deadline statuses, working hours left, office clocks and allowed actions compare the clock
 * only with the order's own instants, so none of them can change before the first of:
 * - an instant of the order (a deadline passing, a warning beginning);
 * - a deadline's due-soon instant (预警);
 * - a working-hours-left figure reaching its next tenth of an hour: the time left moves at most
 *   as fast as the clock, so not before the distance to that rounding step has gone by;
 * - the next day in Shanghai (whether today is a working day decides due-soon at its threshold);
 * - MAX_PAGE_AGE_MS.
 * Every deadline counts as running: a deadline that is not only makes the page stored shorter.
 * test/api/stored-pages.test.ts compares stored pages with pages built afresh at random instants.
 */
export function pageStableUntil(
  row: Pick<WorkOrderRow, (typeof READ_DEADLINES)[number] | (typeof COMPARED_INSTANTS)[number] | 'urgency'>,
  now: Date,
  calendar: WorkingCalendar,
  settings: TimeLimitSettings,
): number {
  const t = now.getTime();
  const bound = stabilityBound(now);
  const consider = bound.consider;
  for (const column of COMPARED_INSTANTS) {
    const at = row[column];
    if (at) consider(Date.parse(at));
  }
  const urgency = row.urgency as Urgency;
  for (const column of READ_DEADLINES) {
    const at = row[column];
    if (!at) continue;
    const deadline = new Date(at);
    consider(deadline.getTime());
    try {
      // Never before `now`: a warning that began earlier answers `now` itself, and has nothing left to change.
      // The sign-for clock warns in its own, shorter window (domain/deadlines.ts signDueSoonWindow).
      const window =
        column === 'sign_by' ? signDueSoonWindow(settings, urgency) : dueSoonWindow(settings, urgency);
      const warnFrom = dueSoonFrom(calendar, settings, deadline, urgency, now, window).getTime();
      if (warnFrom > t) consider(warnFrom);
      const left = readDeadline(calendar, settings, deadline, now, urgency).workingMsLeft;
      // The figure is round(left / STEP): it changes once `left` falls below the half step under it.
      const halfStepBelow = STEP_MS * Math.floor(left / STEP_MS - 0.5) + STEP_MS / 2;
      consider(t + Math.max(0, Math.floor(left - halfStepBelow)));
    } catch {
      // A deadline in a year the calendar does not hold is shown without a reading: nothing moves.
    }
  }
  return bound.until();
}

/** The instants of an order a list compares the clock with (work-order.queries.ts `toListItem`). */
const LIST_INSTANTS = [
  'handle_by',
  'warn_at',
  'dispatch_by',
  'dispatch_warn_at',
  'progress_due_at',
  'decide_by',
] as const;

/**
 * Until when (ms, exclusive) a list's page built at `now` reads the clock the same way, when its
 * filters do not compare the clock (those lists are not stored): each row's deadline status,
 * office clock and missed progress report compare the clock with the row's own instants only;
 * its sign-for status, and the viewing co-unit's own clock, with their deadline and its due-soon instant.
 */
export function listStableUntil(
  rows: ReadonlyArray<
    Pick<
      WorkOrderRow,
      | (typeof LIST_INSTANTS)[number]
      | 'decision_requested_at'
      | 'state'
      | 'sign_by'
      | 'urgency'
      | 'co_unit_by'
    > & { own_co_open: number | null }
  >,
  now: Date,
  clocks: { calendar: WorkingCalendar; settings: TimeLimitSettings },
): number {
  const bound = stabilityBound(now);
  for (const row of rows) {
    for (const column of LIST_INSTANTS) {
      const at = row[column];
      if (at) bound.consider(Date.parse(at));
    }
    // The clocks read on the calendar move when their deadline passes and when its due-soon
    // instant comes (and at the next day, which the bound holds already): the sign-for clock
    // (待签收), and the viewing unit's own co-unit clock (协办期限, in working days) while it owes
    // its opinion.
    const read = (at: string, urgency: Urgency, window: DueSoonWindow) => {
      const deadline = new Date(at);
      bound.consider(deadline.getTime());
      try {
        const warnFrom = dueSoonFrom(clocks.calendar, clocks.settings, deadline, urgency, now, window);
        if (warnFrom.getTime() > now.getTime()) bound.consider(warnFrom.getTime());
      } catch {
        // A deadline in a year the calendar does not hold is listed without a reading: nothing moves.
      }
    };
    if (row.state === 'pending_sign' && row.sign_by) {
      const urgency = row.urgency as Urgency;
      read(row.sign_by, urgency, signDueSoonWindow(clocks.settings, urgency));
    }
    if (row.own_co_open && row.co_unit_by && UNIT_CLOCK_STATES.includes(row.state as OrderState))
      read(row.co_unit_by, 'normal', dueSoonWindow(clocks.settings, 'normal'));
    // A request's waiting time is shown in whole hours: it moves at the next hour since the request.
    if (row.decision_requested_at) {
      const since = Date.parse(row.decision_requested_at);
      bound.consider(since + (Math.floor((now.getTime() - since) / HOUR_MS) + 1) * HOUR_MS);
    }
  }
  return bound.until();
}

/** The first of MAX_PAGE_AGE_MS, the next day in Shanghai and the instants considered. */
function stabilityBound(now: Date) {
  const t = now.getTime();
  let until = Math.min(t + MAX_PAGE_AGE_MS, startOfShanghaiDay(addDays(shanghaiDate(now), 1)).getTime());
  return {
    // A comparison may be strict (after the instant) or not (from it): an instant now still
    // allows this very millisecond, a later one is the bound itself.
    consider(instant: number) {
      if (instant >= t) until = Math.min(until, Math.max(instant, t + 1));
    },
    until: () => until,
  };
}
