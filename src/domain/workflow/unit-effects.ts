import { coUnitDeadline, dispatchDeadlines, dueSoonFrom } from '../deadlines.js';
import { categoryAtDispatch } from './classification.js';
import type { CommandOf } from './commands.js';
import { type Effect, invalid, iso, one } from './effect.js';
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
