/**
 * The time limits (办理时限) of the county's notice, as settings an administrator may change.
 * Defaults follow the notice: 5 working days for a normal order (二(一)), 1 working day to
 * return (二(三)), 5 working days for a redo (二(四)); the rest is common hotline practice.
 */
export interface TimeLimitSettings {
  /** Sign for a normal order within this many working days of dispatch. */
  signWorkingDays: number;
  /** Sign for an urgent order within this many hours of dispatch. */
  urgentSignHours: number;
  /** A unit may return an order itself within this many working days of dispatch. */
  returnWindowWorkingDays: number;
  /** Handle a normal order (非急件) within this many working days of dispatch. */
  handleWorkingDays: number;
  /** Handle an urgent order (急件, "第一时间") within this many natural hours of dispatch. */
  urgentHandleHours: number;
  /** Co-units give their opinion within this many working days (and before the lead's deadline). */
  coUnitWorkingDays: number;
  /** Finish a redo (重办) within this many working days of the redo order. */
  redoWorkingDays: number;
  /** An order is due soon (预警) when less working time than this remains. */
  dueSoonWorkingDays: number;
  /** For urgent orders, counted in natural hours. */
  urgentDueSoonHours: number;
  /** When a period's last day ends (`HH:mm`); 24:00 by the Civil Code, or the office's closing time. */
  dayEndsAt: string;
}

export const DEFAULT_TIME_LIMITS: TimeLimitSettings = {
  signWorkingDays: 1,
  urgentSignHours: 1,
  returnWindowWorkingDays: 1,
  handleWorkingDays: 5,
  urgentHandleHours: 24,
  coUnitWorkingDays: 3,
  redoWorkingDays: 5,
  dueSoonWorkingDays: 1,
  urgentDueSoonHours: 4,
  dayEndsAt: '24:00',
};
