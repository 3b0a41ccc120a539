import type { Kysely, Transaction } from 'kysely';
import { type OrderState, UNIT_CLOCK_STATES } from '../../domain/workflow/states.js';
import { KEPT_PREPARED } from '../pg-named-statements.js';
import type { Database, WorkOrderRow } from '../schema.js';
import { notAwaitingOffice } from './awaiting-office.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The column that records a mark, holding the deadline it was made for. */
export type MarkColumn =
  | 'due_soon_marked_for'
  | 'overdue_marked_for'
  | 'sign_overdue_marked_for'
  | 'dispatch_overdue_marked_for'
  | 'progress_missed_for'
  | 'decision_overdue_marked_for';

export type DeadlineColumn = 'handle_by' | 'sign_by' | 'dispatch_by' | 'progress_due_at' | 'decide_by';

/** A deadline the watcher marks once: which column it is and which column records the mark. */
export interface MarkSpec {
  column: MarkColumn;
  deadline: DeadlineColumn;
}

/**
 * What the deadline watcher reads and claims. A claim is one conditional update, so with several
 * server processes on one database exactly one of them records each mark.
 */
export class DeadlineMarksRepository {
  constructor(private readonly db: Executor) {}

  /**
   * Orders whose lead unit's deadline passed (sign_overdue, overdue) or whose warning instant
   * came (due_soon), not yet marked for their current deadline.
   */
  leadCandidates(
    kind: 'sign_overdue' | 'due_soon' | 'overdue',
    mark: MarkSpec,
    now: string,
    limit: number,
  ): Promise<WorkOrderRow[]> {
    let q = this.db
      .selectFrom('work_orders')
      .selectAll()
      .where(mark.deadline, 'is not', null)
      .where((eb) => eb.or([eb(mark.column, 'is', null), eb(mark.column, '!=', eb.ref(mark.deadline))]));
    if (kind === 'sign_overdue') q = q.where('state', '=', 'pending_sign').where('sign_by', '<=', now);
    else if (kind === 'overdue')
      q = q
        .where('state', 'in', [...UNIT_CLOCK_STATES])
        .where('handle_by', '<=', now)
        .where(notAwaitingOffice);
    else
      q = q
        .where('state', 'in', [...UNIT_CLOCK_STATES])
        .where('warn_at', '<=', now)
        .where('handle_by', '>', now);
    return q.orderBy('id').limit(limit).execute();
  }

  /** Orders in `states` whose `mark.deadline` passed and is not yet marked, with that deadline. */
  passed(mark: MarkSpec, states: readonly OrderState[], now: string, limit: number) {
    return this.db
      .selectFrom('work_orders')
      .select((eb) => [
        'id',
        'lead_unit_id',
        'state',
        'pending_extension',
        eb.ref(mark.deadline).as('deadline'),
      ])
      .where('state', 'in', [...states])
      .where(mark.deadline, 'is not', null)
      .where(mark.deadline, '<=', now)
      .where((eb) => eb.or([eb(mark.column, 'is', null), eb(mark.column, '!=', eb.ref(mark.deadline))]))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /**
   * Claims the mark of `deadline` on an order: true for the one caller that recorded it, false
   * when another did or the deadline (or, if given, the state) moved meanwhile.
   */
  async claim(
    orderId: number,
    mark: MarkSpec,
    deadline: string,
    states?: readonly OrderState[],
    /** Only while no request of the unit awaits the office (an overdue mark: domain/office-decision.ts). */
    unlessAwaitingOffice = false,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('work_orders')
      .set({ [mark.column]: deadline })
      .where('id', '=', orderId)
      .where(mark.deadline, '=', deadline)
      .$if(states !== undefined, (q) => q.where('state', 'in', [...(states ?? [])]))
      .$if(unlessAwaitingOffice, (q) => q.where(notAwaitingOffice))
      .where((eb) => eb.or([eb(mark.column, 'is', null), eb(mark.column, '!=', deadline)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Co-units' parts still owing their opinion (domain/workflow/order-snapshot.ts, owesCoOpinion)
   * on orders with the units, each beside its order.
   */
  private partsOwingOpinion() {
    return this.db
      .selectFrom('work_order_units as u')
      .innerJoin('work_orders as o', 'o.id', 'u.order_id')
      .where('u.active', '=', 1)
      .where('u.role', '=', 'co')
      .where('u.silent', '=', 0)
      .where('u.opinion_at', 'is', null)
      .where('o.state', 'in', [...UNIT_CLOCK_STATES]);
  }

  /** Active co-units whose own deadline passed without an opinion while the order is with the units. */
  lateCoUnits(now: string, limit: number) {
    return this.partsOwingOpinion()
      .select(['u.id', 'u.order_id', 'u.unit_id', 'o.co_unit_by'])
      .where('o.co_unit_by', '<=', now)
      .orderBy('u.id')
      .limit(limit)
      .execute();
  }

  /**
   * Co-units still owing their opinion on an order with the units, whose own deadline is ahead and
   * not yet warned for: the nearest deadline first, so the caller can stop at the first that is
   * not yet due soon (the rest are later still).
   */
  coUnitsOwingOpinion(now: string, limit: number) {
    return this.partsOwingOpinion()
      .select(['u.id', 'u.order_id', 'u.unit_id', 'u.dispatched_at', 'o.co_unit_by'])
      .where('o.co_unit_by', '>', now)
      .where((eb) =>
        eb.or([
          eb('u.due_soon_marked_for', 'is', null),
          eb('u.due_soon_marked_for', '!=', eb.ref('o.co_unit_by')),
        ]),
      )
      .orderBy('o.co_unit_by')
      .orderBy('u.id')
      .limit(limit)
      .$narrowType<{ co_unit_by: string }>()
      .execute();
  }

  /**
   * Claims a co-unit's warning (预警) for `deadline` on its part: true for the one caller that
   * recorded it; false when another did, the part gave its opinion, ended or was marked late, or
   * the deadline moved meanwhile.
   */
  async claimCoDueSoon(partId: number, deadline: string): Promise<boolean> {
    const r = await this.db
      .updateTable('work_order_units')
      .set({ due_soon_marked_for: deadline })
      .where('id', '=', partId)
      .where('active', '=', 1)
      .where('silent', '=', 0)
      .where('opinion_at', 'is', null)
      .where((eb) =>
        eb.or([eb('due_soon_marked_for', 'is', null), eb('due_soon_marked_for', '!=', deadline)]),
      )
      // Still the order's co-unit deadline, and the order still with the units.
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('work_orders as o')
            .select('o.id')
            .whereRef('o.id', '=', 'work_order_units.order_id')
            .where('o.co_unit_by', '=', deadline)
            .where('o.state', 'in', [...UNIT_CLOCK_STATES]),
        ),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Claims co-units' lateness (协办超时) on their active assignments of an order, each once: a
   * conditional update, so of the writers that come to the same co-unit — the watcher, the lead's
   * reply, the co-unit's own late opinion — the first marks it and the others find it marked (on
   * PostgreSQL a second writer waits for the first to commit, then sees its mark). The watcher
   * claims only a co-unit still without an opinion (`withoutOpinion`). Returns the units claimed.
   */
  async claimSilence(orderId: number, unitIds: number[], { withoutOpinion = false } = {}): Promise<number[]> {
    const claimed = await this.db
      .updateTable('work_order_units')
      .set({ silent: 1 })
      .where('order_id', '=', orderId)
      .where('active', '=', 1)
      .where('role', '=', 'co')
      .where('unit_id', 'in', unitIds)
      .where('silent', '=', 0)
      .$if(withoutOpinion, (q) => q.where('opinion_at', 'is', null))
      .returning('unit_id')
      .modifyEnd(KEPT_PREPARED)
      .execute();
    return claimed.map((r) => r.unit_id);
  }

  /**
   * Counts an automatic urge on the order and moves its version, so no edit overwrites the count;
   * the urge's number and the unit it goes to.
   */
  async countAutoUrge(orderId: number, at: string): Promise<{ urgeNo: number; leadUnitId: number | null }> {
    const current = await this.db
      .selectFrom('work_orders')
      .select(['urge_count', 'version', 'lead_unit_id'])
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    const urgeNo = current.urge_count + 1;
    await this.db
      .updateTable('work_orders')
      .set({ urge_count: urgeNo, version: current.version + 1, updated_at: at })
      .where('id', '=', orderId)
      .execute();
    return { urgeNo, leadUnitId: current.lead_unit_id };
  }
}
