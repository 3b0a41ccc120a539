import type { Urgency } from '../../domain/deadlines.js';
import {
  type CallbackResult,
  type CategoryNamed,
  isSignOffMode,
  type LeaderReading,
  type OrderPatch,
  type OrderSnapshot,
  type OrderState,
  type OrderType,
  type PendingExtension,
  type ReplyDraft,
  unreachableAttemptsOf,
} from '../../domain/workflow/index.js';
import { readEvent } from '../event-payloads.js';
import { fromJson, toDate, toIso, toJson } from '../json.js';
import type { WorkOrderEventRow, WorkOrderRow, WorkOrderUnitRow, WorkOrderUpdate } from '../schema.js';

type TimelineRow = Pick<WorkOrderEventRow, 'type' | 'at' | 'payload'>;

/**
 * Rows to the workflow's snapshot; `signOffMode` is the lead unit's (units.sign_off_mode). With
 * the order's timeline, the snapshot also knows the current round's 联系不上 attempts (for 办结);
 * with its category's names, the category an action changes from (改分类).
 */
export function toSnapshot(
  row: WorkOrderRow,
  units: WorkOrderUnitRow[],
  signOffMode = 'leader',
  timeline?: readonly TimelineRow[],
  /** The order's request category with its names (the whole order reads them). */
  category?: CategoryNamed | null,
): OrderSnapshot {
  return {
    ...(timeline ? { unreachableAttempts: unreachableAttemptsFrom(timeline) } : {}),
    id: row.id,
    state: row.state as OrderState,
    version: row.version,
    type: row.type as OrderType,
    urgency: row.urgency as Urgency,
    needsCitizenReply: row.needs_citizen_reply === 1,
    cityDeadline: toDate(row.city_deadline),
    dispatchedAt: toDate(row.dispatched_at),
    signBy: toDate(row.sign_by),
    returnBy: toDate(row.return_by),
    handleBy: toDate(row.handle_by),
    coUnitBy: toDate(row.co_unit_by),
    progressDueAt: toDate(row.progress_due_at),
    stateBeforeReturn: row.state_before_return as OrderState | null,
    pendingExtension: fromJson<PendingExtension>(row.pending_extension),
    decisionRequestedAt: toDate(row.decision_requested_at),
    decideBy: toDate(row.decide_by),
    redoCount: row.redo_count,
    returnCount: row.return_count,
    extensionCount: row.extension_count,
    callbackCount: row.callback_count,
    lastCallbackResult: row.last_callback_result as CallbackResult | null,
    urgeCount: row.urge_count,
    phoneSupervisionCount: row.phone_supervision_count,
    escalatedAt: toDate(row.escalated_at),
    escalationReportedAt: toDate(row.escalation_reported_at),
    escalationConcludedAt: toDate(row.escalation_concluded_at),
    repeatOfId: row.repeat_of_id,
    ...(category !== undefined ? { category } : {}),
    signOffMode: isSignOffMode(signOffMode) ? signOffMode : 'leader',
    replyDraft: fromJson<ReplyDraft>(row.reply_draft),
    leaderRead: fromJson<LeaderReading>(row.leader_read),
    assignments: units.map((u) => ({
      unitId: u.unit_id,
      role: u.role as 'lead' | 'co',
      active: u.active === 1,
      signedAt: toDate(u.signed_at),
      opinionAt: toDate(u.opinion_at),
      silent: u.silent === 1,
    })),
  };
}

function unreachableAttemptsFrom(timeline: readonly TimelineRow[]): Date[] {
  return unreachableAttemptsOf(
    timeline
      .filter((e) => e.type === 'review_accepted' || e.type === 'callback_recorded')
      .map((e) => {
        const event = e.type === 'callback_recorded' ? readEvent(e.type, e.payload) : null;
        return {
          type: e.type,
          at: new Date(e.at),
          ...(event?.type === 'callback_recorded' ? { callbackResult: event.payload.result } : {}),
        };
      }),
  );
}

/** The workflow's patch to column values. */
export function patchToColumns(patch: OrderPatch): WorkOrderUpdate {
  const out: WorkOrderUpdate = {};
  const dates = {
    leaderDeadline: 'leader_deadline',
    dispatchedAt: 'dispatched_at',
    signBy: 'sign_by',
    returnBy: 'return_by',
    handleBy: 'handle_by',
    coUnitBy: 'co_unit_by',
    warnAt: 'warn_at',
    dispatchBy: 'dispatch_by',
    dispatchWarnAt: 'dispatch_warn_at',
    progressDueAt: 'progress_due_at',
    decisionRequestedAt: 'decision_requested_at',
    decideBy: 'decide_by',
    repliedAt: 'replied_at',
    closedAt: 'closed_at',
    escalatedAt: 'escalated_at',
    escalationReportedAt: 'escalation_reported_at',
    escalationConcludedAt: 'escalation_concluded_at',
  } as const;
  for (const [key, column] of Object.entries(dates) as Array<
    [keyof typeof dates, (typeof dates)[keyof typeof dates]]
  >) {
    if (key in patch) out[column] = toIso(patch[key] as Date | null);
  }
  if (patch.urgency !== undefined) out.urgency = patch.urgency;
  if (patch.leadUnitId !== undefined) out.lead_unit_id = patch.leadUnitId;
  if (patch.stateBeforeReturn !== undefined) out.state_before_return = patch.stateBeforeReturn;
  if (patch.pendingExtension !== undefined) out.pending_extension = toJson(patch.pendingExtension);
  if (patch.returnCount !== undefined) out.return_count = patch.returnCount;
  if (patch.extensionCount !== undefined) out.extension_count = patch.extensionCount;
  if (patch.redoCount !== undefined) out.redo_count = patch.redoCount;
  if (patch.callbackCount !== undefined) out.callback_count = patch.callbackCount;
  if (patch.lastCallbackResult !== undefined) out.last_callback_result = patch.lastCallbackResult;
  if (patch.reply !== undefined) out.reply = toJson(patch.reply);
  if (patch.replyDraft !== undefined) out.reply_draft = toJson(patch.replyDraft);
  if (patch.leaderRead !== undefined) out.leader_read = toJson(patch.leaderRead);
  if (patch.voidReason !== undefined) out.void_reason = patch.voidReason;
  if (patch.mergedIntoId !== undefined) out.merged_into_id = patch.mergedIntoId;
  if (patch.repeatOfId !== undefined) out.repeat_of_id = patch.repeatOfId;
  if (patch.categoryId !== undefined) out.category_id = patch.categoryId;
  if (patch.answeredOnSpotVersionId !== undefined)
    out.answered_on_spot_version_id = patch.answeredOnSpotVersionId;
  if (patch.urgeCount !== undefined) out.urge_count = patch.urgeCount;
  if (patch.phoneSupervisionCount !== undefined) out.phone_supervision_count = patch.phoneSupervisionCount;
  return out;
}
