import type { KnowledgeCitation } from '../../src/domain/knowledge/entries.js';
import type { CategoryChoice, Command, CommandOf } from '../../src/domain/workflow/commands.js';
import { decide } from '../../src/domain/workflow/decide.js';
import type { Decision } from '../../src/domain/workflow/decision.js';
import type { OrderSnapshot } from '../../src/domain/workflow/order-snapshot.js';
import type { WorkflowContext } from '../../src/domain/workflow/preconditions.js';
import type { OrderState } from '../../src/domain/workflow/states.js';
import type { Action } from '../../src/domain/workflow/transitions.js';
import { sh } from './calendar-fixture.js';
import {
  type ActorKey,
  actors,
  applyDecision,
  CO,
  CO2,
  ctxOf,
  goodReply,
  LEAD,
  newOrder,
  OTHER_UNIT,
} from './factories.js';

/**
 * A normal order dispatched Monday 2026-03-02 09:00 to a lead unit and two co-units:
 * sign/return by Tue 03-03 24:00, co-units by Thu 03-05 24:00, handle by Mon 03-09 24:00.
 */
export const T = {
  dispatch: sh('2026-03-02T09:00'),
  sign: sh('2026-03-02T10:00'),
  requestReturn: sh('2026-03-02T11:00'),
  reply: sh('2026-03-04T10:00'),
  acceptReview: sh('2026-03-04T15:00'),
  callback: sh('2026-03-05T10:00'),
  close: sh('2026-03-05T11:00'),
  /** a moment after all of the above */
  later: sh('2026-03-05T14:00'),
} as const;
export const RETURN_BY = sh('2026-03-04T00:00');
export const CO_UNIT_BY = sh('2026-03-06T00:00');
export const HANDLE_BY = sh('2026-03-10T00:00');

export interface Step {
  order: OrderSnapshot;
  decision: Decision;
}

/** Decides, checks the decision against the order, and applies it. */
export function step(
  order: OrderSnapshot,
  who: ActorKey,
  command: Command,
  now: Date,
  ctx: Partial<WorkflowContext> = {},
): Step {
  const decision = decide(order, command, ctxOf(actors[who], now, ctx));
  return { decision, order: applyDecision(order, decision) };
}

export const dispatchCommand = (over: Partial<Extract<Command, { action: 'dispatch' }>> = {}): Command => ({
  action: 'dispatch',
  leadUnitId: LEAD,
  coUnitIds: [CO, CO2],
  ...over,
});

/** A command that passes the input checks of `action` (not necessarily its side conditions). */
export function validCommand<A extends Action>(action: A, now: Date): CommandOf<A> {
  return anyValidCommand(action, now) as CommandOf<A>;
}

function anyValidCommand(action: Action, now: Date): Command {
  switch (action) {
    case 'dispatch':
      return dispatchCommand();
    case 'sign':
    case 'coSign':
      return { action };
    case 'requestReturn':
      return { action, reason: '该路段不属于本单位管护范围', suggestedUnit: '县住建局' };
    case 'approveReturn':
      return { action, opinion: '同意回退' };
    case 'rejectReturn':
      return { action, opinion: '该事项属你单位职责' };
    case 'requestExtension':
      return {
        action,
        reason: '需协调供电公司现场勘查,时间较长',
        requestedDeadline: sh('2026-03-20T00:00'),
        mainLeaderName: '刘建华',
        scanAttachmentId: 9,
      };
    case 'approveExtension':
      return { action };
    case 'rejectExtension':
      return { action, opinion: '延期理由不充分' };
    case 'reportProgress':
      return { action, content: '已完成现场勘查,正在制定维修方案。' };
    case 'coOpinion':
      return { action, content: '本单位同意牵头单位的处理意见,将配合施工。' };
    case 'coReturn':
      return {
        action,
        reason: '食品经营许可由县市场监管局负责,该事项不属于本单位协办职责',
        suggestedUnit: '县市场监管局',
      };
    case 'addCoUnit':
      return { action, unitId: OTHER_UNIT, note: '按协办单位建议增加' };
    case 'reply':
      return { action, reply: goodReply(), issuerScanAttachmentId: 8 };
    case 'submitForSignOff':
      return { action, reply: goodReply({ issuer: '' }) };
    case 'signOff':
      return { action };
    case 'sendBackSignOff':
      return { action, comment: '处理结果请写明更换灯具的数量' };
    case 'leaderRead':
      return { action, instruction: '请住建股今天派人到现场' };
    case 'recordFaxReply':
      return {
        action,
        reply: goodReply(),
        scanAttachmentId: 7,
        faxReceivedAt: new Date(now.getTime() - 60_000),
      };
    case 'acceptReview':
      return { action };
    case 'orderRedo':
      return { action, reasons: ['poor_quality'], opinion: '答复未说明维修完成时间' };
    case 'callback':
      return { action, result: 'satisfied', note: '' };
    case 'close':
      return { action };
    case 'void':
      return { action, reason: '重复登记的工单' };
    case 'merge':
      return { action, intoOrderId: 2, intoCode: 'HY202603020002', reason: '与2号工单反映同一事项' };
    case 'linkRepeat':
      return { action, repeatOfId: 2, repeatOfCode: 'HY202603020002' };
    case 'reclassify':
      return { action, category: categoryChoice(), reason: '登记时漏选分类' };
    case 'answerOnSpot':
      return { action, citation: citation(), answer: '已按低保申请办理流程向来电人作了解答。' };
    case 'urge':
      return { action, message: '请尽快办理并按时反馈' };
    case 'recordPhoneSupervision':
      return {
        action,
        calledAt: new Date(now.getTime() - 60_000),
        calleeName: '王联络',
        calleeUnitId: LEAD,
        summary: '督促尽快办结并反馈',
        promise: '三日内办结',
      };
    case 'escalate':
      return { action, reason: '多次催办和电话督办仍未办理' };
    case 'recordSupervisionFinding':
      return { action, findings: '单位已安排人员现场处理', measures: '限期整改' };
    case 'reportToLeaders':
      return { action, summary: '督办情况已报告县长' };
    case 'concludeSupervision':
      return { action, conclusion: '问题已解决,督办办结' };
  }
}

/** An order brought to `state` through decide(), along the life in T. */
export function reach(state: OrderState, over: Partial<OrderSnapshot> = {}): OrderSnapshot {
  let o = newOrder(over);
  if (state === 'pending_dispatch') return o;
  if (state === 'voided') return step(o, 'dispatcher', validCommand('void', T.dispatch), T.dispatch).order;
  o = step(o, 'dispatcher', dispatchCommand(), T.dispatch).order;
  if (state === 'pending_sign') return o;
  if (state === 'return_requested') {
    return step(o, 'lead', validCommand('requestReturn', T.requestReturn), T.requestReturn).order;
  }
  o = step(o, 'lead', { action: 'sign' }, T.sign).order;
  if (state === 'handling') return o;
  if (state === 'pending_sign_off') {
    const leaderMode = { ...o, signOffMode: 'leader' as const };
    return step(leaderMode, 'lead', validCommand('submitForSignOff', T.reply), T.reply).order;
  }
  o = step(o, 'lead', validCommand('reply', T.reply), T.reply).order;
  if (state === 'pending_review') return o;
  o = step(o, 'reviewer', { action: 'acceptReview' }, T.acceptReview).order;
  if (state === 'pending_callback') return o;
  o = step(o, 'reviewer', validCommand('callback', T.callback), T.callback).order;
  return step(o, 'reviewer', { action: 'close' }, T.close).order;
}

/** A request category as the database holds it (城乡建设 / 市政设施 / 路灯, in use). */
export function categoryChoice(over: Partial<NonNullable<CategoryChoice['found']>> = {}): CategoryChoice {
  const found = { id: 5, level1: '城乡建设', level2: '市政设施', level3: '路灯', active: true, ...over };
  return { id: found.id, found };
}

/** A knowledge citation the office may answer a consultation from (approved, current, in force). */
export function citation(over: Partial<KnowledgeCitation> = {}): KnowledgeCitation {
  return {
    entryId: 3,
    versionId: 7,
    versionNo: 2,
    title: '城乡居民最低生活保障申请条件',
    sourceDocument: '县民政局〔2025〕12号',
    status: 'approved',
    isCurrent: true,
    validFrom: '2026-01-01',
    validUntil: null,
    ...over,
  };
}
