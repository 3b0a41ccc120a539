import type { Transaction } from 'kysely';
import { DeadlineMarksRepository, type MarkSpec } from '../db/repositories/deadline-marks.repository.js';
import { SYSTEM_ACTOR, WorkOrderRepository } from '../db/repositories/work-order.repository.js';
import type { Database, WorkOrderRow } from '../db/schema.js';
import { formatDeadline } from '../domain/deadline-text.js';
import { coUnitClock } from '../domain/deadlines.js';
import { eventFacts, happenedAt } from '../domain/event-facts.js';
import type { DecidedEvent, EventType } from '../domain/workflow/decision.js';
import type { Notifier } from '../modules/notifications/notifier.js';
import { noticeFacts, recordUrges } from '../modules/work-orders/side-records.js';
import type { AppContext } from '../server/context.js';
import { CLOCK_MARKS, type ClockMark, recordPassedDeadlines } from './clock-marks.js';

type Mark = MarkSpec & {
  type: Extract<EventType, 'due_soon' | 'overdue' | 'sign_overdue'>;
  column: 'due_soon_marked_for' | 'overdue_marked_for' | 'sign_overdue_marked_for';
  deadline: 'handle_by' | 'sign_by';
};

const MARKS: Mark[] = [
  { type: 'sign_overdue', column: 'sign_overdue_marked_for', deadline: 'sign_by' },
  { type: 'due_soon', column: 'due_soon_marked_for', deadline: 'handle_by' },
  { type: 'overdue', column: 'overdue_marked_for', deadline: 'handle_by' },
];

/**
 * Records, once, that an order became due soon, overdue, or was not signed for in time; urges
 * the unit automatically when configured; and tells the unit. Each mark holds the deadline it
 * was made for, so an extended or redone order is marked again against its new deadline.
 * Claiming a mark is one conditional update: with several server processes on one database,
 * exactly one of them records it. Running from the stored state, it catches up after downtime.
 */
export class DeadlineWatcher {
  constructor(
    private readonly ctx: AppContext,
    private readonly notifier: Notifier,
  ) {}

  async runOnce(
    limit = 500,
  ): Promise<Record<Mark['type'] | ClockMark['type'] | 'co_unit_silent' | 'co_unit_due_soon', number>> {
    const counts = {
      sign_overdue: 0,
      due_soon: 0,
      overdue: 0,
      co_unit_silent: 0,
      co_unit_due_soon: 0,
      dispatch_overdue: 0,
      progress_missed: 0,
      decision_overdue: 0,
    };
    for (const mark of MARKS) {
      for (const row of await this.candidates(mark, limit)) {
        if (await this.record(row, mark)) counts[mark.type]++;
      }
    }
    counts.co_unit_silent = await this.markLateCoUnits(limit);
    counts.co_unit_due_soon = await this.warnCoUnitsDueSoon(limit);
    // The office's dispatch deadline (分发超时) and decision deadline (审批超时), progress reports under extension (进展未报).
    for (const mark of CLOCK_MARKS)
      counts[mark.type] = await recordPassedDeadlines(this.ctx, this.notifier, mark, limit);
    return counts;
  }

  /**
   * A co-unit's own deadline is watched like the lead's: once it passes without an opinion
   * while the order is still with the units, the co-unit is recorded late, once (the claim is
   * a conditional update of its assignment), and told. A co-unit whose late opinion or the
   * lead's reply came first was recorded by that action (domain/workflow/co-unit-lateness.ts):
   * its assignment is marked, or it has an opinion, and the claim leaves it alone.
   */
  private async markLateCoUnits(limit: number): Promise<number> {
    const now = this.ctx.clock.now();
    const late = await new DeadlineMarksRepository(this.ctx.db.kysely).lateCoUnits(now.toISOString(), limit);
    let marked = 0;
    for (const a of late) {
      const event: DecidedEvent = {
        type: 'co_unit_silent',
        payload: { unitId: a.unit_id, deadline: a.co_unit_by },
      };
      // Recorded at the co-unit's deadline, when it became late, whenever the watcher saw it.
      const claim = async (marks: DeadlineMarksRepository) =>
        (await marks.claimSilence(a.order_id, [a.unit_id], { withoutOpinion: true })).length > 0;
      if (await this.recordCoUnitFact(a.order_id, event, happenedAt(event, now), claim)) marked++;
    }
    return marked;
  }

  /**
   * A co-unit still owing its opinion is warned (预警) when less than the due-soon window is left
   * before its own deadline, once per deadline, as the lead is of its handling deadline: the part
   * claims the warning (a conditional update), the timeline records it at the instant it became
   * due soon, and the co-unit's liaison is told. The nearest deadlines come first, so the round
   * stops at the first part not yet due soon.
   */
  private async warnCoUnitsDueSoon(limit: number): Promise<number> {
    const now = this.ctx.clock.now();
    const [{ calendar }, limits] = await Promise.all([
      this.ctx.calendar.current(),
      this.ctx.settings.timeLimits(),
    ]);
    const parts = await new DeadlineMarksRepository(this.ctx.db.kysely).coUnitsOwingOpinion(
      now.toISOString(),
      limit,
    );
    let warned = 0;
    for (const part of parts) {
      const deadline = part.co_unit_by;
      const clock = coUnitClock(calendar, limits, new Date(deadline), now, new Date(part.dispatched_at));
      if (!clock) continue;
      if (clock.status !== 'due_soon') break;
      const event: DecidedEvent = { type: 'co_unit_due_soon', payload: { unitId: part.unit_id, deadline } };
      const at = new Date(Math.min(clock.dueSoonFrom.getTime(), now.getTime()));
      const claim = (marks: DeadlineMarksRepository) => marks.claimCoDueSoon(part.id, deadline);
      if (await this.recordCoUnitFact(part.order_id, event, at, claim)) warned++;
    }
    return warned;
  }

  /**
   * One transaction: the claim, then the event on the order's timeline as the system's and the
   * co-unit told; nothing when another writer claimed it first.
   */
  private recordCoUnitFact(
    orderId: number,
    event: DecidedEvent,
    at: Date,
    claim: (marks: DeadlineMarksRepository) => Promise<boolean>,
  ): Promise<boolean> {
    const now = this.ctx.clock.now();
    return this.ctx.db.kysely.transaction().execute(async (trx) => {
      if (!(await claim(new DeadlineMarksRepository(trx)))) return false;
      await new WorkOrderRepository(trx).addEvent(
        orderId,
        event.type,
        SYSTEM_ACTOR,
        at,
        event.payload,
        undefined,
        eventFacts(event, null, null),
      );
      await this.notifier.forEvents(trx, orderId, await noticeFacts(trx, orderId), [event], now);
      return true;
    });
  }

  private candidates(mark: Mark, limit: number): Promise<WorkOrderRow[]> {
    const now = this.ctx.clock.now().toISOString();
    return new DeadlineMarksRepository(this.ctx.db.kysely).leadCandidates(mark.type, mark, now, limit);
  }

  private async record(row: WorkOrderRow, mark: Mark): Promise<boolean> {
    const deadline = row[mark.deadline] as string;
    const now = this.ctx.clock.now();
    const channels = await this.ctx.settings.channels();
    const autoUrge =
      mark.type === 'overdue'
        ? channels.autoUrge.onOverdue
        : mark.type === 'due_soon'
          ? channels.autoUrge.onDueSoon
          : false;
    return this.ctx.db.kysely.transaction().execute(async (trx) => {
      // A request of the unit awaiting the office holds the overdue mark back (domain/office-decision.ts).
      if (
        !(await new DeadlineMarksRepository(trx).claim(
          row.id,
          mark,
          deadline,
          undefined,
          mark.type === 'overdue',
        ))
      )
        return false;
      const repo = new WorkOrderRepository(trx);
      const events: DecidedEvent[] = [{ type: mark.type, payload: { deadline } }];
      if (autoUrge) events.push(await this.autoUrge(trx, row, mark, now));
      // The mark is what happened at the deadline (or the warning instant), whenever the watcher
      // saw it: after a downtime the figures still count it in its own period. An automatic urge
      // is sent now, so it is recorded now.
      const happenedAt = new Date(mark.type === 'due_soon' ? (row.warn_at ?? deadline) : deadline);
      for (const e of events) {
        await repo.addEvent(
          row.id,
          e.type,
          SYSTEM_ACTOR,
          e.type === mark.type ? happenedAt : now,
          e.payload,
          undefined,
          eventFacts(e, row.lead_unit_id, row.lead_unit_id),
        );
      }
      await this.notifier.forEvents(trx, row.id, await noticeFacts(trx, row.id), events, now);
      return true;
    });
  }

  /** An automatic urge counts like the office's own; the order's version moves so no edit overwrites the count. */
  private async autoUrge(
    trx: Transaction<Database>,
    row: WorkOrderRow,
    mark: Mark,
    now: Date,
  ): Promise<DecidedEvent> {
    const { urgeNo, leadUnitId } = await new DeadlineMarksRepository(trx).countAutoUrge(
      row.id,
      now.toISOString(),
    );
    const deadline = formatDeadline(row[mark.deadline] as string);
    const message =
      mark.type === 'overdue'
        ? `工单已于 ${deadline} 超过办理期限，请立即办结反馈。`
        : `工单将于 ${deadline} 到期，请抓紧办理。`;
    const event: DecidedEvent = {
      type: 'urged',
      payload: { message, auto: true, urgeNo, unitId: leadUnitId },
    };
    await recordUrges(trx, row.id, [event], null, now);
    return event;
  }
}
