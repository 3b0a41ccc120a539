import { checkCitable } from '../knowledge/entries.js';
import { dispatchClock } from '../office-clock.js';
import { decisionClockPatch } from '../office-decision.js';
import { nextProgressReportDue } from '../progress-reports.js';
import { AppRefusal } from '../refusal.js';
import { checkReply } from '../reply-standard.js';
import { shanghaiDate } from '../time.js';
import { reclassify } from './classification.js';
import { coOpinion } from './co-unit-lateness.js';
import type { Command } from './commands.js';
import { approveExtension, orderRedo, requestExtension } from './deadline-effects.js';
import type { Decision } from './decision.js';
import { type Effect, invalid, iso, one, requireText } from './effect.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { checkPreconditions, type WorkflowContext } from './preconditions.js';
import { faxBackdating, refuseProblems, reply, replyCheckContext } from './reply-effect.js';
import {
  leaderRead,
  requireLeaderReading,
  sendBackSignOff,
  signedReply,
  submitForSignOff,
} from './sign-off.js';
import { phoneSupervisionEffect, supervisionEffect, urgeEffect } from './supervision.js';
import { returnGrounds } from './text-grounds.js';
import { resolveTarget } from './transitions.js';
import { addCoUnit, dispatch } from './unit-effects.js';

/**
 * Applies a workflow action to an order, purely: returns what changes (state, fields,
 * assignments, timeline events) or throws a refusal that says why not. Persisting the
 * decision in one transaction is the caller's job.
 */
export function decide(order: OrderSnapshot, command: Command, ctx: WorkflowContext): Decision {
  const row = checkPreconditions(order, command.action, ctx);
  const effect = effectOf(order, command, ctx);
  const to = resolveTarget(row, order.state, order.stateBeforeReturn);
  const patch = effect.patch ?? {};
  const pendingAfter = patch.pendingExtension !== undefined ? patch.pendingExtension : order.pendingExtension;
  // The office's clock to decide runs while a request of the unit awaits it (office-decision.ts).
  const decisionClock = decisionClockPatch(
    { state: order.state, extensionPending: order.pendingExtension !== null },
    { state: to, extensionPending: pendingAfter !== null },
    ctx.calendar,
    ctx.settings,
    ctx.now,
  );
  return {
    from: order.state,
    to,
    patch: { ...patch, ...decisionClock },
    assignments: effect.assignments ?? [],
    events: effect.events,
  };
}

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
      // The unit keeps the order on the office's word: a bare 「不同意」 tells it nothing of why.
      const opinion = requireText(
        command.opinion,
        5,
        'OPINION_REQUIRED',
        '不同意回退须写明理由（至少 5 个字），如该事项属于本单位职责的依据，单位才知道为什么仍由本单位办理。',
      );
      // The office has ruled: the unit keeps the order, and the window to hand it back closes now
      // (决不允许相互扯皮), rather than letting the same return be asked again at once.
      return {
        patch: { stateBeforeReturn: null, returnBy: ctx.now },
        events: one('return_rejected', { opinion }),
      };
    }
    case 'requestExtension':
      return requestExtension(order, command, ctx);
    case 'approveExtension':
      return approveExtension(order, command, ctx);
    case 'rejectExtension': {
      const opinion = requireText(
        command.opinion,
        5,
        'OPINION_REQUIRED',
        '不同意延期须写明理由（至少 5 个字），如按原期限可以办结的依据，单位才知道如何按期办理。',
      );
      return { patch: { pendingExtension: null }, events: one('extension_rejected', { opinion }) };
    }
    case 'reportProgress': {
      const content = requireText(
        command.content,
        10,
        'PROGRESS_TOO_SHORT',
        '进展报告须写明目前的办理进展（至少 10 个字）。',
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
    case 'coOpinion':
      return coOpinion(order, command, ctx);
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
          '本单位采用「手填签发人、附签发件扫描件」方式：请按「签发件扫描件」上传签发人签字的答复件后再提交。',
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
    case 'recordFaxReply': {
      const effect = reply(order, command.reply, ctx, {
        viaFax: true,
        scanAttachmentId: command.scanAttachmentId,
        faxReceivedAt: command.faxReceivedAt,
      });
      const backdated = faxBackdating(order, command, ctx);
      if (!backdated) return effect;
      return {
        ...effect,
        events: effect.events.map((e) =>
          e.type === 'fax_reply_recorded' ? { ...e, payload: { ...e.payload, backdated } } : e,
        ),
      };
    }
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
              '群众不满意时须记录群众的具体意见（至少 5 个字）。',
            )
          : (command.note ?? '').trim();
      return {
        patch: { lastCallbackResult: command.result, callbackCount: (order.callbackCount ?? 0) + 1 },
        events: one('callback_recorded', { result: command.result, note }),
      };
    }
    case 'close': {
      const unsatisfied = order.lastCallbackResult === 'unsatisfied';
      // 「不满意 → 重办」, or 办结 with a recorded explanation when the demand is beyond policy: the
      // office says so itself, since an explanation alone does not say the demand was beyond it.
      if (unsatisfied && command.beyondPolicy !== true)
        invalid(
          'CLOSE_NEEDS_BEYOND_POLICY',
          '回访群众不满意的工单，只有在诉求超出政策规定或不合理时才能直接办结：请确认「诉求超出政策规定」并写明情况说明；否则请退回重办。',
        );
      const explanation = unsatisfied
        ? requireText(
            command.explanation,
            10,
            'CLOSE_EXPLANATION_REQUIRED',
            '回访群众不满意的工单，只有在诉求超出政策规定时才能直接办结，须写明情况说明（至少 10 个字）；否则请退回重办。',
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
        '作废工单须写明原因（至少 4 个字）。',
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
    case 'reclassify':
      return reclassify(order, command);
    case 'answerOnSpot': {
      const c = checkCitable(command.citation, shanghaiDate(ctx.now));
      const answer = requireText(
        command.answer,
        10,
        'ON_SPOT_ANSWER_REQUIRED',
        '直办须记录答复来电人的内容（至少 10 个字）。',
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
        '合并工单须写明原因（至少 4 个字）。',
      );
      return {
        patch: { voidReason: reason, mergedIntoId: command.intoOrderId },
        events: one('merged', { intoOrderId: command.intoOrderId, intoCode: command.intoCode, reason }),
      };
    }
  }
}
