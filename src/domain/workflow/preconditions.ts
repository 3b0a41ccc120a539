import type { WorkingCalendar } from '../calendar.js';
import { formatDeadline } from '../deadline-text.js';
import { AppRefusal, type RefusalKind } from '../refusal.js';
import type { Actor } from '../roles.js';
import type { TimeLimitSettings } from '../time-limits.js';
import { unreachableShortfall } from './callback-attempts.js';
import { activeAssignmentOf, type OrderSnapshot } from './order-snapshot.js';
import { RELATION_LABELS, relationsOf } from './relations.js';
import { signOffWhyNot } from './sign-off.js';
import { STATE_LABELS } from './states.js';
import { DEFAULT_ESCALATION_RULE, type EscalationRuleSettings, escalationShortfalls } from './supervision.js';
import { ACTION_LABELS, ACTIONS, type Action, type Transition, transitionsFor } from './transitions.js';

export interface WorkflowContext {
  actor: Actor;
  now: Date;
  calendar: WorkingCalendar;
  settings: TimeLimitSettings;
  /** When an order may go to the supervision office (the office's setting; the notice's rule by default). */
  escalationRule?: EscalationRuleSettings;
}

/** Deadlines in refusals read as everywhere else (「03-03 24:00」). */
const at = (d: Date | null) => formatDeadline(d);

/** Why an action may not be taken: what its refusal would say, as a value (nothing is thrown). */
export interface WhyNot {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  kind: RefusalKind;
}

/** An action's availability to the actor now: its transition, or why not. */
export type Availability = { action: Action; transition: Transition } | { action: Action; whyNot: WhyNot };

const because = (code: string, message: string, details?: Record<string, unknown>): WhyNot => ({
  code,
  message,
  ...(details ? { details } : {}),
  kind: 'rule',
});

/**
 * Whether `action` may be taken on `order` by the actor now, before looking at its input:
 * the table (who, from which state) and the time windows and side conditions. A pure answer:
 * the matching transition, or why not (the same code and message the refusal carries).
 */
export function availability(order: OrderSnapshot, action: Action, ctx: WorkflowContext): Availability {
  const rows = transitionsFor(action);
  const relations = relationsOf(order, ctx.actor);
  const mine = rows.filter((r) => relations.has(r.who));
  const label = ACTION_LABELS[action];
  if (mine.length === 0) {
    const who = [...new Set(rows.map((r) => RELATION_LABELS[r.who]))].join('或');
    return {
      action,
      whyNot: {
        code: 'NOT_ALLOWED_FOR_ACTOR',
        message: `「${label}」只能由${who}操作，您无权进行此操作。`,
        details: { action },
        kind: 'forbidden',
      },
    };
  }
  const row = mine.find((r) => r.from.includes(order.state));
  if (!row) {
    const allowed = [...new Set(mine.flatMap((r) => r.from))].map((s) => `「${STATE_LABELS[s]}」`).join('、');
    return {
      action,
      whyNot: {
        code: 'INVALID_STATE',
        message: `工单当前状态为「${STATE_LABELS[order.state]}」，不能${label}；只有${allowed}状态的工单才能${label}。`,
        details: { action, state: order.state },
        kind: 'state',
      },
    };
  }
  const whyNot = signOffWhyNot(order, action, ctx) ?? sideConditionWhyNot(order, action, ctx);
  return whyNot ? { action, whyNot } : { action, transition: row };
}

/** As `availability`, for the caller that goes on to act: the transition, or the refusal thrown. */
export function checkPreconditions(order: OrderSnapshot, action: Action, ctx: WorkflowContext): Transition {
  const a = availability(order, action, ctx);
  if ('whyNot' in a) throw new AppRefusal(a.whyNot.code, a.whyNot.message, a.whyNot.details, a.whyNot.kind);
  return a.transition;
}

function returnWindowWhyNot(order: OrderSnapshot, ctx: WorkflowContext): WhyNot | null {
  if (order.returnBy && ctx.now.getTime() >= order.returnBy.getTime()) {
    return because(
      'RETURN_WINDOW_CLOSED',
      `回退须在收到工单后 ${ctx.settings.returnWindowWorkingDays} 个工作日内提出，县热线办不同意回退的即时截止；本工单的回退期限已于 ${at(order.returnBy)} 截止，单位不能再自行回退；如确不属于本单位职责，请与县热线办联系。`,
      { returnBy: order.returnBy.toISOString() },
    );
  }
  return null;
}

function sideConditionWhyNot(order: OrderSnapshot, action: Action, ctx: WorkflowContext): WhyNot | null {
  const { now, actor } = ctx;
  switch (action) {
    case 'coReturn':
      if (activeAssignmentOf(order, actor.unitId)?.opinionAt) {
        return because('CO_OPINION_ALREADY_GIVEN', '本单位已提交协办意见，不能再回退协办部分。');
      }
      // A co-unit returns within the same window as the lead.
      return returnWindowWhyNot(order, ctx);
    case 'requestReturn':
      if (order.redoCount > 0)
        return because(
          'RETURN_NOT_ON_REDO',
          '本工单是退回重办件，单位此前已接收办理，不能再申请回退；如对重办意见有异议，请与县热线办联系。',
        );
      return returnWindowWhyNot(order, ctx);
    case 'requestExtension':
      if (order.pendingExtension)
        return because('EXTENSION_ALREADY_PENDING', '已有一份延期申请在等待县热线办审批，请勿重复申请。');
      if (order.handleBy && now.getTime() >= order.handleBy.getTime()) {
        return because(
          'EXTENSION_TOO_LATE',
          `延期须在办理期限届满前申请；本工单已于 ${at(order.handleBy)} 到期，不能再申请延期，请尽快办结反馈。`,
        );
      }
      return null;
    case 'approveExtension':
    case 'rejectExtension':
      return order.pendingExtension ? null : because('NO_PENDING_EXTENSION', '本工单没有待审批的延期申请。');
    case 'coSign':
      return activeAssignmentOf(order, actor.unitId)?.signedAt
        ? because('ALREADY_SIGNED', '本单位已签收此协办工单。')
        : null;
    case 'coOpinion': {
      const mine = activeAssignmentOf(order, actor.unitId);
      if (!mine?.signedAt) return because('CO_NOT_SIGNED', '请先签收协办工单，再提交协办意见。');
      if (mine.opinionAt) return because('CO_OPINION_ALREADY_GIVEN', '本单位已提交过协办意见。');
      return null;
    }
    case 'orderRedo':
      if (order.state === 'pending_callback' && order.lastCallbackResult !== 'unsatisfied') {
        return because(
          'REDO_NEEDS_UNSATISFIED_CALLBACK',
          '审核已通过的工单，只有在回访群众不满意时才能退回重办。',
        );
      }
      return null;
    case 'close': {
      if (!order.lastCallbackResult)
        return because('CALLBACK_REQUIRED', '办结前须先回访群众并记录回访结果。');
      if (order.lastCallbackResult !== 'unreachable') return null;
      // One unanswered call is not a callback: 联系不上 closes only after several tries on different days.
      const short = unreachableShortfall(order.unreachableAttempts ?? []);
      return short ? because('CALLBACK_ATTEMPTS_TOO_FEW', short.message, short.details) : null;
    }
    case 'answerOnSpot':
      return order.type === 'consult'
        ? null
        : because(
            'NOT_A_CONSULTATION',
            '只有类型为「咨询」的工单才能由热线办直办答复；投诉、求助等诉求须派发承办单位办理。',
          );
    case 'escalate':
      if (order.escalatedAt) return because('ALREADY_ESCALATED', '本工单已报县委县政府督查室专项督办。');
      return escalationNotDue(order, ctx);
    case 'recordSupervisionFinding':
    case 'reportToLeaders':
    case 'concludeSupervision':
      if (!order.escalatedAt) return because('NOT_ESCALATED', '本工单没有报督查室专项督办。');
      if (order.escalationConcludedAt) return because('SUPERVISION_CONCLUDED', '本工单的专项督办已办结。');
      if (action === 'reportToLeaders' && order.escalationReportedAt) {
        return because('ALREADY_REPORTED', '本工单的督办情况已报告县政府主要领导。');
      }
      return null;
    default:
      return null;
  }
}

/** Every action with its availability to the actor now: what the UI offers, and why not the rest. */
export function availabilities(order: OrderSnapshot, ctx: WorkflowContext): Availability[] {
  return ACTIONS.map((action) => availability(order, action, ctx));
}

/** The actions the actor may take on the order now: what the UI offers, and nothing else. */
export function allowedActions(order: OrderSnapshot, ctx: WorkflowContext): Action[] {
  return availabilities(order, ctx)
    .filter((a) => 'transition' in a)
    .map((a) => a.action);
}

/**
 * The notice sends to the supervision office the units that stayed unmoved by the system's urges
 * and the office's phone calls (三): an order goes there once it is overdue and has had both, as
 * the office's escalation rule counts them. Before that the unit would be told something untrue.
 */
function escalationNotDue(order: OrderSnapshot, ctx: WorkflowContext): WhyNot | null {
  const rule = ctx.escalationRule ?? DEFAULT_ESCALATION_RULE;
  const missing = escalationShortfalls(order, ctx.now, rule);
  if (missing.length === 0) return null;
  return because(
    'ESCALATION_NOT_DUE',
    `报专项督办须是超过办理期限、经催办和电话督办后仍未办结的工单（通知第三部分）；本工单${missing.join('，')}。`,
    { minUrges: rule.minUrges, minPhoneSupervisions: rule.minPhoneSupervisions },
  );
}
