import { AppRefusal } from '../refusal.js';
import type { ReplyContent } from '../reply-standard.js';
import type { CommandOf } from './commands.js';
import type { DecidedEvent, OrderPatch } from './decision.js';
import type { OrderSnapshot } from './order-snapshot.js';
import type { WhyNot, WorkflowContext } from './preconditions.js';
import type { ReplyDraft } from './sign-off-types.js';
import { URGENCY_LABELS } from './states.js';

/**
 * 签发 and 阅批: the unit checks its reply before it goes out (notice 二(三) 「认真审核、校对」,
 * 「签发人」), and its main leader reads leader-instructed and urgent orders personally
 * (notice 四 「对批示件、急难件要亲自阅批」).
 */

interface Effect {
  patch?: OrderPatch;
  events: DecidedEvent[];
}

const rule = (code: string, message: string, details?: Record<string, unknown>): never => {
  throw new AppRefusal(code, message, details, 'rule');
};

export const signOffModeOf = (order: OrderSnapshot) => order.signOffMode ?? 'leader';

/** The urgencies the main leader must read before the unit replies: 领导批示件 and 急件 (批示件、急难件). */
export const LEADER_READ_URGENCIES: readonly OrderSnapshot['urgency'][] = ['leader', 'urgent'];

/** Orders the main leader must read before the unit replies. */
export const needsLeaderReading = (order: Pick<OrderSnapshot, 'urgency'>) =>
  LEADER_READ_URGENCIES.includes(order.urgency);

/**
 * Refuses a reply (direct or for sign-off) to a leader-instructed or urgent order not yet read.
 * A unit on the typed issuer has no leader accounts: its main leader reads on paper, and the
 * signed scan attached to the reply carries it.
 */
export function requireLeaderReading(order: OrderSnapshot): void {
  if (signOffModeOf(order) === 'typed') return;
  if (needsLeaderReading(order) && !order.leaderRead) {
    rule(
      'LEADER_READ_REQUIRED',
      `本工单是${URGENCY_LABELS[order.urgency]}，须经本单位主要负责人亲自阅批后才能提交答复；主要负责人尚未阅批，请先报主要负责人阅批。`,
      { urgency: order.urgency },
    );
  }
}

/** Why a sign-off action may not be taken whatever the state (before any input), or null. */
export function signOffWhyNot(order: OrderSnapshot, action: string, ctx: WorkflowContext): WhyNot | null {
  const because = (code: string, message: string, details?: Record<string, unknown>): WhyNot => ({
    code,
    message,
    ...(details ? { details } : {}),
    kind: 'rule',
  });
  switch (action) {
    case 'reply':
      return signOffModeOf(order) === 'leader'
        ? because(
            'SIGN_OFF_REQUIRED',
            '本单位的答复须经单位领导（分管领导或主要负责人）在系统中审核签发后才能报县热线办：请「提交领导签发」。',
          )
        : null;
    case 'submitForSignOff':
      return signOffModeOf(order) === 'typed'
        ? because(
            'SIGN_OFF_NOT_USED',
            '县热线办已将本单位设为「手填签发人、附签发件扫描件」方式：请填写签发人、上传签发件扫描件后直接办结反馈。',
          )
        : null;
    case 'signOff':
    case 'sendBackSignOff':
      if (!order.replyDraft || order.replyDraft.sentBack)
        return because('NO_DRAFT_TO_SIGN_OFF', '本工单没有等待签发的答复。');
      if (action === 'signOff' && order.replyDraft.submittedById === ctx.actor.userId)
        return because(
          'SIGN_OFF_OWN_DRAFT',
          '不能签发自己起草的答复：签发是对起草人答复的审核，须由本单位另一位领导签发。',
        );
      return null;
    case 'leaderRead':
      if (!needsLeaderReading(order))
        return because('LEADER_READ_NOT_NEEDED', '只有领导批示件和急件需要主要负责人阅批，本工单是普通件。');
      if (order.leaderRead)
        return because('LEADER_READ_DONE', `本工单已由 ${order.leaderRead.byName} 阅批。`, {
          at: order.leaderRead.at,
        });
      return null;
    default:
      return null;
  }
}

/** The liaison's draft goes to the unit's leaders; its issuer is left for the one who signs it off. */
export function submitForSignOff(
  order: OrderSnapshot,
  content: ReplyContent,
  ctx: WorkflowContext,
  check: (content: ReplyContent) => void,
): Effect {
  requireLeaderReading(order);
  check(content);
  const draft: ReplyDraft = {
    reply: { ...content, issuer: '' },
    submittedAt: ctx.now.toISOString(),
    submittedById: ctx.actor.userId,
    submittedByName: ctx.actor.name,
    sentBack: null,
  };
  return {
    patch: { replyDraft: draft },
    events: [{ type: 'sign_off_requested', payload: { reply: draft.reply, draftedBy: ctx.actor.name } }],
  };
}

/** The leader sends the draft back to the liaison with what to change; the draft stays to be edited. */
export function sendBackSignOff(
  order: OrderSnapshot,
  command: CommandOf<'sendBackSignOff'>,
  ctx: WorkflowContext,
): Effect {
  const comment = (command.comment ?? '').trim();
  if (comment.replace(/\s+/g, '').length < 4)
    throw new AppRefusal(
      'SEND_BACK_COMMENT_REQUIRED',
      '退回修改须写明修改意见（至少 4 个字），说明哪里需要改。',
      undefined,
      'invalid',
    );
  const draft = order.replyDraft as ReplyDraft;
  const sentBack = { at: ctx.now.toISOString(), byId: ctx.actor.userId, byName: ctx.actor.name, comment };
  return {
    patch: { replyDraft: { ...draft, sentBack } },
    events: [{ type: 'sign_off_sent_back', payload: { comment, draftedBy: draft.submittedByName } }],
  };
}

/** The draft, issued in the signing leader's name (their account, not typed text). */
export function signedReply(order: OrderSnapshot, ctx: WorkflowContext) {
  const draft = order.replyDraft as ReplyDraft;
  return {
    content: { ...draft.reply, issuer: ctx.actor.name },
    signature: {
      issuerUserId: ctx.actor.userId,
      signedOffAt: ctx.now.toISOString(),
      draftedBy: draft.submittedByName,
    },
  };
}

export function leaderRead(command: CommandOf<'leaderRead'>, ctx: WorkflowContext): Effect {
  const instruction = command.instruction?.trim() || null;
  const reading = { at: ctx.now.toISOString(), byId: ctx.actor.userId, byName: ctx.actor.name, instruction };
  return { patch: { leaderRead: reading }, events: [{ type: 'leader_read', payload: { instruction } }] };
}
