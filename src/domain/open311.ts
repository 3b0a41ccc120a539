import { FINAL_STATES, type OrderState, STATE_LABELS } from './workflow/states.js';

/**
 * Open311 GeoReport v2 knows two statuses. A request is closed when the order is closed or
 * voided (a merged order is voided into another); everything else is open. `status_notes`
 * says in Chinese where the order is, and for a closed one what was done.
 */
export const open311Status = (state: OrderState): 'open' | 'closed' =>
  FINAL_STATES.includes(state) ? 'closed' : 'open';

export interface StatusFacts {
  state: OrderState;
  /** The unit's result from the stored reply, if replied. */
  replyResult: string | null;
  voidReason: string | null;
  mergedIntoCode: string | null;
}

const NOTE_LIMIT = 500;

export function open311StatusNotes(f: StatusFacts): string {
  const label = STATE_LABELS[f.state];
  let note: string = label;
  if (f.mergedIntoCode) note = `已并入工单 ${f.mergedIntoCode} 一并办理`;
  else if (f.state === 'voided') note = `${label}${f.voidReason ? `:${f.voidReason}` : ''}`;
  else if (
    f.replyResult &&
    (f.state === 'closed' || f.state === 'pending_review' || f.state === 'pending_callback')
  )
    note = `${label}:${f.replyResult}`;
  return note.length > NOTE_LIMIT ? `${note.slice(0, NOTE_LIMIT - 1)}…` : note;
}
