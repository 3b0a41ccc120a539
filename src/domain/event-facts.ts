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
  const p = event.payload;
  const coUnit = ['co_signed', 'co_opinion_given', 'co_unit_silent', 'co_returned', 'co_unit_added'].includes(
    event.type,
  );
  const unitId = coUnit
    ? ((p.unitId as number | undefined) ?? null)
    : event.type === 'dispatched'
      ? leadAfter
      : (leadBefore ?? leadAfter);
  let outcome: string | null = null;
  if (typeof p.late === 'boolean') outcome = p.late ? 'late' : 'on_time';
  else if (event.type === 'callback_recorded') outcome = String(p.result);
  else if (event.type === 'redo_ordered') outcome = (p.reasons as string[]).join(',');
  return { unitId, outcome };
}
