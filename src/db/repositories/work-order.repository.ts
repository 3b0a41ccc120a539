import type { Kysely, Transaction } from 'kysely';
import { eventFacts, happenedAt, recordedBySystem } from '../../domain/event-facts.js';
import type { NoticeFacts } from '../../domain/notification-policy.js';
import { withoutRecordedSilence } from '../../domain/workflow/co-unit-lateness.js';
import type { AssignmentChange, Decision, EventPayloads, EventType } from '../../domain/workflow/index.js';
import { KEPT_PREPARED } from '../pg-named-statements.js';
import type { Database, NewWorkOrder, WorkOrderEventRow, WorkOrderRow, WorkOrderUnitRow } from '../schema.js';
import { nextInSequence } from './counters.js';
import { DeadlineMarksRepository } from './deadline-marks.repository.js';
import { patchToColumns } from './work-order.mapping.js';
import { loadWholeOrder, type WholeOrder, type Written } from './work-order.whole.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface EventActor {
  userId: number | null;
  unitId: number | null;
  name: string;
  ip: string | null;
}

/** The deadline watcher and other clocks; also what a user's action records as a fact of the clock. */
export const SYSTEM_ACTOR: EventActor = { userId: null, unitId: null, name: '系统', ip: null };

/** The columns every timeline event has from who did it, when, and what it says. */
const eventColumns = (orderId: number, type: EventType, actor: EventActor, at: Date, payload: object) => ({
  order_id: orderId,
  type,
  at: at.toISOString(),
  actor_user_id: actor.userId,
  actor_unit_id: actor.unitId,
  actor_name: actor.name,
  ip: actor.ip,
  payload: JSON.stringify(payload),
});

/** Work orders, their unit assignments and their timeline. Kysely stays in here. */
export class WorkOrderRepository {
  constructor(private readonly db: Executor) {}

  with(trx: Transaction<Database>): WorkOrderRepository {
    return new WorkOrderRepository(trx);
  }

  /** Bytes of attachments a unit has stored (its quota counts them). */
  async unitAttachmentBytes(unitId: number): Promise<number> {
    const r = await this.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes'))
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow();
    return Number(r.bytes);
  }

  /** The order with everything its page shows, in one statement (work-order.whole.ts). */
  whole(id: number): Promise<WholeOrder | undefined> {
    return loadWholeOrder(this.db, id);
  }

  /** The order and how its lead unit signs replies off (units.sign_off_mode), in one statement. */
  async findWithSignOffMode(id: number): Promise<{ row: WorkOrderRow; signOffMode: string } | undefined> {
    const r = await this.db
      .selectFrom('work_orders as w')
      .leftJoin('units as lead', 'lead.id', 'w.lead_unit_id')
      .selectAll('w')
      .select('lead.sign_off_mode as x_sign_off_mode')
      .where('w.id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    const { x_sign_off_mode, ...row } = r;
    return { row: row as WorkOrderRow, signOffMode: x_sign_off_mode ?? 'leader' };
  }

  /** Units by id with what checking and naming them needs (the units an action dispatches to). */
  unitsByIds(ids: readonly number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('units')
      .select(['id', 'kind', 'active', 'name', 'sign_off_mode'])
      .where('id', 'in', [...new Set(ids)])
      .modifyEnd(KEPT_PREPARED)
      .execute();
  }

  findById(id: number): Promise<WorkOrderRow | undefined> {
    return this.db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByCode(code: string): Promise<WorkOrderRow | undefined> {
    return this.db.selectFrom('work_orders').selectAll().where('code', '=', code).executeTakeFirst();
  }

  findByCityOrderNo(no: string): Promise<WorkOrderRow | undefined> {
    return this.db.selectFrom('work_orders').selectAll().where('city_order_no', '=', no).executeTakeFirst();
  }

  /** The known orders among these city order numbers (the spreadsheet import's preview). */
  async cityOrdersAmong(
    nos: readonly string[],
  ): Promise<{ id: number; code: string; city_order_no: string | null; city_deadline: string | null }[]> {
    const found = [];
    for (let i = 0; i < nos.length; i += 500) {
      const chunk = nos.slice(i, i + 500);
      if (chunk.length === 0) continue;
      found.push(
        ...(await this.db
          .selectFrom('work_orders')
          .select(['id', 'code', 'city_order_no', 'city_deadline'])
          .where('city_order_no', 'in', chunk)
          .execute()),
      );
    }
    return found;
  }

  async categoryExists(id: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('categories')
      .select('id')
      .where('id', '=', id)
      .modifyEnd(KEPT_PREPARED)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Records the city's new deadline on the order (a change the city makes, outside the county's
   * workflow), with the county clocks it brought forward (domain/deadlines.ts underCityDeadline).
   */
  async setCityDeadline(
    orderId: number,
    cityDeadline: string,
    at: Date,
    moved: { signBy?: Date; handleBy?: Date; coUnitBy?: Date; warnAt?: Date } = {},
  ): Promise<void> {
    await this.db
      .updateTable('work_orders')
      .set((eb) => ({
        city_deadline: cityDeadline,
        ...(moved.signBy ? { sign_by: moved.signBy.toISOString() } : {}),
        ...(moved.handleBy ? { handle_by: moved.handleBy.toISOString() } : {}),
        ...(moved.coUnitBy ? { co_unit_by: moved.coUnitBy.toISOString() } : {}),
        ...(moved.warnAt ? { warn_at: moved.warnAt.toISOString() } : {}),
        version: eb('version', '+', 1),
        updated_at: at.toISOString(),
      }))
      .where('id', '=', orderId)
      .execute();
  }

  /** Sets the 保密 flag if the order is still at the version the user saw; false when it is not. */
  async setConfidential(orderId: number, version: number, confidential: boolean, at: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('work_orders')
      .set({ confidential: confidential ? 1 : 0, version: version + 1, updated_at: at.toISOString() })
      .where('id', '=', orderId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  assignments(orderId: number): Promise<WorkOrderUnitRow[]> {
    return this.db
      .selectFrom('work_order_units')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
  }

  /** What notices need to know about an order as it stands (inside the caller's transaction). */
  async noticeFacts(orderId: number): Promise<NoticeFacts> {
    const order = await this.db
      .selectFrom('work_orders')
      .select(['code', 'title', 'lead_unit_id'])
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    const co = await this.db
      .selectFrom('work_order_units')
      .select('unit_id')
      .where('order_id', '=', orderId)
      .where('active', '=', 1)
      .where('role', '=', 'co')
      .execute();
    return {
      code: order.code,
      title: order.title,
      leadUnitId: order.lead_unit_id,
      coUnitIds: co.map((c) => c.unit_id),
    };
  }

  /** How the unit's replies are signed off (签发); a unit that is not there signs off by its leaders. */
  async signOffModeOf(unitId: number | null): Promise<string> {
    if (unitId === null) return 'leader';
    const unit = await this.db
      .selectFrom('units')
      .select('sign_off_mode')
      .where('id', '=', unitId)
      .executeTakeFirst();
    return unit?.sign_off_mode ?? 'leader';
  }

  events(orderId: number): Promise<WorkOrderEventRow[]> {
    return this.db
      .selectFrom('work_order_events')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
  }

  /** The next number of a named sequence, atomically (used for human-readable codes). */
  nextInSequence(name: string): Promise<number> {
    return nextInSequence(this.db, name);
  }

  /** Inserts an order and returns its row as written (ids and defaults filled in), so nothing reads it again. */
  insert(order: NewWorkOrder): Promise<WorkOrderRow> {
    return this.db
      .insertInto('work_orders')
      .values(order)
      .returningAll()
      .modifyEnd(KEPT_PREPARED)
      .executeTakeFirstOrThrow();
  }

  /** The orders merged into this one, with their callers and words (the page's 合并的来电). */
  mergedFrom(id: number) {
    return this.db
      .selectFrom('work_orders')
      .select([
        'id',
        'code',
        'city_order_no',
        'created_at',
        'title',
        'content',
        'channel',
        'confidential',
        'citizen_name',
        'citizen_phone',
        'citizen_address',
      ])
      .where('merged_into_id', '=', id)
      .orderBy('id')
      .execute();
  }

  async addEvent<T extends EventType>(
    orderId: number,
    type: T,
    actor: EventActor,
    at: Date,
    payload: EventPayloads[T],
    states: { from: string | null; to: string | null } = { from: null, to: null },
    facts: { unitId: number | null; outcome: string | null } = { unitId: null, outcome: null },
  ): Promise<void> {
    await this.db
      .insertInto('work_order_events')
      .values({
        ...eventColumns(orderId, type, actor, at, payload),
        from_state: states.from,
        to_state: states.to,
        unit_id: facts.unitId,
        outcome: facts.outcome,
      })
      .modifyEnd(KEPT_PREPARED)
      .execute();
  }

  /**
   * Writes a workflow decision: the order's new state and fields, guarded by the version the
   * actor saw (so a concurrent change is detected, never overwritten), then the assignment
   * changes and the timeline events (one insert). Returns what it wrote (the updated row, the
   * new events), or null when the version no longer matches. Must run inside a transaction.
   */
  async applyDecision(
    orderId: number,
    expectedVersion: number,
    decision: Decision,
    actor: EventActor,
    at: Date,
    leadBefore: number | null,
    /** Whether the order had active assignments when loaded in this transaction (none: nothing to end). */
    anyActive = true,
  ): Promise<Written | null> {
    const row = await this.db
      .updateTable('work_orders')
      .set({
        ...patchToColumns(decision.patch),
        state: decision.to,
        version: expectedVersion + 1,
        updated_at: at.toISOString(),
      })
      .where('id', '=', orderId)
      .where('version', '=', expectedVersion)
      .returningAll()
      .modifyEnd(KEPT_PREPARED)
      .executeTakeFirst();
    if (!row) return null;
    let decided = decision.events;
    for (const change of decision.assignments) {
      // A co-unit's lateness another writer (the deadline watcher) recorded first is not recorded twice.
      if (change.op === 'silent') {
        const claimed = await new DeadlineMarksRepository(this.db).claimSilence(orderId, change.unitIds);
        decided = withoutRecordedSilence(
          decided,
          change.unitIds.filter((u) => !claimed.includes(u)),
        );
      } else await this.applyAssignment(orderId, change, anyActive);
    }
    const leadAfter = decision.patch.leadUnitId !== undefined ? decision.patch.leadUnitId : leadBefore;
    const events =
      decided.length === 0
        ? []
        : await this.db
            .insertInto('work_order_events')
            .values(
              decided.map((event, i) => {
                const facts = eventFacts(event, leadBefore, leadAfter);
                return {
                  ...eventColumns(
                    orderId,
                    event.type,
                    recordedBySystem(event) ? SYSTEM_ACTOR : actor,
                    happenedAt(event, at),
                    event.payload,
                  ),
                  // The action's own event carries the state change; its consequences do not.
                  from_state: i === 0 ? decision.from : null,
                  to_state: i === 0 ? decision.to : null,
                  unit_id: facts.unitId,
                  outcome: facts.outcome,
                };
              }),
            )
            .returningAll()
            .modifyEnd(KEPT_PREPARED)
            .execute();
    // Ids in the order given (RETURNING's order is not promised by either database).
    events.sort((a, b) => a.id - b.id);
    return { row, events, decided, changes: decision.assignments };
  }

  /** Bumps the version without a state change (edits, attachments), guarded like a decision. */
  async touch(orderId: number, expectedVersion: number, at: Date, fields: Record<string, unknown> = {}) {
    const result = await this.db
      .updateTable('work_orders')
      .set({ ...fields, version: expectedVersion + 1, updated_at: at.toISOString() })
      .where('id', '=', orderId)
      .where('version', '=', expectedVersion)
      .modifyEnd(KEPT_PREPARED)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A co-unit's lateness is claimed instead (DeadlineMarksRepository.claimSilence). */
  private async applyAssignment(
    orderId: number,
    change: Exclude<AssignmentChange, { op: 'silent' }>,
    anyActive: boolean,
  ): Promise<void> {
    const base = this.db
      .updateTable('work_order_units')
      .where('order_id', '=', orderId)
      .where('active', '=', 1)
      .modifyEnd(KEPT_PREPARED);
    switch (change.op) {
      case 'replaceActive': {
        if (anyActive) await base.set({ active: 0 }).execute();
        const at = change.at.toISOString();
        const rows = [
          { unit_id: change.leadUnitId, role: 'lead' },
          ...change.coUnitIds.map((unit_id) => ({ unit_id, role: 'co' })),
        ].map((r) => ({ ...r, order_id: orderId, active: 1, dispatched_at: at, silent: 0 }));
        await this.db.insertInto('work_order_units').values(rows).modifyEnd(KEPT_PREPARED).execute();
        return;
      }
      case 'deactivateAll':
        if (anyActive) await base.set({ active: 0 }).execute();
        return;
      case 'sign':
        await base
          .set({ signed_at: change.at.toISOString(), signed_by: change.userId })
          .where('unit_id', '=', change.unitId)
          .execute();
        return;
      case 'opinion':
        await base
          .set({ opinion_at: change.at.toISOString() })
          .where('unit_id', '=', change.unitId)
          .execute();
        return;
      case 'coReturned':
        await base
          .set({ active: 0, returned_at: change.at.toISOString() })
          .where('unit_id', '=', change.unitId)
          .where('role', '=', 'co')
          .execute();
        return;
      case 'addCo':
        await this.db
          .insertInto('work_order_units')
          .values({
            order_id: orderId,
            unit_id: change.unitId,
            role: 'co',
            active: 1,
            dispatched_at: change.at.toISOString(),
            silent: 0,
          })
          .modifyEnd(KEPT_PREPARED)
          .execute();
        return;
    }
  }
}
