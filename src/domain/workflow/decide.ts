import { formatDeadline } from '../deadline-text.js';
import { coUnitDeadline, dispatchDeadlines, dueSoonFrom, redoDeadline } from '../deadlines.js';
import { checkCitable } from '../knowledge/entries.js';
import { dispatchClock } from '../office-clock.js';
import { nextProgressReportDue } from '../progress-reports.js';
import { AppRefusal } from '../refusal.js';
import { checkReply, describeReplyProblems, type ReplyContent } from '../reply-standard.js';
import { shanghaiDate } from '../time.js';
import type { Command, CommandOf } from './commands.js';
import type {
  AssignmentChange,
  DecidedEvent,
  Decision,
  EventType,
  OrderPatch,
  StoredReply,
} from './decision.js';
import { type EventOf, type EventPayloads, eventOf } from './event-payloads.js';
import { leadAssignment, type OrderSnapshot } from './order-snapshot.js';
import { checkPreconditions, type WorkflowContext } from './preconditions.js';
import {
  leaderRead,
  requireLeaderReading,
  sendBackSignOff,
  signedReply,
  submitForSignOff,
} from './sign-off.js';
import { phoneSupervisionEffect, supervisionEffect, urgeEffect } from './supervision.js';
import { resolveTarget } from './transitions.js';

/**
 * Applies a workflow action to an order, purely: returns what changes (state, fields,
 * assignments, timeline events) or throws a refusal that says why not. Persisting the
 * decision in one transaction is the caller's job.
 */
export function decide(order: OrderSnapshot, command: Command, ctx: WorkflowContext): Decision {
  const row = checkPreconditions(order, command.action, ctx);
  const effect = effectOf(order, command, ctx);
  return {
    from: order.state,
    to: resolveTarget(row, order.state, order.stateBeforeReturn),
    patch: effect.patch ?? {},
    assignments: effect.assignments ?? [],
    events: effect.events,
  };
}

interface Effect {
  patch?: OrderPatch;
  assignments?: AssignmentChange[];
  events: DecidedEvent[];
}

const invalid = (code: string, message: string, details?: Record<string, unknown>): never => {
  throw new AppRefusal(code, message, details, 'invalid');
};

function requireText(value: string | undefined | null, min: number, code: string, message: string): string {
  const text = (value ?? '').trim();
  if (text.replace(/\s+/g, '').length < min) invalid(code, message);
  return text;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const one = <T extends EventType>(type: T, payload: EventPayloads[T]): EventOf<T>[] => [
  eventOf(type, payload),
];

function effectOf(order: OrderSnapshot, command: Command, ctx: WorkflowContext): Effect {
  switch (command.action) {
    case 'dispatch':
      return dispatch(order, command, ctx);
    case 'sign': {
      const late = order.signBy !== null && ctx.now.getTime() > order.signBy.getTime();
      const lead = order.assignments.find((a) => a.active && a.role === 'lead');
      return {
        assignments: lead ? [{ op: 'sign', unitId: lead.unitId, at: ctx.now, userId: ctx.actor.userId }] : [],
        events: one('signed', { late }),
      };
    }
    case 'requestReturn': {
      const { reason, suggestedUnit } = returnGrounds(command);
      return {
        patch: { stateBeforeReturn: order.state, returnCount: (order.returnCount ?? 0) + 1 },
        events: one('return_requested', { reason, suggestedUnit }),
      };
    }
    case 'approveReturn': {
      // Back with the office: its dispatch clock starts again from the return's approval.
      const clock = dispatchClock(ctx.calendar, ctx.settings, ctx.now, order.urgency);
      return {
        patch: {
          dispatchBy: clock.dispatchBy,
          dispatchWarnAt: clock.dispatchWarnAt,
          progressDueAt: null,
          stateBeforeReturn: null,
          leadUnitId: null,
          signBy: null,
          returnBy: null,
          handleBy: null,
          coUnitBy: null,
          warnAt: null,
          pendingExtension: null,
        },
        assignments: [{ op: 'deactivateAll' }],
        events: one('return_approved', {
          opinion: command.opinion?.trim() || null,
          dispatchBy: iso(clock.dispatchBy),
        }),
      };
    }
    case 'rejectReturn': {
      const opinion = requireText(command.opinion, 2, 'OPINION_REQUIRED', '不同意回退时须写明理由。');
      return { patch: { stateBeforeReturn: null }, events: one('return_rejected', { opinion }) };
    }
    case 'requestExtension':
      return requestExtension(order, command, ctx);
    case 'approveExtension':
      return approveExtension(order, command, ctx);
    case 'rejectExtension': {
      const opinion = requireText(command.opinion, 2, 'OPINION_REQUIRED', '不同意延期时须写明理由。');
      return { patch: { pendingExtension: null }, events: one('extension_rejected', { opinion }) };
    }
    case 'reportProgress': {
      const content = requireText(
        command.content,
        10,
        'PROGRESS_TOO_SHORT',
        '进展报告须写明目前的办理进展(至少 10 个字)。',
      );
      if (!order.progressDueAt) return { events: one('progress_reported', { content }) };
      // Under an extension each report starts the next interval (and clears a missed one).
      const next = nextProgressReportDue(ctx.calendar, ctx.settings, ctx.now);
      return {
        patch: { progressDueAt: next },
        events: one('progress_reported', { content, nextDueAt: iso(next) }),
      };
    }
    case 'coSign':
      return {
        assignments: [{ op: 'sign', unitId: ctx.actor.unitId, at: ctx.now, userId: ctx.actor.userId }],
        events: one('co_signed', { unitId: ctx.actor.unitId }),
      };
    case 'coOpinion': {
      const content = requireText(
        command.content,
        10,
        'OPINION_TOO_SHORT',
        '协办意见须写明本单位的办理意见(至少 10 个字)。',
      );
      const late = order.coUnitBy !== null && ctx.now.getTime() > order.coUnitBy.getTime();
      return {
        assignments: [{ op: 'opinion', unitId: ctx.actor.unitId, at: ctx.now }],
        events: one('co_opinion_given', { unitId: ctx.actor.unitId, content, late }),
      };
    }
    case 'coReturn': {
      const { reason, suggestedUnit } = returnGrounds(command);
      return {
        assignments: [{ op: 'coReturned', unitId: ctx.actor.unitId, at: ctx.now }],
        events: one('co_returned', { unitId: ctx.actor.unitId, reason, suggestedUnit }),
      };
    }
    case 'addCoUnit':
      return addCoUnit(order, command, ctx);
    case 'reply': {
      requireLeaderReading(order);
      const effect = reply(order, command.reply, ctx, {
        viaFax: false,
        signature: { issuerScanAttachmentId: command.issuerScanAttachmentId ?? undefined },
      });
      // A typed issuer (unit without leader accounts) is backed by the scan of the signed reply.
      if (!command.issuerScanAttachmentId)
        throw new AppRefusal(
          'SIGNED_SCAN_REQUIRED',
          '本单位采用「手填签发人、附签发件扫描件」方式:请按「签发件扫描件」上传签发人签字的答复件后再提交。',
          undefined,
          'invalid',
        );
      return effect;
    }
    case 'submitForSignOff':
      return submitForSignOff(order, command.reply, ctx, (content) =>
        refuseProblems(checkReply(content, { ...replyCheckContext(order, ctx), issuerSignsOff: true })),
      );
    case 'signOff': {
      const { content, signature } = signedReply(order, ctx);
      const effect = reply(order, content, ctx, { viaFax: false, signature });
      return {
        ...effect,
        events: [
          { type: 'signed_off', payload: { issuer: ctx.actor.name, draftedBy: signature.draftedBy } },
          ...effect.events,
        ],
      };
    }
    case 'sendBackSignOff':
      return sendBackSignOff(order, command, ctx);
    case 'leaderRead':
      return leaderRead(command, ctx);
    case 'recordFaxReply':
      return reply(order, command.reply, ctx, {
        viaFax: true,
        scanAttachmentId: command.scanAttachmentId,
        faxReceivedAt: command.faxReceivedAt,
      });
    case 'acceptReview':
      return { events: one('review_accepted', { opinion: command.opinion?.trim() || null }) };
    case 'orderRedo':
      return orderRedo(order, command, ctx);
    case 'callback': {
      const note =
        command.result === 'unsatisfied'
          ? requireText(
              command.note,
              5,
              'CALLBACK_NOTE_REQUIRED',
              '群众不满意时须记录群众的具体意见(至少 5 个字)。',
            )
          : (command.note ?? '').trim();
      return {
        patch: { lastCallbackResult: command.result, callbackCount: (order.callbackCount ?? 0) + 1 },
        events: one('callback_recorded', { result: command.result, note }),
      };
    }
    case 'close': {
      const explanation =
        order.lastCallbackResult === 'unsatisfied'
          ? requireText(
              command.explanation,
              10,
              'CLOSE_EXPLANATION_REQUIRED',
              '回访群众不满意的工单,只有在诉求超出政策规定时才能直接办结,须写明情况说明(至少 10 个字);否则请退回重办。',
            )
          : command.explanation?.trim() || null;
      return {
        patch: { closedAt: ctx.now },
        events: one('closed', { satisfaction: order.lastCallbackResult, explanation }),
      };
    }
    case 'void': {
      const reason = requireText(
        command.reason,
        4,
        'VOID_REASON_REQUIRED',
        '作废工单须写明原因(至少 4 个字)。',
      );
      return { patch: { voidReason: reason }, events: one('voided', { reason }) };
    }
    case 'urge':
      return urgeEffect(order, command);
    case 'recordPhoneSupervision':
      return phoneSupervisionEffect(order, command, ctx);
    case 'escalate':
    case 'recordSupervisionFinding':
    case 'reportToLeaders':
    case 'concludeSupervision':
      return supervisionEffect(command, ctx);
    case 'linkRepeat': {
      if (command.repeatOfId === order.id) invalid('REPEAT_OF_SELF', '不能把工单关联为它自己的重复件。');
      if (order.repeatOfId === command.repeatOfId)
        invalid('ALREADY_LINKED', `本工单已关联为 ${command.repeatOfCode} 的重复件。`);
      return {
        patch: { repeatOfId: command.repeatOfId },
        events: one('linked_repeat', { repeatOfId: command.repeatOfId, repeatOfCode: command.repeatOfCode }),
      };
    }
    case 'answerOnSpot': {
      const c = checkCitable(command.citation, shanghaiDate(ctx.now));
      const answer = requireText(
        command.answer,
        10,
        'ON_SPOT_ANSWER_REQUIRED',
        '直办须记录答复来电人的内容(至少 10 个字)。',
      );
      return {
        patch: { closedAt: ctx.now, answeredOnSpotVersionId: c.versionId },
        events: one('answered_on_spot', {
          entryId: c.entryId,
          versionId: c.versionId,
          versionNo: c.versionNo,
          title: c.title,
          sourceDocument: c.sourceDocument,
          answer,
        }),
      };
    }
    case 'merge': {
      if (command.intoOrderId === order.id) invalid('MERGE_INTO_SELF', '不能把工单合并到它自己。');
      const reason = requireText(
        command.reason,
        4,
        'MERGE_REASON_REQUIRED',
        '合并工单须写明原因(至少 4 个字)。',
      );
      return {
        patch: { voidReason: reason, mergedIntoId: command.intoOrderId },
        events: one('merged', { intoOrderId: command.intoOrderId, reason }),
      };
    }
  }
}

function dispatch(order: OrderSnapshot, command: CommandOf<'dispatch'>, ctx: WorkflowContext): Effect {
  const coUnitIds = [...new Set(command.coUnitIds)];
  if (coUnitIds.includes(command.leadUnitId)) {
    invalid('LEAD_ALSO_CO_UNIT', '牵头单位不能同时作为协办单位。');
  }
  const urgency = command.urgency ?? order.urgency;
  const d = dispatchDeadlines(ctx.calendar, ctx.settings, {
    dispatchedAt: ctx.now,
    urgency,
    leaderDeadline: command.leaderDeadline ?? null,
    cityDeadline: order.cityDeadline,
  });
  const warnAt = dueSoonFrom(ctx.calendar, ctx.settings, d.handleBy, urgency, ctx.now);
  return {
    patch: {
      urgency,
      leaderDeadline: urgency === 'leader' ? (command.leaderDeadline ?? null) : null,
      dispatchedAt: ctx.now,
      signBy: d.signBy,
      returnBy: d.returnBy,
      handleBy: d.handleBy,
      coUnitBy: coUnitIds.length > 0 ? d.coUnitBy : null,
      warnAt,
      leadUnitId: command.leadUnitId,
      stateBeforeReturn: null,
    },
    assignments: [{ op: 'replaceActive', leadUnitId: command.leadUnitId, coUnitIds, at: ctx.now }],
    events: one('dispatched', {
      leadUnitId: command.leadUnitId,
      coUnitIds,
      urgency,
      signBy: iso(d.signBy),
      returnBy: iso(d.returnBy),
      handleBy: iso(d.handleBy),
      coUnitBy: coUnitIds.length > 0 ? iso(d.coUnitBy) : null,
      clippedByCity: d.clippedByCity,
      note: command.note?.trim() || null,
    }),
  };
}

function requestExtension(
  order: OrderSnapshot,
  command: CommandOf<'requestExtension'>,
  ctx: WorkflowContext,
): Effect {
  const reason = requireText(
    command.reason,
    10,
    'EXTENSION_REASON_REQUIRED',
    '申请延期须说明延期原因(至少 10 个字)。',
  );
  const mainLeaderName = requireText(
    command.mainLeaderName,
    2,
    'MAIN_LEADER_SIGNATURE_REQUIRED',
    '延期申请须经单位主要负责人签字,请填写签字的主要负责人姓名。',
  );
  if (order.handleBy && command.requestedDeadline.getTime() <= order.handleBy.getTime()) {
    invalid('EXTENSION_NOT_LATER', '申请的新期限须晚于当前办理期限。');
  }
  if (order.cityDeadline && command.requestedDeadline.getTime() > order.cityDeadline.getTime()) {
    invalid(
      'EXTENSION_AFTER_CITY_DEADLINE',
      `申请的新期限不能晚于市平台规定的期限(${formatDeadline(order.cityDeadline)})。`,
    );
  }
  const pendingExtension = {
    requestedAt: ctx.now.toISOString(),
    requestedBy: ctx.actor.name,
    requestedDeadline: command.requestedDeadline.toISOString(),
    reason,
    mainLeaderName,
    scanAttachmentId: command.scanAttachmentId,
  };
  return { patch: { pendingExtension }, events: one('extension_requested', { ...pendingExtension }) };
}

function approveExtension(
  order: OrderSnapshot,
  command: CommandOf<'approveExtension'>,
  ctx: WorkflowContext,
): Effect {
  const pending = order.pendingExtension;
  if (!pending) return invalid('NO_PENDING_EXTENSION', '本工单没有待审批的延期申请。');
  const newDeadline = command.newDeadline ?? new Date(pending.requestedDeadline);
  if (newDeadline.getTime() <= ctx.now.getTime()) invalid('EXTENSION_IN_PAST', '批准的新期限必须晚于现在。');
  if (order.handleBy && newDeadline.getTime() <= order.handleBy.getTime()) {
    invalid('EXTENSION_NOT_LATER', '批准的新期限须晚于当前办理期限。');
  }
  if (order.cityDeadline && newDeadline.getTime() > order.cityDeadline.getTime()) {
    invalid('EXTENSION_AFTER_CITY_DEADLINE', '批准的新期限不能晚于市平台规定的期限。');
  }
  // 随时报告办理进展情况: from the approval on, the unit reports progress at the office's interval.
  const progressDueAt = nextProgressReportDue(ctx.calendar, ctx.settings, ctx.now);
  return {
    patch: {
      handleBy: newDeadline,
      warnAt: dueSoonFrom(ctx.calendar, ctx.settings, newDeadline, order.urgency, ctx.now),
      pendingExtension: null,
      extensionCount: (order.extensionCount ?? 0) + 1,
      progressDueAt,
    },
    events: one('extension_approved', {
      previousDeadline: iso(order.handleBy),
      newDeadline: newDeadline.toISOString(),
      progressDueAt: iso(progressDueAt),
      opinion: command.opinion?.trim() || null,
    }),
  };
}

const replyCheckContext = (order: OrderSnapshot, ctx: WorkflowContext) => ({
  needsCitizenReply: order.needsCitizenReply,
  now: ctx.now,
  dispatchedAt: order.dispatchedAt,
});

function refuseProblems(problems: ReturnType<typeof checkReply>): void {
  if (problems.length === 0) return;
  const code = problems.some((p) => p.field.startsWith('citizenContact'))
    ? 'CITIZEN_NOT_ANSWERED'
    : 'REPLY_NOT_STANDARD';
  throw new AppRefusal(code, describeReplyProblems(problems), { problems }, 'invalid');
}

function reply(
  order: OrderSnapshot,
  content: ReplyContent,
  ctx: WorkflowContext,
  fax: {
    viaFax: boolean;
    scanAttachmentId?: number;
    faxReceivedAt?: Date;
    /** How the issuer stands behind it: a leader's sign-off in Huiyin, or a scan of the signed reply. */
    signature?: Partial<
      Pick<StoredReply, 'issuerUserId' | 'signedOffAt' | 'draftedBy' | 'issuerScanAttachmentId'>
    >;
  },
): Effect {
  // A faxed reply was given when the office received the fax, not when it was typed in.
  const repliedAt = fax.faxReceivedAt ?? ctx.now;
  if (fax.faxReceivedAt) {
    const t = fax.faxReceivedAt.getTime();
    if (
      Number.isNaN(t) ||
      t > ctx.now.getTime() ||
      (order.dispatchedAt && t < order.dispatchedAt.getTime())
    ) {
      invalid('FAX_TIME_INVALID', '传真收到时间不正确:不能晚于现在,也不能早于工单派发时间。');
    }
  }
  refuseProblems(checkReply(content, replyCheckContext(order, ctx)));
  const lead = order.assignments.find((a) => a.active && a.role === 'lead');
  const replyingUnitId = lead?.unitId ?? ctx.actor.unitId;
  const stored: StoredReply = {
    ...content,
    repliedAt: repliedAt.toISOString(),
    replyingUnitId,
    viaFax: fax.viaFax,
    ...(fax.scanAttachmentId !== undefined ? { scanAttachmentId: fax.scanAttachmentId } : {}),
    ...fax.signature,
  };
  const late = order.handleBy !== null && repliedAt.getTime() > order.handleBy.getTime();
  const silent = lateCoUnits(order, repliedAt);
  const events: DecidedEvent[] = [
    { type: fax.viaFax ? 'fax_reply_recorded' : 'replied', payload: { reply: stored, late } },
    ...silent.map((unitId) => ({ type: 'co_unit_silent' as const, payload: { unitId } })),
  ];
  return {
    patch: { reply: stored, repliedAt, pendingExtension: null, replyDraft: null },
    assignments: silent.length > 0 ? [{ op: 'silent', unitIds: silent }] : [],
    events,
  };
}

/**
 * Co-units that let their own deadline pass without an opinion and are not yet recorded so
 * (a co-unit recorded before a redo is not recorded again). Before its deadline a co-unit is
 * never late, even when the lead replies first.
 */
export function lateCoUnits(order: OrderSnapshot, at: Date): number[] {
  if (!order.coUnitBy || at.getTime() <= order.coUnitBy.getTime()) return [];
  return order.assignments
    .filter((a) => a.active && a.role === 'co' && !a.opinionAt && !a.silent)
    .map((a) => a.unitId);
}

/** What every return (the lead's or a co-unit's) must say: why, and which unit should have it. */
function returnGrounds(command: { reason: string; suggestedUnit: string }) {
  return {
    reason: requireText(command.reason, 5, 'RETURN_REASON_REQUIRED', '申请回退须说明回退原因(至少 5 个字)。'),
    suggestedUnit: requireText(
      command.suggestedUnit,
      2,
      'RETURN_SUGGESTION_REQUIRED',
      '申请回退须写明建议转办的单位。',
    ),
  };
}

/**
 * The office brings in another co-unit (often the one a returning co-unit suggested). It gets
 * the order's co-unit deadline while that is still ahead; once it has passed, a fresh one from
 * now, so a unit is never late the moment it is added.
 */
function addCoUnit(order: OrderSnapshot, command: CommandOf<'addCoUnit'>, ctx: WorkflowContext): Effect {
  if (leadAssignment(order)?.unitId === command.unitId)
    invalid('LEAD_ALSO_CO_UNIT', '牵头单位不能同时作为协办单位。');
  if (order.assignments.some((a) => a.active && a.role === 'co' && a.unitId === command.unitId)) {
    invalid('CO_UNIT_ALREADY_ADDED', '该单位已是本工单的协办单位。');
  }
  const stillAhead = order.coUnitBy && order.coUnitBy.getTime() > ctx.now.getTime();
  const coUnitBy =
    stillAhead || !order.handleBy
      ? order.coUnitBy
      : coUnitDeadline(ctx.calendar, ctx.settings, ctx.now, order.handleBy);
  return {
    patch: coUnitBy === order.coUnitBy ? {} : { coUnitBy },
    assignments: [{ op: 'addCo', unitId: command.unitId, at: ctx.now }],
    events: one('co_unit_added', {
      unitId: command.unitId,
      coUnitBy: iso(coUnitBy),
      note: command.note?.trim() || null,
    }),
  };
}

function orderRedo(order: OrderSnapshot, command: CommandOf<'orderRedo'>, ctx: WorkflowContext): Effect {
  if (command.reasons.length === 0) invalid('REDO_REASON_REQUIRED', '退回重办须选择至少一项重办原因。');
  const opinion = requireText(
    command.opinion,
    5,
    'REDO_OPINION_REQUIRED',
    '退回重办须写明重办意见(至少 5 个字)。',
  );
  const deadline = redoDeadline(ctx.calendar, ctx.settings, ctx.now, order.cityDeadline);
  if (deadline.getTime() <= ctx.now.getTime()) {
    invalid('CITY_DEADLINE_PASSED', '市平台规定的期限已过,无法按重办时限退回重办;请先与市热线办核实期限。');
  }
  return {
    patch: {
      handleBy: deadline,
      warnAt: dueSoonFrom(ctx.calendar, ctx.settings, deadline, order.urgency, ctx.now),
      // A redo starts a new clock of its own: progress reports belonged to the extended one.
      progressDueAt: null,
      redoCount: order.redoCount + 1,
      lastCallbackResult: null,
      pendingExtension: null,
    },
    events: one('redo_ordered', { reasons: command.reasons, opinion, handleBy: deadline.toISOString() }),
  };
}
