import { formatDeadline, formatInstant } from '../deadline-text.js';
import { AppRefusal } from '../refusal.js';
import { checkReply, describeReplyProblems, type ReplyContent } from '../reply-standard.js';
import { lateCoUnits, silenceRecords } from './co-unit-lateness.js';
import type { CommandOf } from './commands.js';
import type { DecidedEvent, StoredReply } from './decision.js';
import { type Effect, invalid, requireText } from './effect.js';
import type { OrderSnapshot } from './order-snapshot.js';
import type { WorkflowContext } from './preconditions.js';

// A reply (typed in, faxed or signed off): checked against the reply standard and stored.

export const replyCheckContext = (order: OrderSnapshot, ctx: WorkflowContext) => ({
  needsCitizenReply: order.needsCitizenReply,
  now: ctx.now,
  dispatchedAt: order.dispatchedAt,
});

export function refuseProblems(problems: ReturnType<typeof checkReply>): void {
  if (problems.length === 0) return;
  // Named for the citizen's record only when that is all that is wrong: a reply whose content also
  // falls short is first of all not standard (the form's heading said 记录不全 over four problems,
  // three of them in the content).
  const code = problems.every((p) => p.field.startsWith('citizenContact'))
    ? 'CITIZEN_NOT_ANSWERED'
    : 'REPLY_NOT_STANDARD';
  throw new AppRefusal(code, describeReplyProblems(problems), { problems }, 'invalid');
}

export function reply(
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
      invalid('FAX_TIME_INVALID', '传真收到时间不正确：不能晚于现在，也不能早于工单派发时间。');
    }
  }
  // Signed off in Huiyin, the issuer is the leader's account, whatever its name reads like.
  const issuerSignsOff = fax.signature?.issuerUserId !== undefined;
  refuseProblems(checkReply(content, { ...replyCheckContext(order, ctx), issuerSignsOff }));
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
  const silence = silenceRecords(order, lateCoUnits(order, repliedAt));
  const events: DecidedEvent[] = [
    { type: fax.viaFax ? 'fax_reply_recorded' : 'replied', payload: { reply: stored, late } },
    ...silence.events,
    // A pending extension ends with the reply: said on the timeline, not dropped unseen.
    ...(order.pendingExtension
      ? [{ type: 'extension_withdrawn' as const, payload: { reason: '单位已答复，延期申请不再审批' } }]
      : []),
  ];
  return {
    patch: { reply: stored, repliedAt, pendingExtension: null, replyDraft: null },
    assignments: silence.assignments,
    events,
  };
}

/** A fax typed in more than this long after it came is a late entry (补录), whatever the deadline. */
export const FAX_LATE_ENTRY_HOURS = 24;

/**
 * A fax entered long after it came, or entered after the deadline it came before, moves a unit's
 * record (an overdue order becomes a reply on time) on the office's word alone: it must say why it
 * was not entered then, and the timeline keeps when it was entered and why (补录). Null for a fax
 * entered promptly.
 */
export function faxBackdating(
  order: OrderSnapshot,
  command: CommandOf<'recordFaxReply'>,
  ctx: WorkflowContext,
): { recordedAt: string; reason: string } | null {
  const received = command.faxReceivedAt.getTime();
  const lateEntry = ctx.now.getTime() - received > FAX_LATE_ENTRY_HOURS * 3_600_000;
  const acrossDeadline =
    order.handleBy !== null &&
    order.handleBy.getTime() < ctx.now.getTime() &&
    received <= order.handleBy.getTime();
  if (!lateEntry && !acrossDeadline) return null;
  const why = acrossDeadline
    ? `传真收到于 ${formatInstant(command.faxReceivedAt)}，在办理期限（${formatDeadline(order.handleBy)}）之前，录入却在期限之后`
    : `传真收到于 ${formatInstant(command.faxReceivedAt)}，距现在已超过 ${FAX_LATE_ENTRY_HOURS} 小时`;
  const reason = requireText(
    command.backdateReason ?? '',
    8,
    'FAX_BACKDATE_REASON_REQUIRED',
    `${why}：这是补录，会改变单位是否按时答复的记录，请在「补录说明」中写明当时为何未录入（至少 8 个字），记入流转记录。`,
  );
  return { recordedAt: ctx.now.toISOString(), reason };
}
