import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import { type KnownUnit, type WholeOrder, wholeAfter } from '../../db/repositories/work-order.whole.js';
import type { NoticeFacts } from '../../domain/notification-policy.js';
import type { Actor } from '../../domain/roles.js';
import {
  type Action,
  type CategoryNamed,
  checkPreconditions,
  decide,
  type WorkflowContext,
} from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { queueCityResults } from '../city/city-results.js';
import type { Notifier } from '../notifications/notifier.js';
import { type ActionBody, commandOf } from './action-commands.js';
import { eventActor } from './event-actor.js';
import { recordLateDecision } from './mark-events.js';
import { staleVersion } from './order-refusals.js';
import { recordMergeOnTarget, recordUrges } from './side-records.js';
import { loadWholeVisible, type VisibleOrder, visibleWhole } from './visible-order.js';

export async function workflowContext(ctx: AppContext, actor: Actor): Promise<WorkflowContext> {
  return {
    actor,
    now: ctx.clock.now(),
    calendar: await ctx.calendar.calendar(),
    settings: await ctx.settings.timeLimits(),
    escalationRule: await ctx.settings.escalationRule(),
  };
}

/**
 * Performs one workflow action in one transaction: load the order the actor may see → check
 * the version → who, from which state → the body as the action's command → the pure rule →
 * state, timeline, urges, city results and notices written together. A stale version is
 * refused with 409. Reads the whole order once and returns it as it now stands, built from
 * what it read and wrote (read again only when a name it needs is new to it).
 */
export const performAction =
  (ctx: AppContext, notifier: Notifier) =>
  async <A extends Action>(
    id: number,
    action: A,
    body: ActionBody<A>,
    actor: Actor,
    ip: string | null,
  ): Promise<VisibleOrder> => {
    const wctx = await workflowContext(ctx, actor);
    const after = await ctx.db.kysely.transaction().execute(async (trx) => {
      const repo = new WorkOrderRepository(trx);
      const { whole, snapshot } = await loadWholeVisible(repo, id, actor);
      const { row } = whole;
      if (row.version !== body.version) throw staleVersion(row);
      // Who, from which state, within which window: refused before the input is looked up.
      checkPreconditions(snapshot, action, wctx);
      const known = new Map<number, KnownUnit>();
      const categories = new Map<number, CategoryNamed>();
      const command = await commandOf(action, body, { trx, row, actor, now: wctx.now, known, categories });
      const decision = decide(snapshot, command, wctx);
      // A request decided past the office's limit is 审批超时, whether or not the watcher saw it wait
      // (claimed while the row still holds the deadline; a stale version below undoes it with the rest).
      await recordLateDecision(trx, row, decision, wctx.now);
      const written = await repo.applyDecision(
        id,
        row.version,
        decision,
        eventActor(actor, ip),
        wctx.now,
        row.lead_unit_id,
        whole.assignments.some((a) => a.active === 1),
      );
      if (!written) throw staleVersion(row);
      // What was written: a co-unit's lateness the watcher recorded meanwhile is neither repeated nor told again.
      const events = written.decided;
      await recordUrges(trx, id, events, actor.userId, wctx.now);
      await recordMergeOnTarget(trx, notifier, row, events, eventActor(actor, ip), wctx.now);
      await queueCityResults(trx, row, events, decision.to, wctx.now);
      const now = wholeAfter(whole, written, known, categories) ?? (await repo.whole(id));
      if (!now) throw new Error(`order ${id} vanished inside its own transaction`);
      await notifier.forEvents(trx, id, noticeFactsOf(now, row.lead_unit_id), events, wctx.now);
      return now;
    });
    // The actor may no longer see the order (a unit that returned it): then the answer is 404, as a read would be.
    return visibleWhole(after, actor);
  };

/** What notices need to know about the order as it stands after the action, and its lead before. */
function noticeFactsOf(whole: WholeOrder, previousLeadUnitId: number | null): NoticeFacts {
  return {
    code: whole.row.code,
    title: whole.row.title,
    leadUnitId: whole.row.lead_unit_id,
    previousLeadUnitId,
    coUnitIds: whole.assignments.filter((a) => a.active === 1 && a.role === 'co').map((a) => a.unit_id),
  };
}
