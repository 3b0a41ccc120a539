import { formatDeadline } from '../deadline-text.js';
import { dueSoonFrom, endingOnWorkingDay, redoDeadline } from '../deadlines.js';
import { nextProgressReportDue } from '../progress-reports.js';
import { namesPerson } from '../reply-fields.js';
import type { CommandOf } from './commands.js';
import { type Effect, invalid, iso, one, requireText } from './effect.js';
import type { OrderSnapshot } from './order-snapshot.js';
import type { WorkflowContext } from './preconditions.js';
import { extensionReason } from './text-grounds.js';

// The actions that move the handling deadline: extension requested and approved, redo ordered.

export function requestExtension(
  order: OrderSnapshot,
  command: CommandOf<'requestExtension'>,
  ctx: WorkflowContext,
): Effect {
  const reason = extensionReason(command.reason);
  const mainLeaderName = requireText(
    command.mainLeaderName,
    2,
    'MAIN_LEADER_SIGNATURE_REQUIRED',
    '延期申请须经单位主要负责人签字，请填写签字的主要负责人姓名。',
  );
  if (!namesPerson(mainLeaderName))
    invalid(
      'MAIN_LEADER_SIGNATURE_REQUIRED',
      `「${mainLeaderName}」不是姓名：请填写签字的主要负责人本人的姓名，不写职务。`,
    );
  // A rest day or holiday asked for is read as the next working day's end, as every period ends.
  const requestedDeadline = endingOnWorkingDay(ctx.calendar, ctx.settings, command.requestedDeadline);
  if (order.handleBy && requestedDeadline.getTime() <= order.handleBy.getTime()) {
    invalid('EXTENSION_NOT_LATER', '申请的新期限须晚于当前办理期限。');
  }
  if (order.cityDeadline && requestedDeadline.getTime() > order.cityDeadline.getTime()) {
    invalid(
      'EXTENSION_AFTER_CITY_DEADLINE',
      `申请的新期限不能晚于市平台规定的期限（${formatDeadline(order.cityDeadline)}）。`,
    );
  }
  const pendingExtension = {
    requestedAt: ctx.now.toISOString(),
    requestedBy: ctx.actor.name,
    requestedDeadline: requestedDeadline.toISOString(),
    reason,
    mainLeaderName,
    scanAttachmentId: command.scanAttachmentId,
  };
  return { patch: { pendingExtension }, events: one('extension_requested', { ...pendingExtension }) };
}

export function approveExtension(
  order: OrderSnapshot,
  command: CommandOf<'approveExtension'>,
  ctx: WorkflowContext,
): Effect {
  const pending = order.pendingExtension;
  if (!pending) return invalid('NO_PENDING_EXTENSION', '本工单没有待审批的延期申请。');
  const newDeadline = endingOnWorkingDay(
    ctx.calendar,
    ctx.settings,
    command.newDeadline ?? new Date(pending.requestedDeadline),
  );
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

export function orderRedo(
  order: OrderSnapshot,
  command: CommandOf<'orderRedo'>,
  ctx: WorkflowContext,
): Effect {
  if (command.reasons.length === 0) invalid('REDO_REASON_REQUIRED', '退回重办须选择至少一项重办原因。');
  const opinion = requireText(
    command.opinion,
    5,
    'REDO_OPINION_REQUIRED',
    '退回重办须写明重办意见（至少 5 个字）。',
  );
  const deadline = redoDeadline(ctx.calendar, ctx.settings, ctx.now, order.cityDeadline);
  if (deadline.getTime() <= ctx.now.getTime()) {
    invalid('CITY_DEADLINE_PASSED', '市平台规定的期限已过，无法按重办时限退回重办；请先与市热线办核实期限。');
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
