import { formatDeadline } from '../deadline-text.js';
import { AppRefusal } from '../refusal.js';
import type { CommandOf } from './commands.js';
import type { DecidedEvent, OrderPatch } from './decision.js';
import { leadAssignment, type OrderSnapshot } from './order-snapshot.js';
import type { WorkflowContext } from './preconditions.js';
import { ESCALATION_STATES } from './transitions.js';

/**
 * The effects of supervision (督查督办): urges, phone supervision and escalation to the
 * supervision office. None of them moves the order's state; each is counted on the order and
 * recorded on its timeline.
 */
export interface SupervisionEffect {
  patch: OrderPatch;
  events: DecidedEvent[];
}

function text(value: string | undefined, min: number, code: string, message: string): string {
  const t = (value ?? '').trim();
  if (t.replace(/\s+/g, '').length < min) throw new AppRefusal(code, message, undefined, 'invalid');
  return t;
}

export function urgeEffect(
  order: OrderSnapshot,
  command: CommandOf<'urge'>,
  auto = false,
): SupervisionEffect {
  const message = text(command.message, 4, 'URGE_MESSAGE_REQUIRED', '催办须写明催办内容（至少 4 个字）。');
  const urgeNo = (order.urgeCount ?? 0) + 1;
  return {
    patch: { urgeCount: urgeNo },
    events: [
      { type: 'urged', payload: { message, auto, urgeNo, unitId: leadAssignment(order)?.unitId ?? null } },
    ],
  };
}

export function phoneSupervisionEffect(
  order: OrderSnapshot,
  command: CommandOf<'recordPhoneSupervision'>,
  ctx: WorkflowContext,
): SupervisionEffect {
  if (command.calledAt.getTime() > ctx.now.getTime()) {
    throw new AppRefusal('CALL_TIME_INVALID', '督办电话的时间不能晚于现在。', undefined, 'invalid');
  }
  if (!order.assignments.some((a) => a.active && a.unitId === command.calleeUnitId)) {
    throw new AppRefusal('CALLEE_UNIT_INVALID', '被督办的单位须是本工单的承办单位。', undefined, 'invalid');
  }
  const payload = {
    calledAt: command.calledAt.toISOString(),
    callerName: ctx.actor.name,
    calleeName: text(command.calleeName, 2, 'CALLEE_REQUIRED', '请填写接听电话的人员姓名。'),
    calleeUnitId: command.calleeUnitId,
    summary: text(command.summary, 5, 'CALL_SUMMARY_REQUIRED', '请记录通话内容（至少 5 个字）。'),
    promise: text(command.promise, 2, 'CALL_PROMISE_REQUIRED', '请记录对方的承诺（如办结时间）。'),
  };
  return {
    patch: { phoneSupervisionCount: (order.phoneSupervisionCount ?? 0) + 1 },
    events: [{ type: 'phone_supervised', payload }],
  };
}

export function supervisionEffect(
  command: CommandOf<'escalate' | 'recordSupervisionFinding' | 'reportToLeaders' | 'concludeSupervision'>,
  ctx: WorkflowContext,
): SupervisionEffect {
  switch (command.action) {
    case 'escalate': {
      const reason = text(
        command.reason,
        5,
        'ESCALATION_REASON_REQUIRED',
        '报专项督办须写明理由（至少 5 个字）。',
      );
      return { patch: { escalatedAt: ctx.now }, events: [{ type: 'escalated', payload: { reason } }] };
    }
    case 'recordSupervisionFinding':
      return {
        patch: {},
        events: [
          {
            type: 'supervision_finding',
            payload: {
              findings: text(
                command.findings,
                5,
                'FINDINGS_REQUIRED',
                '请写明督查发现的情况（至少 5 个字）。',
              ),
              measures: text(command.measures, 2, 'MEASURES_REQUIRED', '请写明采取的督办措施。'),
            },
          },
        ],
      };
    case 'reportToLeaders':
      return {
        patch: { escalationReportedAt: ctx.now },
        events: [
          {
            type: 'reported_to_leaders',
            payload: {
              summary: text(command.summary, 5, 'REPORT_SUMMARY_REQUIRED', '请写明报告内容（至少 5 个字）。'),
            },
          },
        ],
      };
    case 'concludeSupervision':
      return {
        patch: { escalationConcludedAt: ctx.now },
        events: [
          {
            type: 'supervision_concluded',
            payload: {
              conclusion: text(
                command.conclusion,
                5,
                'CONCLUSION_REQUIRED',
                '请写明督办结论（至少 5 个字）。',
              ),
            },
          },
        ],
      };
  }
}

/**
 * Whether the rules propose escalating an order (the notice: units that ignore the system's
 * urges and phone supervision are reported to the supervision office). Empty when not.
 */
export interface EscalationRuleSettings {
  /** Urges (by the office or the system) the overdue order has had. */
  minUrges: number;
  /** Phone supervisions recorded on it. */
  minPhoneSupervisions: number;
}

export const DEFAULT_ESCALATION_RULE: EscalationRuleSettings = { minUrges: 2, minPhoneSupervisions: 1 };

export function escalationReasons(
  order: Pick<OrderSnapshot, 'handleBy' | 'urgeCount' | 'phoneSupervisionCount' | 'escalatedAt' | 'state'>,
  now: Date,
  rule: EscalationRuleSettings = DEFAULT_ESCALATION_RULE,
): string[] {
  if (order.escalatedAt || !ESCALATION_STATES.includes(order.state)) return [];
  if (escalationShortfalls(order, now, rule).length > 0) return [];
  return ['已超过办理期限', `经催办 ${order.urgeCount} 次`, `经电话督办 ${order.phoneSupervisionCount} 次`];
}

/**
 * What an order in the unit's hands still lacks before the rule sends it to the supervision
 * office, each as the refusal says it («已催办 1 次(须至少 2 次)»); empty once it is due.
 */
export function escalationShortfalls(
  order: Pick<OrderSnapshot, 'handleBy' | 'urgeCount' | 'phoneSupervisionCount'>,
  now: Date,
  rule: EscalationRuleSettings = DEFAULT_ESCALATION_RULE,
): string[] {
  const overdue = order.handleBy !== null && order.handleBy.getTime() <= now.getTime();
  const urges = order.urgeCount ?? 0;
  const calls = order.phoneSupervisionCount ?? 0;
  return [
    overdue ? null : `办理期限${order.handleBy ? `(${formatDeadline(order.handleBy)})` : ''}尚未届满`,
    urges >= rule.minUrges ? null : `已催办 ${urges} 次（须至少 ${rule.minUrges} 次）`,
    calls >= rule.minPhoneSupervisions
      ? null
      : `已电话督办 ${calls} 次（须至少 ${rule.minPhoneSupervisions} 次）`,
  ].filter((f): f is string => f !== null);
}
