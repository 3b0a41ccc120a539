import type { WorkingCalendar } from '../calendar.js';
import { formatDeadline } from '../deadline-text.js';
import { AppRefusal } from '../refusal.js';
import type { Actor } from '../roles.js';
import type { TimeLimitSettings } from '../time-limits.js';
import { activeAssignmentOf, type OrderSnapshot } from './order-snapshot.js';
import { RELATION_LABELS, relationsOf } from './relations.js';
import { checkSignOffConditions } from './sign-off.js';
import { STATE_LABELS } from './states.js';
import { ACTION_LABELS, ACTIONS, type Action, type Transition, transitionsFor } from './transitions.js';

export interface WorkflowContext {
  actor: Actor;
  now: Date;
  calendar: WorkingCalendar;
  settings: TimeLimitSettings;
}

/** Deadlines in refusals read as everywhere else (「03-03 24:00」). */
const at = (d: Date | null) => formatDeadline(d);

/**
 * Whether `action` may be taken on `order` by the actor now, before looking at its input:
 * the table (who, from which state) and the time windows and side conditions. Returns the
 * matching transition, or throws a refusal that says why not.
 */
export function checkPreconditions(order: OrderSnapshot, action: Action, ctx: WorkflowContext): Transition {
  const rows = transitionsFor(action);
  const relations = relationsOf(order, ctx.actor);
  const mine = rows.filter((r) => relations.has(r.who));
  const label = ACTION_LABELS[action];
  if (mine.length === 0) {
    const who = [...new Set(rows.map((r) => RELATION_LABELS[r.who]))].join('或');
    throw new AppRefusal(
      'NOT_ALLOWED_FOR_ACTOR',
      `「${label}」只能由${who}操作,您无权进行此操作。`,
      { action },
      'forbidden',
    );
  }
  const row = mine.find((r) => r.from.includes(order.state));
  if (!row) {
    const allowed = [...new Set(mine.flatMap((r) => r.from))].map((s) => `「${STATE_LABELS[s]}」`).join('、');
    throw new AppRefusal(
      'INVALID_STATE',
      `工单当前状态为「${STATE_LABELS[order.state]}」,不能${label};只有${allowed}状态的工单才能${label}。`,
      { action, state: order.state },
      'state',
    );
  }
  checkSideConditions(order, action, ctx);
  return row;
}

function checkReturnWindow(order: OrderSnapshot, ctx: WorkflowContext): void {
  if (order.returnBy && ctx.now.getTime() > order.returnBy.getTime()) {
    throw new AppRefusal(
      'RETURN_WINDOW_CLOSED',
      `回退须在收到工单后 ${ctx.settings.returnWindowWorkingDays} 个工作日内提出,本工单的回退期限已于 ${at(order.returnBy)} 截止,单位不能再自行回退;如确不属于本单位职责,请与县热线办联系。`,
      { returnBy: order.returnBy.toISOString() },
      'rule',
    );
  }
}

function checkSideConditions(order: OrderSnapshot, action: Action, ctx: WorkflowContext): void {
  const { now, actor } = ctx;
  const rule = (code: string, message: string, details?: Record<string, unknown>) => {
    throw new AppRefusal(code, message, details, 'rule');
  };
  checkSignOffConditions(order, action, ctx);
  switch (action) {
    case 'coReturn':
      if (activeAssignmentOf(order, actor.unitId)?.opinionAt) {
        rule('CO_OPINION_ALREADY_GIVEN', '本单位已提交协办意见,不能再回退协办部分。');
      }
      // A co-unit returns within the same window as the lead.
      checkReturnWindow(order, ctx);
      return;
    case 'requestReturn':
      if (order.redoCount > 0)
        rule(
          'RETURN_NOT_ON_REDO',
          '本工单是退回重办件,单位此前已接收办理,不能再申请回退;如对重办意见有异议,请与县热线办联系。',
        );
      checkReturnWindow(order, ctx);
      return;
    case 'requestExtension':
      if (order.pendingExtension)
        rule('EXTENSION_ALREADY_PENDING', '已有一份延期申请在等待县热线办审批,请勿重复申请。');
      if (order.handleBy && now.getTime() >= order.handleBy.getTime()) {
        rule(
          'EXTENSION_TOO_LATE',
          `延期须在办理期限届满前申请;本工单已于 ${at(order.handleBy)} 到期,不能再申请延期,请尽快办结反馈。`,
        );
      }
      return;
    case 'approveExtension':
    case 'rejectExtension':
      if (!order.pendingExtension) rule('NO_PENDING_EXTENSION', '本工单没有待审批的延期申请。');
      return;
    case 'coSign': {
      const mine = activeAssignmentOf(order, actor.unitId);
      if (mine?.signedAt) rule('ALREADY_SIGNED', '本单位已签收此协办工单。');
      return;
    }
    case 'coOpinion': {
      const mine = activeAssignmentOf(order, actor.unitId);
      if (!mine?.signedAt) rule('CO_NOT_SIGNED', '请先签收协办工单,再提交协办意见。');
      if (mine?.opinionAt) rule('CO_OPINION_ALREADY_GIVEN', '本单位已提交过协办意见。');
      return;
    }
    case 'orderRedo':
      if (order.state === 'pending_callback' && order.lastCallbackResult !== 'unsatisfied') {
        rule('REDO_NEEDS_UNSATISFIED_CALLBACK', '审核已通过的工单,只有在回访群众不满意时才能退回重办。');
      }
      return;
    case 'close':
      if (!order.lastCallbackResult) rule('CALLBACK_REQUIRED', '办结前须先回访群众并记录回访结果。');
      return;
    case 'answerOnSpot':
      if (order.type !== 'consult')
        rule(
          'NOT_A_CONSULTATION',
          '只有类型为「咨询」的工单才能由热线办直办答复;投诉、求助等诉求须派发承办单位办理。',
        );
      return;
    case 'escalate':
      if (order.escalatedAt) rule('ALREADY_ESCALATED', '本工单已报县委县政府督查室专项督办。');
      return;
    case 'recordSupervisionFinding':
    case 'reportToLeaders':
    case 'concludeSupervision':
      if (!order.escalatedAt) rule('NOT_ESCALATED', '本工单没有报督查室专项督办。');
      if (order.escalationConcludedAt) rule('SUPERVISION_CONCLUDED', '本工单的专项督办已办结。');
      if (action === 'reportToLeaders' && order.escalationReportedAt) {
        rule('ALREADY_REPORTED', '本工单的督办情况已报告县政府主要领导。');
      }
      return;
    default:
      return;
  }
}

/** The actions the actor may take on the order now: what the UI offers, and nothing else. */
export function allowedActions(order: OrderSnapshot, ctx: WorkflowContext): Action[] {
  return ACTIONS.filter((action) => {
    try {
      checkPreconditions(order, action, ctx);
      return true;
    } catch (e) {
      if (e instanceof AppRefusal) return false;
      throw e;
    }
  });
}
