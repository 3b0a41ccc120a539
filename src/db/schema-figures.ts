import type { Generated } from 'kysely';

/**
 * Tables of stored figures (migration 2026-12-01-summaries-002-overdue-and-repeats), kept apart
 * from schema.ts. See docs/performance.md, "A year's statistics".
 */

/** Orders whose current deadline went unanswered, per Beijing day of that deadline and lead unit (kept by triggers). */
export interface OverdueDeadlineDaysTable {
  day: string;
  unit_id: number;
  n: number;
}

/** Each complaint's 「重复投诉」 verdict under the settings in complaint_repeats_basis. */
export interface ComplaintRepeatsTable {
  order_id: number;
  created_at: string;
  /** The earlier complaint it repeats, or null when it repeats none. */
  repeat_of_id: number | null;
  /** The unit it counts against (its lead unit, else that of the one it repeats); kept by triggers. */
  unit_id: number | null;
}

/** Instants from which verdicts may be out of date (an order registered or changed there): a queue. */
export interface ComplaintRepeatsStaleTable {
  id: Generated<number>;
  at: string;
}

/** The repeat settings (JSON) the stored verdicts were computed with: one row, id 1. */
export interface ComplaintRepeatsBasisTable {
  id: number;
  settings: string;
}

/**
 * Per Beijing day and unit (migration 2026-12-06-ranking-001, kept by triggers on the events):
 * unit_held_days, how many orders came into the unit's hands less how many left them;
 * unit_sign_late_days, the sign-for deadlines the unit missed.
 */
export interface UnitDayCountTable {
  day: string;
  unit_id: number;
  n: number;
}

export interface FiguresTables {
  unit_held_days: UnitDayCountTable;
  unit_sign_late_days: UnitDayCountTable;
  overdue_deadline_days: OverdueDeadlineDaysTable;
  complaint_repeats: ComplaintRepeatsTable;
  complaint_repeats_stale: ComplaintRepeatsStaleTable;
  complaint_repeats_basis: ComplaintRepeatsBasisTable;
}
