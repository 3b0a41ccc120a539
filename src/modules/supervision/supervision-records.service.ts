import type { Transaction } from 'kysely';
import { SupervisionRecordRepository } from '../../db/repositories/supervision-record.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { Database } from '../../db/schema.js';
import type { SupervisionTrackingRow } from '../../db/schema-supervision.js';
import { can } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import { maySeeSupervisionRecord } from '../../domain/supervision-record-access.js';
import {
  CHECKPOINT_STATUS_LABELS,
  checkFollowUp,
  checkOnSiteVisit,
  checkpointStatuses,
  checkTrackingEnd,
  checkTrackingStart,
  type FollowUpInput,
  type OnSiteVisitInput,
  type OrderFacts,
  type TrackingFacts,
  type TrackingStartInput,
} from '../../domain/supervision-records.js';
import { shanghaiDate } from '../../domain/time.js';
import type { DecidedEvent } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { eventActor } from '../work-orders/event-actor.js';
import { staleVersion } from '../work-orders/order-refusals.js';
import { WorkOrderService } from '../work-orders/work-order.service.js';

const FINISHED = ['closed', 'voided', 'merged'];

const trackingFacts = (t: SupervisionTrackingRow, followed: Array<{ checkpoint: string | null }>) => ({
  startedAt: new Date(t.started_at),
  endedAt: t.ended_at ? new Date(t.ended_at) : null,
  checkpoints: JSON.parse(t.checkpoints) as string[],
  followedCheckpoints: followed.flatMap((f) => (f.checkpoint ? [f.checkpoint] : [])),
  followUps: followed.length,
});

/**
 * 现场督办 and 跟踪督办 on an order. Every change is one transaction: the order's version is
 * checked and bumped (a stale page gets 409, as for every other step on the order), the record
 * written and its timeline event added.
 */
export class SupervisionRecordService {
  private readonly orders: WorkOrderService;

  constructor(private readonly ctx: AppContext) {
    this.orders = new WorkOrderService(ctx);
  }

  /** The records the actor may read on an order they see (a unit: those about itself). */
  async list(orderId: number, actor: Actor) {
    await this.orders.loadVisible(orderId, actor);
    const repo = new SupervisionRecordRepository(this.ctx.db.kysely);
    const today = shanghaiDate(this.ctx.clock.now());
    const visits = (await repo.visitsOf(orderId)).filter((v) => maySeeSupervisionRecord(actor, v.unit_id));
    const trackings = (await repo.trackingsOf(orderId)).filter((t) =>
      maySeeSupervisionRecord(actor, t.unit_id),
    );
    const followUps = await repo.followUpsOf(trackings.map((t) => t.id));
    return {
      visits: visits.map((v) => ({
        id: v.id,
        unitId: v.unit_id,
        unitName: v.unit_name,
        visitedAt: v.visited_at,
        place: v.place,
        visitors: v.visitors,
        metWith: v.met_with,
        findings: v.findings,
        requirements: v.requirements,
        dueOn: v.due_on,
        recordedByName: v.recorded_by_name,
        recordedAt: v.recorded_at,
      })),
      trackings: trackings.map((t) => {
        const own = followUps.filter((f) => f.tracking_id === t.id);
        return {
          id: t.id,
          unitId: t.unit_id,
          unitName: t.unit_name,
          reason: t.reason,
          startedAt: t.started_at,
          startedByName: t.started_by_name,
          endedAt: t.ended_at,
          endedByName: t.ended_by_name,
          conclusion: t.conclusion,
          checkpoints: checkpointStatuses(trackingFacts(t, own), today).map((c) => ({
            ...c,
            label: CHECKPOINT_STATUS_LABELS[c.status],
          })),
          followUps: own.map((f) => ({
            id: f.id,
            followedAt: f.followed_at,
            checkpoint: f.checkpoint,
            method: f.method,
            progress: f.progress,
            recordedByName: f.recorded_by_name,
          })),
        };
      }),
      mayRecord: can(actor, 'supervision.record'),
    };
  }

  async recordVisit(
    orderId: number,
    actor: Actor,
    ip: string | null,
    version: number,
    input: OnSiteVisitInput,
  ) {
    await this.change(orderId, actor, ip, version, async (repo, facts, now) => {
      const v = checkOnSiteVisit(input, facts);
      const id = await repo.insertVisit({
        order_id: orderId,
        unit_id: v.unitId,
        visited_at: v.visitedAt.toISOString(),
        place: v.place,
        visitors: v.visitors,
        met_with: v.metWith,
        findings: v.findings,
        requirements: v.requirements,
        due_on: v.dueOn,
        recorded_by: actor.userId,
        recorded_by_name: actor.name,
        recorded_at: now.toISOString(),
      });
      return {
        type: 'on_site_supervised',
        unitId: v.unitId,
        payload: {
          visitId: id,
          unitId: v.unitId,
          visitedAt: v.visitedAt.toISOString(),
          place: v.place,
          requirements: v.requirements,
          dueOn: v.dueOn,
        },
      };
    });
    return this.list(orderId, actor);
  }

  async startTracking(
    orderId: number,
    actor: Actor,
    ip: string | null,
    version: number,
    input: TrackingStartInput,
  ) {
    await this.change(orderId, actor, ip, version, async (repo, facts, now) => {
      const open = (await repo.trackingsOf(orderId)).filter((t) => t.ended_at === null).map((t) => t.unit_id);
      const t = checkTrackingStart(input, { ...facts, unitsUnderTracking: open });
      const id = await repo.insertTracking({
        order_id: orderId,
        unit_id: t.unitId,
        reason: t.reason,
        checkpoints: JSON.stringify(t.checkpoints),
        started_at: now.toISOString(),
        started_by: actor.userId,
        started_by_name: actor.name,
      });
      return {
        type: 'tracking_started',
        unitId: t.unitId,
        payload: { trackingId: id, unitId: t.unitId, reason: t.reason, checkpoints: t.checkpoints },
      };
    });
    return this.list(orderId, actor);
  }

  async followUp(
    orderId: number,
    trackingId: number,
    actor: Actor,
    ip: string | null,
    version: number,
    input: FollowUpInput,
  ) {
    await this.change(orderId, actor, ip, version, async (repo, _facts, now) => {
      const { row, facts } = await this.tracking(repo, orderId, trackingId);
      const f = checkFollowUp(input, facts, now);
      const id = await repo.insertFollowUp({
        tracking_id: trackingId,
        followed_at: f.followedAt.toISOString(),
        checkpoint: f.checkpoint,
        method: f.method,
        progress: f.progress,
        recorded_by: actor.userId,
        recorded_by_name: actor.name,
        recorded_at: now.toISOString(),
      });
      return {
        type: 'tracking_followed_up',
        unitId: row.unit_id,
        payload: {
          trackingId,
          followUpId: id,
          unitId: row.unit_id,
          checkpoint: f.checkpoint,
          progress: f.progress,
        },
      };
    });
    return this.list(orderId, actor);
  }

  async endTracking(
    orderId: number,
    trackingId: number,
    actor: Actor,
    ip: string | null,
    version: number,
    conclusion: string,
  ) {
    await this.change(orderId, actor, ip, version, async (repo, _facts, now) => {
      const { row, facts } = await this.tracking(repo, orderId, trackingId);
      const text = checkTrackingEnd(conclusion, facts);
      if (!(await repo.endTracking(trackingId, now.toISOString(), actor.name, text)))
        refuse('state', 'TRACKING_ENDED', '该跟踪督办已经结束，不能再登记。');
      return {
        type: 'tracking_ended',
        unitId: row.unit_id,
        payload: { trackingId, unitId: row.unit_id, conclusion: text },
      };
    });
    return this.list(orderId, actor);
  }

  private async tracking(repo: SupervisionRecordRepository, orderId: number, trackingId: number) {
    const row = await repo.tracking(orderId, trackingId);
    if (!row) return refuse('not_found', 'TRACKING_NOT_FOUND', '本工单没有这条跟踪督办记录。');
    const facts: TrackingFacts = trackingFacts(row, await repo.followUpsOf([trackingId]));
    return { row, facts };
  }

  /** Load (404 when unseen), check the capability, then in one transaction: version, record, event. */
  private async change(
    orderId: number,
    actor: Actor,
    ip: string | null,
    version: number,
    write: (
      repo: SupervisionRecordRepository,
      facts: OrderFacts,
      now: Date,
    ) => Promise<DecidedEvent & { unitId: number }>,
  ): Promise<void> {
    const { row, snapshot, subject } = await this.orders.loadVisible(orderId, actor);
    if (!can(actor, 'supervision.record', subject))
      refuse('forbidden', 'FORBIDDEN_ROLE', '只有县委县政府督查室和县热线办可以记录现场督办、跟踪督办。');
    const now = this.ctx.clock.now();
    const facts = {
      now,
      unitIds: snapshot.assignments.filter((a) => a.active).map((a) => a.unitId),
      finished: FINISHED.includes(row.state),
    };
    await this.ctx.db.kysely.transaction().execute(async (trx: Transaction<Database>) => {
      const orders = new WorkOrderRepository(trx);
      if (!(await orders.touch(orderId, version, now))) {
        const current = await orders.findById(orderId);
        throw staleVersion(current ?? row);
      }
      const event = await write(new SupervisionRecordRepository(trx), facts, now);
      await orders.addEvent(orderId, event.type, eventActor(actor, ip), now, event.payload, undefined, {
        unitId: event.unitId,
        outcome: null,
      });
    });
  }
}
