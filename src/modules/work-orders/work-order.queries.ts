import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { keywordMatch } from '../../db/repositories/work-order.repository.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { readDeadline, type Urgency } from '../../domain/deadlines.js';
import { readDispatchClock } from '../../domain/office-clock.js';
import { type OrderScope, orderScope } from '../../domain/policy.js';
import { progressReportMissed } from '../../domain/progress-reports.js';
import { resolvePeriod } from '../../domain/relative-period.js';
import type { Actor } from '../../domain/roles.js';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../../domain/time.js';
import type { TimeLimitSettings } from '../../domain/time-limits.js';
import {
  type EscalationRuleSettings,
  type OrderState,
  STATE_LABELS,
  UNIT_CLOCK_STATES,
} from '../../domain/workflow/index.js';
import { mayFindByPhone, type PresentedCitizen, presentCitizen } from './citizen-presenter.js';
import type { ListQuery, OrderListItem } from './work-order.schemas.js';

type OrderQuery = SelectQueryBuilder<Database, 'work_orders', object>;

/** Restricts a query to the orders the actor's scope allows. */
export function scoped(q: OrderQuery, scope: OrderScope): OrderQuery {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'unit':
      // EXISTS, not IN: SQLite would then start from all the unit's assignments (a hundred
      // thousand at a city's scale); with EXISTS it walks the list's order (or the state index)
      // and probes wou_unit_order, stopping at the page's end.
      return q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('work_order_units as wu')
            .select('wu.id')
            .whereRef('wu.order_id', '=', 'work_orders.id')
            .where('wu.unit_id', '=', scope.unitId)
            .where('wu.active', '=', 1),
        ),
      );
    case 'none':
      return q.where(sql<boolean>`1 = 0`);
  }
}

/** Due soon and overdue concern only orders on a unit's clock; stored instants make them plain comparisons. */
export function filtered(
  db: Kysely<Database>,
  q: OrderQuery,
  f: ListQuery,
  scope: OrderScope,
  now: string,
  byPhone: boolean,
  escalation: EscalationRuleSettings,
): OrderQuery {
  if (f.state?.length) q = q.where('work_orders.state', 'in', f.state);
  if (f.type?.length) q = q.where('work_orders.type', 'in', f.type);
  if (f.urgency?.length) q = q.where('work_orders.urgency', 'in', f.urgency);
  if (f.channel?.length) q = q.where('work_orders.channel', 'in', f.channel);
  if (f.redo) q = q.where('work_orders.redo_count', '>', 0);
  if (f.townshipUnitId) q = q.where('work_orders.township_unit_id', '=', f.townshipUnitId);
  if (f.categoryId) q = q.where('work_orders.category_id', '=', f.categoryId);
  if (f.level1 || f.level2) {
    q = q.where('work_orders.category_id', 'in', (eb) => {
      let sub = eb.selectFrom('categories').select('categories.id');
      if (f.level1) sub = sub.where('categories.level1', '=', f.level1);
      if (f.level2) sub = sub.where('categories.level2', '=', f.level2);
      return sub;
    });
  }
  if (f.pendingExtension) q = q.where('work_orders.pending_extension', 'is not', null);
  if (f.escalation) q = byEscalation(q, f.escalation, now, escalation);
  if (f.unitId || f.role) {
    const unitId = scope.kind === 'unit' ? scope.unitId : f.unitId;
    q = q.where((eb) => {
      let sub = eb
        .selectFrom('work_order_units as fu')
        .select('fu.id')
        .whereRef('fu.order_id', '=', 'work_orders.id')
        .where('fu.active', '=', 1);
      if (unitId) sub = sub.where('fu.unit_id', '=', unitId);
      if (f.role) sub = sub.where('fu.role', '=', f.role);
      return eb.exists(sub);
    });
  }
  if (f.due) {
    q = q.where('work_orders.state', 'in', [...UNIT_CLOCK_STATES]);
    q =
      f.due === 'overdue'
        ? q.where('work_orders.handle_by', '<=', now)
        : q.where('work_orders.warn_at', '<=', now).where('work_orders.handle_by', '>', now);
  }
  if (f.dispatch) {
    q = q.where('work_orders.state', '=', 'pending_dispatch');
    q =
      f.dispatch === 'overdue'
        ? q.where('work_orders.dispatch_by', '<=', now)
        : q.where('work_orders.dispatch_warn_at', '<=', now).where('work_orders.dispatch_by', '>', now);
  }
  if (f.progress === 'missed') {
    q = q
      .where('work_orders.state', 'in', [...UNIT_CLOCK_STATES])
      .where('work_orders.progress_due_at', '<=', now);
  }
  if (f.from) q = q.where('work_orders.created_at', '>=', startOfShanghaiDay(f.from).toISOString());
  if (f.to) q = q.where('work_orders.created_at', '<', startOfShanghaiDay(addDays(f.to, 1)).toISOString());
  if (f.period) {
    // Resolved at each request: a saved 「本周」 view moves with the calendar.
    const { from, to } = resolvePeriod(f.period, shanghaiDate(new Date(now)));
    q = q
      .where('work_orders.created_at', '>=', startOfShanghaiDay(from).toISOString())
      .where('work_orders.created_at', '<', startOfShanghaiDay(addDays(to, 1)).toISOString());
  }
  // The phone is a search key only for those who may read it: a masked phone must not be
  // recoverable by searching numbers until one matches.
  if (f.q) q = q.where(keywordMatch(db, f.q, { byPhone }));
  return q;
}

/** The supervision office's queues; `proposed` is the rule of escalationReasons() as a query. */
function byEscalation(
  q: OrderQuery,
  which: NonNullable<ListQuery['escalation']>,
  now: string,
  rule: EscalationRuleSettings,
): OrderQuery {
  switch (which) {
    case 'proposed':
      return q
        .where('work_orders.escalated_at', 'is', null)
        .where('work_orders.state', 'in', ['pending_sign', 'handling'])
        .where('work_orders.handle_by', '<=', now)
        .where('work_orders.urge_count', '>=', rule.minUrges)
        .where('work_orders.phone_supervision_count', '>=', rule.minPhoneSupervisions);
    case 'open':
      return q
        .where('work_orders.escalated_at', 'is not', null)
        .where('work_orders.escalation_concluded_at', 'is', null);
    case 'reported':
      return q.where('work_orders.escalation_reported_at', 'is not', null);
    case 'concluded':
      return q.where('work_orders.escalation_concluded_at', 'is not', null);
  }
}

export async function listOrders(
  db: Kysely<Database>,
  actor: Actor,
  f: ListQuery,
  now: Date,
  escalation: EscalationRuleSettings,
): Promise<{ items: OrderListItem[]; total: number }> {
  const scope = orderScope(actor);
  const nowIso = now.toISOString();
  const base = filtered(
    db,
    scoped(db.selectFrom('work_orders'), scope),
    f,
    scope,
    nowIso,
    mayFindByPhone(actor),
    escalation,
  );
  const total = await countOrders(db, base, scope, f);
  let q = base
    .leftJoin('units as lead', 'lead.id', 'work_orders.lead_unit_id')
    .selectAll('work_orders')
    .select(['lead.name as lead_name']);
  q =
    f.sort === 'deadline'
      ? // `|| ''` changes no value (NULL stays NULL) but keeps PostgreSQL off the handle_by index
        // for the order: open orders sit at its far end, behind a million closed ones, and walking
        // to them took 1.5 s at 1M orders; sorting the few open orders takes milliseconds.
        q.orderBy(sql`${sql.ref('work_orders.handle_by')} || ''`, 'asc').orderBy('work_orders.id', 'asc')
      : q
          .orderBy('work_orders.created_at', f.sort === 'oldest' ? 'asc' : 'desc')
          .orderBy('work_orders.id', 'desc');
  const rows = await q
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: rows.map((r) => toListItem(r, now, presentCitizen(actor, r))), total };
}

const PAGING = new Set(['sort', 'page', 'pageSize']);

/**
 * The number of orders a list holds. A unit's whole list is counted from its assignments alone
 * (an order has at most one active assignment per unit, and every assignment has its order),
 * without reading an order: at a city's scale a busy unit has a hundred thousand of them.
 */
async function countOrders(db: Kysely<Database>, base: OrderQuery, scope: OrderScope, f: ListQuery) {
  const unfiltered = Object.entries(f).every(
    ([k, v]) => PAGING.has(k) || v === undefined || (Array.isArray(v) && v.length === 0),
  );
  const row =
    scope.kind === 'unit' && unfiltered
      ? await db
          .selectFrom('work_order_units')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('unit_id', '=', scope.unitId)
          .where('active', '=', 1)
          .executeTakeFirst()
      : await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The deadline status as the lists filter it: from the stored instants, no calendar needed. */
export function storedDeadlineStatus(row: WorkOrderRow, now: Date): OrderListItem['deadlineStatus'] {
  if (!row.handle_by || !UNIT_CLOCK_STATES.includes(row.state as OrderState)) return null;
  const t = now.toISOString();
  if (row.handle_by <= t) return 'overdue';
  if (row.warn_at && row.warn_at <= t) return 'due_soon';
  return 'ok';
}

/** The office's dispatch clock as the lists filter it (domain/office-clock.ts), while the order waits for dispatch. */
export function storedDispatchStatus(row: WorkOrderRow, now: Date): OrderListItem['dispatchStatus'] {
  if (row.state !== 'pending_dispatch' || !row.dispatch_by || !row.dispatch_warn_at) return null;
  return readDispatchClock(
    { dispatchBy: new Date(row.dispatch_by), dispatchWarnAt: new Date(row.dispatch_warn_at) },
    now,
  );
}

/** An order as a list shows it; `citizen` is the caller as the viewer may see them (citizen-presenter.ts). */
export function toListItem(
  row: WorkOrderRow & { lead_name: string | null },
  now: Date,
  citizen: PresentedCitizen,
): OrderListItem {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
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
    handleBy: row.handle_by,
    deadlineStatus: storedDeadlineStatus(row, now),
    dispatchBy: row.dispatch_by,
    dispatchStatus: storedDispatchStatus(row, now),
    progressDueAt: UNIT_CLOCK_STATES.includes(row.state as OrderState) ? row.progress_due_at : null,
    progressMissed: progressReportMissed(
      row.state as OrderState,
      row.progress_due_at ? new Date(row.progress_due_at) : null,
      now,
    ),
    redoCount: row.redo_count,
    version: row.version,
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
) {
  if (!at) return { at: null, status: null, workingHoursLeft: null };
  if (!running) return { at, status: null, workingHoursLeft: null };
  try {
    const r = readDeadline(calendar, settings, new Date(at), now, urgency);
    return { at, status: r.status, workingHoursLeft: Math.round((r.workingMsLeft / 3_600_000) * 10) / 10 };
  } catch {
    // A deadline in a year the calendar no longer holds: show it without a reading.
    return { at, status: null, workingHoursLeft: null };
  }
}
