import { coUnitDeadline, dispatchDeadlines, dueSoonFrom } from '../deadlines.js';
import { meaningfulLength } from '../visible-text.js';
import { categoryAtDispatch } from './classification.js';
import type { CommandOf } from './commands.js';
import { type Effect, invalid, iso, one, requireText } from './effect.js';
import { leadAssignment, type OrderSnapshot } from './order-snapshot.js';
import type { WorkflowContext } from './preconditions.js';

// The actions that choose units: dispatch, a return's grounds, adding a co-unit.

export function dispatch(order: OrderSnapshot, command: CommandOf<'dispatch'>, ctx: WorkflowContext): Effect {
  const coUnitIds = [...new Set(command.coUnitIds)];
  if (coUnitIds.includes(command.leadUnitId)) {
    invalid('LEAD_ALSO_CO_UNIT', '牵头单位不能同时作为协办单位。');
  }
  const urgency = command.urgency ?? order.urgency;
  // An order registered without its request category gets it here (尚未选择诉求分类).
  const category = categoryAtDispatch(order, command.category);
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
      ...(category ? { categoryId: category.id } : {}),
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
      ...(category ? { category } : {}),
    }),
  };
}

/**
 * Words every return says, which alone explain nothing: 「不属于本单位职责范围」 names no reason.
 * What is left once they are taken out must say something: whose duty it is, what the matter is.
 */
const RETURN_STOCK =
  /不属于|不归|不是|本单位|我单位|本局|我局|我们|我方|职责|范围|管理|管辖|分工|该事项|此事项|该工单|经核实|经研究|协办|的|事项/gu;
/** Suggested units that name no unit. */
const VAGUE_UNITS = /^(其他|其它|相关|有关|别的|上级|对应|职能)?(部门|单位|机构|科室)(处理|办理)?$/u;

/** What every return (the lead's or a co-unit's) must say: why, and which unit should have it. */
export function returnGrounds(command: { reason: string; suggestedUnit: string }) {
  const reason = requireText(
    command.reason,
    5,
    'RETURN_REASON_REQUIRED',
    '申请回退须说明回退原因（至少 5 个字）。',
  );
  if (meaningfulLength(reason.replace(RETURN_STOCK, '')) < 2)
    invalid(
      'RETURN_REASON_REQUIRED',
      `「${reason}」没有说明原因：请写明为什么不属于本单位，例如该事项由哪个单位负责、依据哪项规定或分工。`,
    );
  const suggestedUnit = requireText(
    command.suggestedUnit,
    2,
    'RETURN_SUGGESTION_REQUIRED',
    '申请回退须写明建议转办的单位。',
  );
  if (VAGUE_UNITS.test(suggestedUnit.replace(/\s/gu, '')) || meaningfulLength(suggestedUnit) < 3)
    invalid(
      'RETURN_SUGGESTION_REQUIRED',
      `「${suggestedUnit}」不是具体的单位：请写明建议转办单位的名称（如「县水务局」「某某镇人民政府」）。`,
    );
  return { reason, suggestedUnit };
}

/**
 * The office brings in another co-unit (often the one a returning co-unit suggested). It gets
 * the order's co-unit deadline while that is still ahead; once it has passed, a fresh one from
 * now, so a unit is never late the moment it is added.
 */
export function addCoUnit(
  order: OrderSnapshot,
  command: CommandOf<'addCoUnit'>,
  ctx: WorkflowContext,
): Effect {
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
