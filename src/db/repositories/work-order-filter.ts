import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { OrderScope } from '../../domain/policy.js';
import { type RelativePeriod, resolvePeriod } from '../../domain/relative-period.js';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../../domain/time.js';
import {
  CO_OPINION_STATES,
  DISPATCH_CLOCK_STATE,
  ESCALATION_STATES,
  type EscalationRuleSettings,
  LEADER_READ_URGENCIES,
  LEADER_READING_STATES,
  SIGNING_STATES,
  UNIT_CLOCK_STATES,
} from '../../domain/workflow/index.js';
import { type DialectName, dialectOf } from '../connection.js';
import type { Database } from '../schema.js';
import { notAwaitingOffice } from './awaiting-office.js';
import { seenByUnit } from './unit-scope.js';
import { keyword } from './work-order-search.js';

/**
 * The filters of the lists of orders as SQL: what a list may be filtered by, the actor's scope,
 * the deadline and escalation queues. Shared by the list's pages (work-order-list.repository.ts)
 * and the statistics' drill-downs.
 */
export type OrderQuery = SelectQueryBuilder<Database, 'work_orders', object>;

/** What a list of orders may be filtered by (the list endpoint's query, the statistics' drill-downs). */
export interface OrderFilter {
  state?: readonly string[];
  type?: readonly string[];
  urgency?: readonly string[];
  channel?: readonly string[];
  redo?: '1';
  escalation?: 'proposed' | 'open' | 'reported' | 'concluded';
  pendingExtension?: '1';
  dispatch?: 'due_soon' | 'overdue';
  due?: 'due_soon' | 'overdue';
  progress?: 'missed';
  /** A unit's request awaiting the office: all of them, or those past the office's decision deadline (审批超时). */
  decision?: 'waiting' | 'late';
  townshipUnitId?: number;
  categoryId?: number;
  level1?: string;
  level2?: string;
  unitId?: number;
  role?: 'lead' | 'co';
  /** The unit's own part not yet signed for: a lead's new order or a co-unit's part (待签收). */
  toSign?: '1';
  /** The unit's signed co-unit parts still owing their opinion, while the units work (协办). */
  coPart?: 'open';
  /**
   * Leader-instructed and urgent orders the unit leads and still holds, not yet read by its main
   * leader (待阅批, notice 四 「对批示件、急难件要亲自阅批」).
   */
  toRead?: '1';
  from?: string;
  to?: string;
  period?: RelativePeriod;
  q?: string;
}

/** Restricts a query to the orders the actor's scope allows. */
export function scoped(q: OrderQuery, scope: OrderScope): OrderQuery {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'unit':
      return q.where(seenByUnit('work_orders.id', scope.unitId));
    case 'none':
      return q.where(sql<boolean>`1 = 0`);
  }
}

/** Every filter, the keyword included, as the export of a list applies them. */
export function filtered(
  db: Kysely<Database>,
  q: OrderQuery,
  f: OrderFilter,
  scope: OrderScope,
  now: string,
  readsContacts: boolean,
  escalation: EscalationRuleSettings,
): OrderQuery {
  return withKeyword(
    filteredBut(q, f, scope, { clock: () => now, escalation, dialect: dialectOf(db) }),
    f.q ? keyword(db, f.q, { readsContacts }).drive : null,
  );
}

export const withKeyword = (q: OrderQuery, match: Expression<SqlBool> | null) => (match ? q.where(match) : q);

/** What the filters read beside the request: the moment, the escalation rule, the database. */
export interface FilterContext {
  /** Asked for only by the filters that compare the clock (a list's page is stored only when its filters did not: stored-lists.ts). */
  clock: () => string;
  escalation: EscalationRuleSettings;
  /** Which indexes the filters may lean on (PostgreSQL's partial indexes of a unit's open parts). */
  dialect: DialectName;
}

/** Every filter but the keyword. */
export function filteredBut(
  q: OrderQuery,
  f: OrderFilter,
  scope: OrderScope,
  ctx: FilterContext,
): OrderQuery {
  const { clock, escalation } = ctx;
  // The unit whose parts the unit filters name: a unit's own, or the one the office asks about.
  const unitId = scope.kind === 'unit' ? scope.unitId : f.unitId;
  if (f.state?.length) q = q.where('work_orders.state', 'in', f.state);
  if (f.type?.length) q = q.where('work_orders.type', 'in', f.type);
  if (f.urgency?.length) q = q.where('work_orders.urgency', 'in', f.urgency);
  if (f.channel?.length) q = q.where('work_orders.channel', 'in', f.channel);
  if (f.redo) q = q.where(redone(f, unitId));
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
  if (f.escalation) q = byEscalation(q, f.escalation, clock, escalation);
  if (f.unitId || f.role) {
    if (f.role === 'lead' && unitId) q = ledBy(q, unitId);
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
  if (f.toSign) {
    // The unit's own active, unsigned, unreturned part, in a state where its role may sign it
    // (domain: SIGNING_STATES): a co-unit signs for its part while the lead handles (协办签收), so
    // the order's state alone (pending_sign) left a co-unit's unsigned parts under 办理中.
    const states = [...new Set([...SIGNING_STATES.lead, ...SIGNING_STATES.co])];
    q = q.where('work_orders.state', 'in', states);
    if (unitId && ctx.dialect === 'postgres')
      q = amongParts(q, unitId, (p) =>
        p.where('up.signed_at', 'is', null).where('up.returned_at', 'is', null),
      );
    q = q.where((eb) => {
      let sub = eb
        .selectFrom('work_order_units as su')
        .select('su.id')
        .whereRef('su.order_id', '=', 'work_orders.id')
        .where('su.active', '=', 1)
        .where('su.signed_at', 'is', null)
        .where('su.returned_at', 'is', null)
        // A CASE, not an OR of the two roles: PostgreSQL lifts such an OR onto the order's state
        // alone beside the outer condition and multiplies the two as if independent (72 orders
        // estimated for 8,276), then walks every open order probing the unit's assignments.
        .where((w) =>
          w
            .case('su.role')
            .when('lead')
            .then(w('work_orders.state', 'in', [...SIGNING_STATES.lead]))
            .when('co')
            .then(w('work_orders.state', 'in', [...SIGNING_STATES.co]))
            .else(sql.lit(false))
            .end(),
        );
      if (unitId) sub = sub.where('su.unit_id', '=', unitId);
      return eb.exists(sub);
    });
  }
  if (f.coPart) {
    // A co-unit's part is done once its opinion is given (or it returned its part): the order may
    // still be handled, redone or overdue, but those are the lead's, not the co-unit's to do.
    q = q.where('work_orders.state', 'in', [...CO_OPINION_STATES]);
    if (unitId && ctx.dialect === 'postgres')
      q = amongParts(q, unitId, (p) =>
        p
          .where('up.role', '=', sql.lit('co'))
          .where('up.signed_at', 'is not', null)
          .where('up.opinion_at', 'is', null)
          .where('up.returned_at', 'is', null),
      );
    q = q.where((eb) => {
      let sub = eb
        .selectFrom('work_order_units as cu')
        .select('cu.id')
        .whereRef('cu.order_id', '=', 'work_orders.id')
        .where('cu.active', '=', 1)
        .where('cu.role', '=', 'co')
        .where('cu.signed_at', 'is not', null)
        .where('cu.opinion_at', 'is', null)
        .where('cu.returned_at', 'is', null);
      if (unitId) sub = sub.where('cu.unit_id', '=', unitId);
      return eb.exists(sub);
    });
  }
  if (f.toRead) {
    // The rule of sign-off.ts (needsLeaderReading, no reading yet) and of the transition table
    // (leaderRead by the lead's main leader while the unit holds the order), as a query.
    if (unitId) q = ledBy(q, unitId);
    q = q
      .where('work_orders.state', 'in', [...LEADER_READING_STATES])
      .where('work_orders.urgency', 'in', [...LEADER_READ_URGENCIES])
      .where('work_orders.leader_read', 'is', null)
      .where((eb) => {
        let sub = eb
          .selectFrom('work_order_units as ru')
          .select('ru.id')
          .whereRef('ru.order_id', '=', 'work_orders.id')
          .where('ru.active', '=', 1)
          .where('ru.role', '=', 'lead');
        if (unitId) sub = sub.where('ru.unit_id', '=', unitId);
        return eb.exists(sub);
      });
  }
  if (f.due) {
    // Due soon and overdue concern only orders on a unit's clock; stored instants make them plain comparisons.
    const now = clock();
    q = q.where('work_orders.state', 'in', [...UNIT_CLOCK_STATES]);
    q =
      f.due === 'overdue'
        ? q.where('work_orders.handle_by', '<=', now).where(notAwaitingOffice)
        : q.where('work_orders.warn_at', '<=', now).where('work_orders.handle_by', '>', now);
  }
  if (f.dispatch) {
    const now = clock();
    q = q.where('work_orders.state', '=', DISPATCH_CLOCK_STATE);
    q =
      f.dispatch === 'overdue'
        ? q.where('work_orders.dispatch_by', '<=', now)
        : q.where('work_orders.dispatch_warn_at', '<=', now).where('work_orders.dispatch_by', '>', now);
  }
  if (f.decision) {
    q = q.where('work_orders.decide_by', 'is not', null);
    if (f.decision === 'late') q = q.where('work_orders.decide_by', '<=', clock());
  }
  if (f.progress === 'missed') {
    const now = clock();
    q = q
      .where('work_orders.state', 'in', [...UNIT_CLOCK_STATES])
      .where('work_orders.progress_due_at', '<=', now);
  }
  if (f.from) q = q.where('work_orders.created_at', '>=', startOfShanghaiDay(f.from).toISOString());
  if (f.to) q = q.where('work_orders.created_at', '<', startOfShanghaiDay(addDays(f.to, 1)).toISOString());
  if (f.period) {
    // Resolved at each request: a saved 「本周」 view moves with the calendar.
    const { from, to } = resolvePeriod(f.period, shanghaiDate(new Date(clock())));
    q = q
      .where('work_orders.created_at', '>=', startOfShanghaiDay(from).toISOString())
      .where('work_orders.created_at', '<', startOfShanghaiDay(addDays(to, 1)).toISOString());
  }
  return q;
}

/**
 * The orders `unitId` leads, said a second time beside the assignment it is read from: the order's
 * `lead_unit_id` is written with its active lead assignment in the same decision (dispatch sets
 * both, a return's approval clears both), so the two always agree, and the column lets the database
 * start from the unit's own orders in a state (`work_orders_lead_state`) instead of walking the whole
 * county's open orders and probing each one's assignments. A unit's 办理中, 预警, 超期, 重办 and
 * 待阅批 then cost what the unit holds, not what the county holds.
 */
function ledBy(q: OrderQuery, unitId: number): OrderQuery {
  return q.where('work_orders.lead_unit_id', '=', unitId);
}

type PartQuery = SelectQueryBuilder<
  Database & { up: Database['work_order_units'] },
  'work_orders' | 'up',
  { order_id: number }
>;

/**
 * The orders among the unit's active parts that `narrow` keeps, said without the order's state,
 * beside the tab's own check of the part against the state. On PostgreSQL a partial index holds
 * exactly those parts (待签收: wou_unsigned; 协办: wou_co_open), so the database starts from the
 * unit's few hundred of them rather than from the county's ~8,300 open orders (at a million
 * orders: 待签收 28 → 9 ms, 协办 20 → 7 ms). The fixed values are literals, as the indexes are
 * written: a bound parameter would keep a prepared statement's generic plan from proving them.
 * SQLite has no such indexes and walks the open orders (4–6 ms), so it is not given this.
 */
function amongParts(q: OrderQuery, unitId: number, narrow: (p: PartQuery) => PartQuery): OrderQuery {
  return q.where('work_orders.id', 'in', (eb) =>
    narrow(
      eb
        .selectFrom('work_order_units as up')
        .select('up.order_id')
        .where('up.unit_id', '=', unitId)
        .where('up.active', '=', sql.lit(1)),
    ),
  );
}

/**
 * Redone orders. A literal 0, as the partial index work_orders_redo is written: a bound parameter
 * would keep both databases from using it for the office's 重办中. A unit's own 重办 (the orders it
 * leads) is found from the lead index, a few hundred open orders; PostgreSQL would also AND in
 * the partial index of every order ever redone (64,000 at a million, 13 ms against 5), so there
 * the count is written as an expression no index holds.
 */
function redone(f: OrderFilter, unitId: number | undefined): Expression<SqlBool> {
  const count =
    f.role === 'lead' && unitId ? sql`work_orders.redo_count + 0` : sql.ref('work_orders.redo_count');
  return sql<SqlBool>`${count} > ${sql.lit(0)}`;
}

/** The supervision office's queues; `proposed` is the rule of escalationReasons() as a query. */
function byEscalation(
  q: OrderQuery,
  which: NonNullable<OrderFilter['escalation']>,
  clock: () => string,
  rule: EscalationRuleSettings,
): OrderQuery {
  switch (which) {
    case 'proposed':
      return q
        .where('work_orders.escalated_at', 'is', null)
        .where('work_orders.state', 'in', ESCALATION_STATES)
        .where('work_orders.handle_by', '<=', clock())
        .where('work_orders.urge_count', '>=', rule.minUrges)
        .where('work_orders.phone_supervision_count', '>=', rule.minPhoneSupervisions);
    case 'open':
      return q
        .where('work_orders.escalated_at', 'is not', null)
        .where('work_orders.escalation_concluded_at', 'is', null);
    // Reported and concluded escalations are escalated ones (the workflow refuses either before
    // the escalation): said again so that the escalated orders' partial index serves these lists.
    case 'reported':
      return q
        .where('work_orders.escalated_at', 'is not', null)
        .where('work_orders.escalation_reported_at', 'is not', null);
    case 'concluded':
      return q
        .where('work_orders.escalated_at', 'is not', null)
        .where('work_orders.escalation_concluded_at', 'is not', null);
  }
}

const PAGING = new Set(['sort', 'page', 'pageSize']);

/** Whether a request filters by nothing (its paging aside). */
export function unfiltered(f: OrderFilter): boolean {
  return Object.entries(f).every(
    ([k, v]) => PAGING.has(k) || v === undefined || (Array.isArray(v) && v.length === 0),
  );
}
