import type { Kysely } from 'kysely';
import {
  type ListedOrder,
  WorkOrderListRepository,
} from '../../db/repositories/work-order-list.repository.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import { jiebaSearchSegmenter } from '../../domain/assistant/segmenter.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import {
  type DueSoonWindow,
  dueSoonWindow,
  readDeadline,
  signDueSoonWindow,
  type Urgency,
} from '../../domain/deadlines.js';
import { readDispatchClock } from '../../domain/office-clock.js';
import { readDecisionClock } from '../../domain/office-decision.js';
import { orderScope } from '../../domain/policy.js';
import { progressReportMissed } from '../../domain/progress-reports.js';
import type { Actor } from '../../domain/roles.js';
import { relaxedWords } from '../../domain/search-terms.js';
import { HOUR_MS } from '../../domain/time.js';
import type { TimeLimitSettings } from '../../domain/time-limits.js';
import {
  type EscalationRuleSettings,
  type OrderState,
  STATE_LABELS,
  UNIT_CLOCK_STATES,
} from '../../domain/workflow/index.js';
import { mayReadContacts, type PresentedCitizen, presentCitizen } from './citizen-presenter.js';
import { listStableUntil } from './page-stability.js';
import type { OrderListItem } from './work-order.responses.js';
import type { CountFilter, ListQuery } from './work-order.schemas.js';

// The statistics' drill-downs and exports filter as the lists do.
export { filtered, scoped } from '../../db/repositories/work-order-filter.js';

export async function listOrders(
  db: Kysely<Database>,
  actor: Actor,
  f: ListQuery,
  now: Date,
  escalation: EscalationRuleSettings,
  clocks: ClockReading,
  searchCountCap?: number,
): Promise<OrderList> {
  const { repository, scope, ctx } = listing(db, actor, now, escalation, searchCountCap);
  let page = await repository.page(f, scope, ctx);
  // Nothing holds the words as typed together: search again by each of them (拖欠工资 → 拖欠 工资).
  const relaxed = f.q && page.total === 0 ? relaxedWords(f.q, jiebaSearchSegmenter) : [];
  if (relaxed.length > 0) page = await repository.page({ ...f, q: relaxed.join(' ') }, scope, ctx);
  return {
    items: page.rows.map((r) => toListItem(r, now, presentCitizen(actor, r), clocks)),
    total: page.total,
    totalCapped: page.totalCapped,
    ...(relaxed.length > 0 ? { relaxedTo: relaxed } : {}),
    readsClock: page.readsClock,
    stableUntil: listStableUntil(page.rows, now, clocks),
  };
}

/**
 * What reading a deadline the order does not store a warning instant for needs (the sign-for
 * deadline): the working calendar and the time limits, as the order's page reads it.
 */
export interface ClockReading {
  calendar: WorkingCalendar;
  settings: TimeLimitSettings;
}

export interface OrderList {
  items: OrderListItem[];
  total: number;
  totalCapped: boolean;
  /** A search that found nothing as typed, searched again by these words (relaxedWords). */
  relaxedTo?: string[];
  /** Its filters compared the clock: which orders it holds may change with time alone. */
  readsClock: boolean;
  /** Until when (ms, exclusive) its items read the clock as they did at `now` (page-stability.ts). */
  stableUntil: number;
}

/**
 * How many orders each list holds, as its first page would count them: a queue's tabs in one
 * request instead of one list request per tab (on a phone's link, each is a round trip).
 */
export async function countOrders(
  db: Kysely<Database>,
  actor: Actor,
  filters: readonly CountFilter[],
  now: Date,
  escalation: EscalationRuleSettings,
  searchCountCap?: number,
): Promise<Array<{ total: number; totalCapped: boolean }>> {
  const { repository, scope, ctx } = listing(db, actor, now, escalation, searchCountCap);
  const counts = [];
  // One after another: a queue's counts are a few milliseconds each, and a phone's request should
  // not hold ten of the pool's connections at once.
  for (const f of filters) counts.push(await repository.total(f, scope, ctx));
  return counts;
}

/** What a list or a count reads through: the repository, the actor's scope and the moment. */
function listing(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  escalation: EscalationRuleSettings,
  searchCountCap?: number,
) {
  return {
    repository: new WorkOrderListRepository(db, searchCountCap),
    scope: orderScope(actor),
    ctx: { now: now.toISOString(), readsContacts: mayReadContacts(actor), escalation },
  };
}

/** The deadline status as the lists filter it: from the stored instants, no calendar needed. */
export function storedDeadlineStatus(
  row: Pick<WorkOrderRow, 'handle_by' | 'state' | 'warn_at'>,
  now: Date,
): OrderListItem['deadlineStatus'] {
  if (!row.handle_by || !UNIT_CLOCK_STATES.includes(row.state as OrderState)) return null;
  const t = now.toISOString();
  if (row.handle_by <= t) return 'overdue';
  if (row.warn_at && row.warn_at <= t) return 'due_soon';
  return 'ok';
}

/**
 * The lead unit's sign-for clock while the order waits for it to sign (待签收), read as the
 * order's page reads it (work-order.detail.ts `deadlines.sign`): overdue (已超时) once the
 * deadline has passed, due soon (即将超时) when less than the due-soon threshold remains.
 */
export function signStatus(
  row: Pick<WorkOrderRow, 'state' | 'sign_by' | 'urgency'>,
  now: Date,
  clocks: ClockReading,
): OrderListItem['signStatus'] {
  if (row.state !== 'pending_sign' || !row.sign_by) return null;
  const signBy = new Date(row.sign_by);
  if (now.getTime() >= signBy.getTime()) return 'overdue';
  try {
    const urgency = row.urgency as Urgency;
    const window = signDueSoonWindow(clocks.settings, urgency);
    return readDeadline(clocks.calendar, clocks.settings, signBy, now, urgency, window).status;
  } catch {
    // A deadline in a year the calendar does not hold: shown without a reading, as on the page.
    return null;
  }
}

/**
 * The viewing unit's own co-unit clock (协办意见期限) while it owes its opinion and the order is on
 * the units' clock, read as the order's page reads it (work-order.detail.ts `deadlines.coUnit`, in
 * working days): the lead's 超期 is not the co-unit's figure, its own 协办超时 is.
 */
export function ownCoUnitStatus(
  row: Pick<ListedOrder, 'state' | 'co_unit_by' | 'own_co_open'>,
  now: Date,
  clocks: ClockReading,
): OrderListItem['coUnitStatus'] {
  if (!row.own_co_open || !UNIT_CLOCK_STATES.includes(row.state as OrderState)) return null;
  return deadlineView(clocks.calendar, clocks.settings, row.co_unit_by, now, 'normal', true).status;
}

/** The office's dispatch clock as the lists filter it (domain/office-clock.ts), while the order waits for dispatch. */
export function storedDispatchStatus(
  row: Pick<WorkOrderRow, 'state' | 'dispatch_by' | 'dispatch_warn_at'>,
  now: Date,
): OrderListItem['dispatchStatus'] {
  if (row.state !== 'pending_dispatch' || !row.dispatch_by || !row.dispatch_warn_at) return null;
  return readDispatchClock(
    { dispatchBy: new Date(row.dispatch_by), dispatchWarnAt: new Date(row.dispatch_warn_at) },
    now,
  );
}

/** An order as a list shows it; `citizen` is the caller as the viewer may see them (citizen-presenter.ts). */
export function toListItem(
  row: ListedOrder,
  now: Date,
  citizen: PresentedCitizen,
  clocks: ClockReading,
): OrderListItem {
  return {
    id: row.id,
    code: row.code,
    title: citizen.text(row.title),
    state: row.state as OrderState,
    stateLabel: STATE_LABELS[row.state as OrderState],
    type: row.type as OrderListItem['type'],
    urgency: row.urgency as Urgency,
    channel: row.channel as OrderListItem['channel'],
    citizenName: citizen.name,
    confidential: citizen.confidential,
    leadUnit: row.lead_unit_id && row.lead_name ? { id: row.lead_unit_id, name: row.lead_name } : null,
    createdAt: row.created_at,
    dispatchedAt: row.dispatched_at,
    signBy: row.sign_by,
    signStatus: signStatus(row, now, clocks),
    handleBy: row.handle_by,
    coUnitBy: row.co_unit_by,
    coUnitStatus: ownCoUnitStatus(row, now, clocks),
    deadlineStatus: storedDeadlineStatus(row, now),
    dispatchBy: row.dispatch_by,
    dispatchStatus: storedDispatchStatus(row, now),
    progressDueAt: UNIT_CLOCK_STATES.includes(row.state as OrderState) ? row.progress_due_at : null,
    progressMissed: progressReportMissed(
      row.state as OrderState,
      row.progress_due_at ? new Date(row.progress_due_at) : null,
      now,
    ),
    decision: decisionReading(row, now),
    redoCount: row.redo_count,
    returnCount: row.return_count,
    version: row.version,
  };
}

/** A unit's request awaiting the office: since when, until when, and whether the office is late (office-decision.ts). */
function decisionReading(
  row: Pick<WorkOrderRow, 'decision_requested_at' | 'decide_by'>,
  now: Date,
): OrderListItem['decision'] {
  if (!row.decision_requested_at || !row.decide_by) return null;
  return {
    requestedAt: row.decision_requested_at,
    decideBy: row.decide_by,
    waitingHours: Math.max(0, Math.floor((now.getTime() - Date.parse(row.decision_requested_at)) / HOUR_MS)),
    late: readDecisionClock(new Date(row.decide_by), now) === 'late',
  };
}

/** A deadline with the working time left, for the order's page. */
export function deadlineView(
  calendar: WorkingCalendar,
  settings: TimeLimitSettings,
  at: string | null,
  now: Date,
  urgency: Urgency,
  running: boolean,
  window: DueSoonWindow = dueSoonWindow(settings, urgency),
) {
  // Only an urgent order's own clocks count natural hours; the caller passes 'normal' for the
  // working-day clocks every order has (the return window, a co-unit's opinion, progress reports).
  const naturalHours = urgency === 'urgent';
  if (!at) return { at: null, status: null, workingHoursLeft: null, naturalHours };
  if (!running) return { at, status: null, workingHoursLeft: null, naturalHours };
  try {
    const r = readDeadline(calendar, settings, new Date(at), now, urgency, window);
    return {
      at,
      status: r.status,
      workingHoursLeft: Math.round((r.workingMsLeft / 3_600_000) * 10) / 10,
      naturalHours,
    };
  } catch {
    // A deadline in a year the calendar no longer holds: show it without a reading.
    return { at, status: null, workingHoursLeft: null, naturalHours };
  }
}
