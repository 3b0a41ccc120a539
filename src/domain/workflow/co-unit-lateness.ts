import type { CommandOf } from './commands.js';
import type { DecidedEvent } from './decision.js';
import type { Effect } from './effect.js';
import { type OrderSnapshot, owesCoOpinion } from './order-snapshot.js';
import type { WorkflowContext } from './preconditions.js';
import { coOpinionGrounds } from './text-grounds.js';

/*
 * 协办超时: a co-unit that lets its own opinion deadline pass without an opinion is late, once per
 * assignment. Whoever comes to it first records it — the deadline watcher, the lead's reply, or the
 * co-unit's own late opinion — as the same fact: its assignment marked silent and one
 * co_unit_silent event naming the deadline, dated at it (event-facts.ts, happenedAt). So the
 * figures count each lateness once, in the period of its deadline, however long the watcher was
 * down. Marking the assignment is a claim (the repository's and the watcher's alike): a writer that
 * finds it already marked leaves the event out.
 */

/**
 * Co-units that let their own deadline pass without an opinion and are not yet recorded so
 * (a co-unit recorded before a redo is not recorded again). Before its deadline a co-unit is
 * never late, even when the lead replies first.
 */
export function lateCoUnits(order: OrderSnapshot, at: Date): number[] {
  if (!order.coUnitBy || at.getTime() <= order.coUnitBy.getTime()) return [];
  return order.assignments.filter((a) => owesCoOpinion(a) && !a.silent).map((a) => a.unitId);
}

/** The record of co-units' lateness: their assignments marked, and one co_unit_silent each. */
export function silenceRecords(order: OrderSnapshot, unitIds: number[]): Required<Omit<Effect, 'patch'>> {
  const deadline = order.coUnitBy?.toISOString() ?? null;
  return {
    assignments: unitIds.length > 0 ? [{ op: 'silent', unitIds }] : [],
    events: unitIds.map((unitId) => ({ type: 'co_unit_silent', payload: { unitId, deadline } })),
  };
}

/**
 * The events as written when another writer recorded some of these co-units' lateness first
 * (`recorded`): their co_unit_silent is not repeated.
 */
export const withoutRecordedSilence = (events: DecidedEvent[], recorded: readonly number[]): DecidedEvent[] =>
  events.filter((e) => e.type !== 'co_unit_silent' || !recorded.includes(e.payload.unitId));

/**
 * A co-unit's opinion to the lead. Given after its deadline it is late, and the co-unit's
 * lateness is recorded with it unless already recorded: the figure does not wait for the watcher.
 */
export function coOpinion(
  order: OrderSnapshot,
  command: CommandOf<'coOpinion'>,
  ctx: WorkflowContext,
): Effect {
  const content = coOpinionGrounds(command.content);
  const unitId = ctx.actor.unitId;
  const late = order.coUnitBy !== null && ctx.now.getTime() > order.coUnitBy.getTime();
  const silence = silenceRecords(
    order,
    lateCoUnits(order, ctx.now).filter((u) => u === unitId),
  );
  return {
    assignments: [{ op: 'opinion', unitId, at: ctx.now }, ...silence.assignments],
    events: [{ type: 'co_opinion_given', payload: { unitId, content, late } }, ...silence.events],
  };
}
