import { CalendarYearMissing, type WorkingCalendar } from './calendar.js';
import { refuse } from './refusal.js';
import { DAY_MS, HOUR_MS, type IsoDate, parseClock, shanghaiDate, startOfShanghaiDay } from './time.js';
import type { TimeLimitSettings } from './time-limits.js';

/**
 * Deadlines of a work order. They are computed once, when the clock starts (dispatch, redo,
 * an approved extension), and stored on the order, so that lists and statistics are plain
 * queries and a later change of the calendar never moves a deadline already given.
 */
/** 普通件, 急件, 领导批示件: each has its own time limits. */
export const URGENCIES = ['normal', 'urgent', 'leader'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface Period {
  /** The period's last working day (Shanghai date). */
  lastDay: IsoDate;
  /** The instant the period ends. */
  deadline: Date;
}

/** A period of `workingDays` working days from `start`, ending at the configured end of its last day. */
export function workingPeriod(
  calendar: WorkingCalendar,
  start: Date,
  workingDays: number,
  settings: Pick<TimeLimitSettings, 'dayEndsAt'>,
): Period {
  const lastDay = calendar.addWorkingDays(shanghaiDate(start), workingDays);
  const deadline = new Date(startOfShanghaiDay(lastDay).getTime() + parseClock(settings.dayEndsAt) * 60_000);
  return { lastDay, deadline };
}

/**
 * A deadline someone picked (an extension's new date) as a period's end: if its day is not a
 * working day, the period ends on the next working day instead, at the configured end of that
 * day (domain.md: a last day that is not a working day moves to the next working day). A
 * deadline at 24:00 belongs to the day it ends, not the next.
 */
export function endingOnWorkingDay(
  calendar: WorkingCalendar,
  settings: Pick<TimeLimitSettings, 'dayEndsAt'>,
  deadline: Date,
): Date {
  const day = shanghaiDate(new Date(deadline.getTime() - 1));
  if (calendar.isWorkingDay(day)) return deadline;
  const next = calendar.nextWorkingDayFrom(day);
  return new Date(startOfShanghaiDay(next).getTime() + parseClock(settings.dayEndsAt) * 60_000);
}

function earlier(a: Date, b: Date | null | undefined): Date {
  return b && b.getTime() < a.getTime() ? b : a;
}

export interface DispatchDeadlineInput {
  dispatchedAt: Date;
  urgency: Urgency;
  /** For leader-instructed orders: the deadline the dispatcher set from the instruction. */
  leaderDeadline?: Date | null;
  /** The city platform's deadline; no county deadline may fall after it. */
  cityDeadline?: Date | null;
}

export interface DispatchDeadlines {
  signBy: Date;
  returnBy: Date;
  handleBy: Date;
  coUnitBy: Date;
  /** The clocks that the city's deadline cut short, for the dispatcher's warning. */
  clippedByCity: Array<'handle' | 'sign' | 'coUnit'>;
}

export function dispatchDeadlines(
  calendar: WorkingCalendar,
  settings: TimeLimitSettings,
  input: DispatchDeadlineInput,
): DispatchDeadlines {
  const { dispatchedAt: at, urgency, cityDeadline } = input;
  if (cityDeadline && cityDeadline.getTime() <= at.getTime()) {
    refuse(
      'rule',
      'CITY_DEADLINE_PASSED',
      '市平台规定的办理期限已过，不能按正常时限派发；请先与市热线办核实期限。',
    );
  }

  let handle: Date;
  if (urgency === 'urgent') {
    handle = new Date(at.getTime() + settings.urgentHandleHours * HOUR_MS);
  } else if (urgency === 'leader') {
    if (!input.leaderDeadline) {
      refuse('invalid', 'LEADER_DEADLINE_REQUIRED', '领导批示件须由派单员根据批示要求设定办理期限。');
    }
    if (input.leaderDeadline.getTime() <= at.getTime()) {
      refuse('invalid', 'LEADER_DEADLINE_IN_PAST', '领导批示件的办理期限必须晚于派发时间。');
    }
    handle = input.leaderDeadline;
  } else {
    handle = workingPeriod(calendar, at, settings.handleWorkingDays, settings).deadline;
  }

  const sign =
    urgency === 'urgent'
      ? new Date(at.getTime() + settings.urgentSignHours * HOUR_MS)
      : workingPeriod(calendar, at, settings.signWorkingDays, settings).deadline;
  const clippedByCity: DispatchDeadlines['clippedByCity'] = [];
  const handleBy = earlier(handle, cityDeadline);
  if (handleBy !== handle) clippedByCity.push('handle');
  const signBy = earlier(earlier(sign, handleBy), cityDeadline);
  if (signBy !== sign && signBy === cityDeadline) clippedByCity.push('sign');
  // An urgent order's clocks all end within its natural hours: when the working calendar lacks
  // the year its working-day windows would reach (31 December before next year's is entered), they
  // end with the handling deadline rather than stop a burst main from being dispatched.
  const urgentOr = (working: () => Date, natural: () => Date) =>
    urgency === 'urgent' ? naturalWhenYearMissing(working, natural) : working();

  // A window to hand the order back closes with the handling deadline at the latest: an urgent
  // order (24 hours) cannot be returned a day after it was due.
  const returnBy = urgentOr(
    () => earlier(workingPeriod(calendar, at, settings.returnWindowWorkingDays, settings).deadline, handleBy),
    () => handleBy,
  );

  // Co-units answer the lead before the lead answers the office: 3 working days by default;
  // when that would not fall before the lead's deadline, halfway to it.
  const halfway = () =>
    new Date(at.getTime() + Math.floor(Math.max(0, handleBy.getTime() - at.getTime()) / 2));
  const coUnitBy = urgentOr(() => coUnitDeadline(calendar, settings, at, handleBy), halfway);
  if (
    handleBy === cityDeadline &&
    coUnitBy.getTime() <
      urgentOr(
        () => workingPeriod(calendar, at, settings.coUnitWorkingDays, settings).deadline,
        () => handleBy,
      ).getTime()
  ) {
    clippedByCity.push('coUnit');
  }
  return { signBy, returnBy, handleBy, coUnitBy, clippedByCity };
}

/** A clock read on the working calendar, or its natural-hours bound when the calendar lacks the year. */
function naturalWhenYearMissing(working: () => Date, natural: () => Date): Date {
  try {
    return working();
  } catch (e) {
    if (e instanceof CalendarYearMissing) return natural();
    throw e;
  }
}

/**
 * A co-unit's opinion deadline for a co-unit brought in at `from` (at dispatch, or added later
 * by the office): the configured working days, or halfway to the lead's deadline when that
 * would not fall before it.
 */
export function coUnitDeadline(
  calendar: WorkingCalendar,
  settings: TimeLimitSettings,
  from: Date,
  handleBy: Date,
): Date {
  const own = workingPeriod(calendar, from, settings.coUnitWorkingDays, settings).deadline;
  if (own.getTime() < handleBy.getTime()) return own;
  return new Date(from.getTime() + Math.floor(Math.max(0, handleBy.getTime() - from.getTime()) / 2));
}

/** The county's clocks of an order as stored, for `underCityDeadline`. */
export interface CountyClocks {
  signBy: Date | null;
  handleBy: Date | null;
  coUnitBy: Date | null;
  urgency: Urgency;
}

/**
 * What a deadline the city moves after dispatch does to the county's clocks: none may fall after
 * the city's (domain.md, 时限), so every clock later than the new one is brought to it, a
 * co-unit's to before the lead's, and the warning instant with them. Only while the unit holds
 * the order: a reply already in was on time by the deadline it had, and a redo or an extension
 * is bounded by the city's deadline when it is given. A later city deadline moves nothing: the
 * county's own limits still hold, and the unit may ask for an extension up to the city's.
 * Returns only what changes.
 */
export function underCityDeadline(
  calendar: WorkingCalendar,
  settings: TimeLimitSettings,
  clocks: CountyClocks,
  cityDeadline: Date,
  now: Date,
): { signBy?: Date; handleBy?: Date; coUnitBy?: Date; warnAt?: Date } {
  const after = (d: Date | null): d is Date => d !== null && d.getTime() > cityDeadline.getTime();
  const moved: { signBy?: Date; handleBy?: Date; coUnitBy?: Date; warnAt?: Date } = {};
  if (after(clocks.signBy)) moved.signBy = cityDeadline;
  if (after(clocks.handleBy)) {
    moved.handleBy = cityDeadline;
    moved.warnAt = dueSoonFrom(calendar, settings, cityDeadline, clocks.urgency, now);
    if (clocks.coUnitBy && clocks.coUnitBy.getTime() >= cityDeadline.getTime())
      moved.coUnitBy = coUnitDeadline(calendar, settings, now, cityDeadline);
  }
  return moved;
}

/** The deadline of a redo (重办), never after the city's. */
export function redoDeadline(
  calendar: WorkingCalendar,
  settings: TimeLimitSettings,
  orderedAt: Date,
  cityDeadline?: Date | null,
): Date {
  return earlier(
    workingPeriod(calendar, orderedAt, settings.redoWorkingDays, settings).deadline,
    cityDeadline,
  );
}

export type DeadlineStatus = 'ok' | 'due_soon' | 'overdue';

export interface DeadlineReading {
  status: DeadlineStatus;
  /** Working time left, in milliseconds (negative once overdue). */
  workingMsLeft: number;
}

/**
 * A co-unit's opinion clock (协办意见期限) counts working time whatever the order's urgency, as the
 * order's page and the co-unit's lists read it: where it stands at `now`, and the instant it
 * became due soon (预警, never before `notBefore`, when the co-unit was brought in). Null when the
 * calendar lacks a year the reading needs (an urgent order's clock near 31 December).
 */
export function coUnitClock(
  calendar: WorkingCalendar,
  settings: TimeLimitSettings,
  coUnitBy: Date,
  now: Date,
  notBefore: Date,
): { status: DeadlineStatus; dueSoonFrom: Date } | null {
  try {
    return {
      status: readDeadline(calendar, settings, coUnitBy, now, 'normal').status,
      dueSoonFrom: dueSoonFrom(calendar, settings, coUnitBy, 'normal', notBefore),
    };
  } catch (e) {
    if (e instanceof CalendarYearMissing) return null;
    throw e;
  }
}

/** Where an order stands against its deadline at `now`: right at any moment, holidays included. */
export function readDeadline(
  calendar: WorkingCalendar,
  settings: TimeLimitSettings,
  deadline: Date,
  now: Date,
  urgency: Urgency,
  window: DueSoonWindow = dueSoonWindow(settings, urgency),
): DeadlineReading {
  if (now.getTime() >= deadline.getTime()) {
    return { status: 'overdue', workingMsLeft: -calendar.workingMsBetween(deadline, now) };
  }
  // Due soon from dueSoonFrom() on, to the millisecond: at that instant exactly the threshold
  // remains. During a non-working stretch the working time left does not shrink, so there the
  // exact threshold is not yet due soon.
  if (urgency === 'urgent') {
    const left = deadline.getTime() - now.getTime();
    return { status: left <= window.ms ? 'due_soon' : 'ok', workingMsLeft: left };
  }
  const left = calendar.workingMsBetween(now, deadline);
  const threshold = window.ms;
  const dueSoon = left < threshold || (left === threshold && calendar.isWorkingDay(shanghaiDate(now)));
  return { status: dueSoon ? 'due_soon' : 'ok', workingMsLeft: left };
}

/**
 * How much time left makes a deadline due soon (预警): natural time for an urgent order's own
 * clocks, working time otherwise (readDeadline and dueSoonFrom read `ms` so).
 */
export interface DueSoonWindow {
  ms: number;
}

/** The configured window: less than 1 working day left (4 hours for an urgent order) by default. */
export function dueSoonWindow(settings: TimeLimitSettings, urgency: Urgency): DueSoonWindow {
  return {
    ms: urgency === 'urgent' ? settings.urgentDueSoonHours * HOUR_MS : settings.dueSoonWorkingDays * DAY_MS,
  };
}

/**
 * The sign-for clock's window (签收 即将超时). The configured window is made for handling
 * deadlines of days; an urgent order is signed for within 1 hour, so a 4-hour window would call
 * every urgent order 即将超时 from the moment it is dispatched and the warning would say nothing.
 * An urgent order's sign-for clock is due soon in the last half of its limit at most; a normal
 * one's window is never longer than its limit (by default its last working day).
 */
export function signDueSoonWindow(settings: TimeLimitSettings, urgency: Urgency): DueSoonWindow {
  const configured = dueSoonWindow(settings, urgency).ms;
  const cap =
    urgency === 'urgent' ? (settings.urgentSignHours * HOUR_MS) / 2 : settings.signWorkingDays * DAY_MS;
  return { ms: Math.min(configured, cap) };
}

/**
 * The instant from which an order counts as due soon (预警): when less than the configured
 * working time remains before `deadline`. Stored beside the deadline so that "due soon" is a
 * plain comparison in queries. Never before `notBefore` (the clock's start).
 */
export function dueSoonFrom(
  calendar: WorkingCalendar,
  settings: TimeLimitSettings,
  deadline: Date,
  urgency: Urgency,
  notBefore: Date,
  window: DueSoonWindow = dueSoonWindow(settings, urgency),
): Date {
  const floor = notBefore.getTime();
  if (urgency === 'urgent') {
    return new Date(Math.max(floor, deadline.getTime() - window.ms));
  }
  let remaining = window.ms;
  let cursor = deadline.getTime();
  while (cursor > floor) {
    const day = shanghaiDate(new Date(cursor - 1));
    const dayStart = Math.max(startOfShanghaiDay(day).getTime(), floor);
    if (calendar.isWorkingDay(day)) {
      const span = cursor - dayStart;
      if (span >= remaining) return new Date(cursor - remaining);
      remaining -= span;
    }
    cursor = dayStart;
  }
  return new Date(floor);
}
