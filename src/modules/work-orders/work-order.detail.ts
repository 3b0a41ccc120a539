import { readEvent } from '../../db/event-payloads.js';
import { fromJson } from '../../db/json.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import { signDueSoonWindow } from '../../domain/deadlines.js';
import { abilitiesOnOrder } from '../../domain/policy.js';
import type { Actor } from '../../domain/roles.js';
import { maySeeSupervisionRecord } from '../../domain/supervision-record-access.js';
import { SUPERVISION_RECORD_EVENTS } from '../../domain/supervision-records.js';
import {
  allowedActions,
  availability,
  EVENT_LABELS,
  escalationReasons,
  needsLeaderReading,
  type OrderState,
  owesCoOpinion,
  type StoredReply,
  UNIT_CLOCK_STATES,
} from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { presentCitizen } from './citizen-presenter.js';
import type { VisibleOrder } from './visible-order.js';
import { deadlineView, storedDispatchStatus, toListItem } from './work-order.queries.js';
import type { OrderDetail } from './work-order.responses.js';
import type { WorkOrderService } from './work-order.service.js';

/** An order's page: every field, deadlines with working time left, timeline, attachments, and what the actor may do now. */
export async function orderDetail(
  ctx: AppContext,
  service: WorkOrderService,
  id: number,
  actor: Actor,
): Promise<OrderDetail> {
  return detailOf(ctx, await service.loadWholeVisible(id, actor), actor);
}

/** The page of an order already loaded whole (by a read, or by the action that just changed it). */
export async function detailOf(
  ctx: AppContext,
  visible: VisibleOrder,
  actor: Actor,
  now = ctx.clock.now(),
): Promise<OrderDetail> {
  const { whole, snapshot, subject } = visible;
  const { row, events, attachments, urges } = whole;
  const [calendar, settings] = [await ctx.calendar.calendar(), await ctx.settings.timeLimits()];
  const escalationRule = await ctx.settings.escalationRule();
  const wctx = { actor, now, calendar, settings, escalationRule };

  const state = row.state as OrderState;
  const onClock = UNIT_CLOCK_STATES.includes(state);
  const urgency = snapshot.urgency;
  const leadSigned = snapshot.assignments.some((a) => a.active && a.role === 'lead' && a.signedAt);
  // An urgent order's signing, handling and dispatch are counted in natural hours; its return
  // window, co-units' opinions and progress reports in working days, as every order's.
  const view = (at: string | null, running: boolean, clock: 'own' | 'working' = 'own') =>
    deadlineView(calendar, settings, at, now, clock === 'own' ? urgency : 'normal', running);
  const ownWindow = signDueSoonWindow(settings, urgency);
  // The viewer's unit still owes its co-unit opinion (the list's own_co_open).
  const ownCoPart = snapshot.assignments.some((a) => owesCoOpinion(a, actor.unitId)) ? 1 : null;

  const citizen = presentCitizen(actor, row, subject.activeUnitIds);

  return {
    ...toListItem({ ...row, lead_name: whole.leadName, own_co_open: ownCoPart }, now, citizen, {
      calendar,
      settings,
    }),
    cityOrderNo: row.city_order_no,
    citizenPhone: citizen.phone,
    citizenAddress: citizen.address,
    contactAccess: citizen.access,
    township: row.township_unit_id ? { id: row.township_unit_id, name: whole.townshipName ?? '' } : null,
    category: whole.category,
    content: citizen.text(row.content),
    leaderInstruction: row.leader_instruction,
    leaderDeadline: row.leader_deadline,
    needsCitizenReply: row.needs_citizen_reply === 1,
    cityDeadline: row.city_deadline,
    deadlines: {
      // 即将超时 in the sign-for clock's own window (an urgent order's hour is not all warning).
      sign: deadlineView(
        calendar,
        settings,
        row.sign_by,
        now,
        urgency,
        state === 'pending_sign' && !leadSigned,
        ownWindow,
      ),
      // The return window is open only while the unit may still return: not once it has asked to,
      // and not on an order sent back for redo (the unit accepted it before).
      return: view(
        row.return_by,
        (state === 'pending_sign' || state === 'handling') && row.redo_count === 0,
        'working',
      ),
      handle: view(row.handle_by, onClock),
      coUnit: view(row.co_unit_by, onClock && snapshot.assignments.some((a) => owesCoOpinion(a)), 'working'),
      // The office's clock: its status from the stored warning instant (half the window), like the lists.
      dispatch: {
        ...view(row.dispatch_by, state === 'pending_dispatch'),
        status: storedDispatchStatus(row, now),
      },
      progressReport: view(row.progress_due_at, onClock, 'working'),
    },
    counts: {
      returns: row.return_count,
      extensions: row.extension_count,
      redos: row.redo_count,
      callbacks: row.callback_count,
      urges: row.urge_count,
      phoneSupervisions: row.phone_supervision_count,
    },
    supervision: {
      escalatedAt: row.escalated_at,
      reportedAt: row.escalation_reported_at,
      concludedAt: row.escalation_concluded_at,
      proposedBecause: escalationReasons(snapshot, now, escalationRule),
    },
    urges: urges.map((u) => ({
      id: u.id,
      unitId: u.unit_id,
      message: u.message,
      auto: u.auto === 1,
      createdAt: u.created_at,
      readAt: u.read_at,
    })),
    lastCallbackResult: snapshot.lastCallbackResult,
    pendingExtension: snapshot.pendingExtension,
    reply: fromJson<StoredReply>(row.reply),
    signOff: {
      mode: snapshot.signOffMode ?? 'leader',
      draft: snapshot.replyDraft
        ? {
            reply: { ...snapshot.replyDraft.reply },
            submittedAt: snapshot.replyDraft.submittedAt,
            submittedByName: snapshot.replyDraft.submittedByName,
            sentBack: snapshot.replyDraft.sentBack
              ? {
                  at: snapshot.replyDraft.sentBack.at,
                  byName: snapshot.replyDraft.sentBack.byName,
                  comment: snapshot.replyDraft.sentBack.comment,
                }
              : null,
          }
        : null,
    },
    leaderRead: {
      required: needsLeaderReading(snapshot),
      at: snapshot.leaderRead?.at ?? null,
      byName: snapshot.leaderRead?.byName ?? null,
      instruction: snapshot.leaderRead?.instruction ?? null,
    },
    closedAt: row.closed_at,
    voidReason: row.void_reason,
    mergedInto: whole.mergedInto,
    mergedOrders: await mergedOrders(ctx, whole, actor),
    assignments: whole.assignments.map((u) => ({
      unitId: u.unit_id,
      unitName: u.unit_name ?? '',
      role: u.role as 'lead' | 'co',
      active: u.active === 1,
      dispatchedAt: u.dispatched_at,
      signedAt: u.signed_at,
      opinionAt: u.opinion_at,
      silent: u.silent === 1,
    })),
    // 现场督办 / 跟踪督办 events are shown, like their records, only to those who may read them.
    timeline: events
      .filter((e) => !SUPERVISION_RECORD_EVENTS.includes(e.type) || maySeeSupervisionRecord(actor, e.unit_id))
      .map((e) => {
        const event = readEvent(e.type, e.payload);
        return {
          ...event,
          id: e.id,
          label: EVENT_LABELS[event.type],
          at: e.at,
          actorName: e.actor_name,
          actorUnitName: e.actor_unit_name,
          fromState: e.from_state,
          toState: e.to_state,
        };
      }),
    attachments: attachments.map((a) => ({
      id: a.id,
      purpose: a.purpose,
      fileName: a.file_name,
      mimeType: a.mime_type,
      size: a.size,
      uploadedAt: a.created_at,
      uploadedByUnit: a.unit_name,
    })),
    allowedActions: allowedActions(snapshot, wctx),
    callbackShortfall: callbackShortfall(visible, wctx),
    abilities: abilitiesOnOrder(actor, subject),
  };
}

/**
 * The callers whose orders were merged into this one, as the viewer may see them (a unit: phones
 * masked, a 保密 caller unnamed): their matter is this order's to answer and call back. Read only
 * for an order that has had one (its timeline says so), so other pages cost nothing more.
 */
async function mergedOrders(ctx: AppContext, whole: VisibleOrder['whole'], actor: Actor) {
  if (!whole.events.some((e) => e.type === 'merge_received')) return [];
  const rows = await new WorkOrderRepository(ctx.db.kysely).mergedFrom(whole.row.id);
  return rows.map((r) => {
    const caller = presentCitizen(actor, r);
    return {
      id: r.id,
      code: r.code,
      cityOrderNo: r.city_order_no,
      createdAt: r.created_at,
      citizenName: caller.name,
      citizenPhone: caller.phone,
      title: caller.text(r.title),
      content: caller.text(r.content),
    };
  });
}

/**
 * Why the reviewer is not offered 办结 on a 联系不上 callback yet (too few attempts, or all on one
 * day): the refusal's own message, shown beside the actions; null when 办结 is not held back so.
 */
function callbackShortfall(visible: VisibleOrder, wctx: Parameters<typeof availability>[2]): string | null {
  const a = availability(visible.snapshot, 'close', wctx);
  return 'whyNot' in a && a.whyNot.code === 'CALLBACK_ATTEMPTS_TOO_FEW' ? a.whyNot.message : null;
}
