import type { Kysely, Transaction } from 'kysely';
import type { DispatchFacts, DispatchLateMark } from '../../domain/office-clock.js';
import type { DecisionFacts, DecisionLateMark } from '../../domain/office-decision.js';
import type { DeadlineFacts, OverdueMark } from '../../domain/overdue.js';
import type { OrderState } from '../../domain/workflow/states.js';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Reads for the figures that follow deadlines (overdue orders), by deadline instant. */
export class DeadlineFiguresRepository {
  constructor(private readonly db: Executor) {}

  /** Orders whose current deadline falls in [start, end) and has passed by `now`. */
  async deadlinesIn(start: string, end: string, now: string): Promise<DeadlineFacts[]> {
    const rows = await this.db
      .selectFrom('work_orders')
      .select(['id', 'lead_unit_id', 'state', 'handle_by', 'replied_at', 'pending_extension'])
      .where('handle_by', '>=', start)
      .where('handle_by', '<', end)
      .where('handle_by', '<=', now)
      .execute();
    return rows.map(toFacts);
  }

  /**
   * Orders whose current deadline fell on the Beijing days [fromDay, toDay] and went unanswered,
   * per lead unit, from the pre-summed overdue_deadline_days (only days already past count).
   */
  async unansweredByUnit(fromDay: string, toDay: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('overdue_deadline_days')
      .select(['unit_id', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.filter((r) => Number(r.n) !== 0).map((r) => [Number(r.unit_id), Number(r.n)]));
  }

  /** The current deadlines of these orders. */
  async deadlinesOf(ids: readonly number[]): Promise<DeadlineFacts[]> {
    const out: DeadlineFacts[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('work_orders')
        .select(['id', 'lead_unit_id', 'state', 'handle_by', 'replied_at', 'pending_extension'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      out.push(...rows.map(toFacts));
    }
    return out;
  }

  /** Overdue marks the watcher recorded in [start, end) (each at its deadline instant). */
  async overdueMarksIn(start: string, end: string): Promise<OverdueMark[]> {
    const rows = await this.db
      .selectFrom('work_order_events')
      .select(['order_id', 'unit_id', 'at'])
      .where('type', '=', 'overdue')
      .where('at', '>=', start)
      .where('at', '<', end)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ orderId: r.order_id, unitId: r.unit_id, at: new Date(r.at) }));
  }

  /** Orders whose current dispatch deadline falls in [start, end) and has passed by `now`. */
  async dispatchDeadlinesIn(start: string, end: string, now: string): Promise<DispatchFacts[]> {
    const rows = await this.db
      .selectFrom('work_orders')
      .select(['id', 'state', 'dispatch_by', 'dispatched_at', 'closed_at'])
      .where('dispatch_by', '>=', start)
      .where('dispatch_by', '<', end)
      .where('dispatch_by', '<=', now)
      .execute();
    const at = (v: string | null) => (v ? new Date(v) : null);
    return rows.map((r) => ({
      orderId: r.id,
      state: r.state as OrderState,
      dispatchBy: at(r.dispatch_by),
      dispatchedAt: at(r.dispatched_at),
      closedAt: at(r.closed_at),
    }));
  }

  /** Orders whose office's decision deadline (a request still waiting) falls in [start, end) and has passed by `now`. */
  async decisionDeadlinesIn(start: string, end: string, now: string): Promise<DecisionFacts[]> {
    const rows = await this.db
      .selectFrom('work_orders')
      .select(['id', 'decide_by'])
      .where('decide_by', '>=', start)
      .where('decide_by', '<', end)
      .where('decide_by', '<=', now)
      .execute();
    return rows.map((r) => ({ orderId: r.id, decideBy: r.decide_by ? new Date(r.decide_by) : null }));
  }

  /** 审批超时 marks recorded in [start, end) (each at the office's decision deadline). */
  async decisionLateMarksIn(start: string, end: string): Promise<DecisionLateMark[]> {
    const rows = await this.db
      .selectFrom('work_order_events')
      .select(['order_id', 'at'])
      .where('type', '=', 'decision_overdue')
      .where('at', '>=', start)
      .where('at', '<', end)
      .execute();
    return rows.map((r) => ({ orderId: r.order_id, at: new Date(r.at) }));
  }

  /** 分发超时 marks the watcher recorded in [start, end) (each at its dispatch deadline). */
  async dispatchLateMarksIn(start: string, end: string): Promise<DispatchLateMark[]> {
    const rows = await this.db
      .selectFrom('work_order_events')
      .select(['order_id', 'at'])
      .where('type', '=', 'dispatch_overdue')
      .where('at', '>=', start)
      .where('at', '<', end)
      .execute();
    return rows.map((r) => ({ orderId: r.order_id, at: new Date(r.at) }));
  }
}

function toFacts(r: {
  id: number;
  lead_unit_id: number | null;
  state: string;
  handle_by: string | null;
  replied_at: string | null;
  pending_extension: string | null;
}): DeadlineFacts {
  return {
    orderId: r.id,
    unitId: r.lead_unit_id,
    state: r.state as OrderState,
    handleBy: r.handle_by ? new Date(r.handle_by) : null,
    repliedAt: r.replied_at ? new Date(r.replied_at) : null,
    extensionPending: r.pending_extension !== null,
  };
}
