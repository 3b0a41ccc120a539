import type { DecidedEvent } from './workflow/decision.js';

/**
 * The unit an event concerns and its outcome, recorded beside it for the figures. Co-unit
 * events concern the co-unit named in them; every other event concerns the lead unit (after
 * a dispatch, the new one; after an approved return, the one that returned it).
 */
export function eventFacts(
  event: DecidedEvent,
  leadBefore: number | null,
  leadAfter: number | null,
): { unitId: number | null; outcome: string | null } {
  const unitId =
    event.type === 'co_signed' ||
    event.type === 'co_opinion_given' ||
    event.type === 'co_unit_silent' ||
    event.type === 'co_unit_due_soon' ||
    event.type === 'co_returned' ||
    event.type === 'co_unit_added'
      ? event.payload.unitId
      : event.type === 'dispatched'
        ? leadAfter
        : // 审批超时 is the office's own lateness, and 改分类 its own record: counted against no unit.
          event.type === 'decision_overdue' || event.type === 'reclassified'
          ? null
          : (leadBefore ?? leadAfter);
  let outcome: string | null = null;
  switch (event.type) {
    case 'signed':
    case 'co_opinion_given':
    case 'replied':
    case 'fax_reply_recorded':
      outcome = event.payload.late ? 'late' : 'on_time';
      break;
    case 'callback_recorded':
      outcome = event.payload.result;
      break;
    case 'redo_ordered':
      outcome = event.payload.reasons.join(',');
      break;
  }
  return { unitId, outcome };
}

/**
 * When an event happened, for the timeline and the figures: when it was recorded, except a
 * co-unit's lateness, which happened at the deadline it let pass, whoever recorded it and
 * whenever (co-unit-lateness.ts). So 协办超时 falls in the period of its deadline.
 */
export function happenedAt(event: DecidedEvent, recordedAt: Date): Date {
  if (event.type === 'co_unit_silent' && event.payload.deadline) return new Date(event.payload.deadline);
  return recordedAt;
}

/**
 * A fact the clock established rather than an act of the user whose action happened to record it:
 * a co-unit's lateness, recorded by the lead's reply or the co-unit's late opinion as the deadline
 * watcher would have. The timeline shows it as the system's, whoever came to it first.
 */
export function recordedBySystem(event: DecidedEvent): boolean {
  return event.type === 'co_unit_silent';
}
