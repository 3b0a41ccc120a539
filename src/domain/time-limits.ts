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
  /** The office dispatches a normal order within this many working hours of receipt (domain/office-clock.ts). */
  dispatchWorkingHours: number;
  /** The office dispatches an urgent or leader-instructed order within this many natural hours. */
  urgentDispatchHours: number;
  /** Under an approved extension, the unit reports progress every this many working days (domain/progress-reports.ts). */
  progressReportWorkingDays: number;
  /** The office decides a unit's extension or return request within this many working hours of it (domain/office-decision.ts). */
  decisionWorkingHours: number;
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
  // 第一时间分发: one working day's time for a normal order (an order registered on Friday
  // evening is still due on Monday evening), two hours for an urgent one.
  dispatchWorkingHours: 24,
  urgentDispatchHours: 2,
  progressReportWorkingDays: 3,
  // The office's answer to a unit's request: one working day's time, as it dispatches.
  decisionWorkingHours: 24,
};

/**
 * The limits the notice itself fixes. An administrator may make them stricter (fewer working
 * days), never looser: a county setting cannot give units more time than the notice does.
 */
export const NOTICE_TIME_LIMITS = {
  handleWorkingDays: { max: 5, label: '普通件办理时限', clause: '通知二（一）：非急件 5 个工作日内办结' },
  returnWindowWorkingDays: {
    max: 1,
    label: '回退时限',
    clause: '通知二（三）：收到工单 1 个工作日内回退',
  },
  redoWorkingDays: { max: 5, label: '重办时限', clause: '通知二（四）：重办工单 5 个工作日内办结' },
} as const satisfies Partial<Record<keyof TimeLimitSettings, { max: number; label: string; clause: string }>>;

export type NoticeLimitKey = keyof typeof NOTICE_TIME_LIMITS;

export interface LooserThanNotice {
  field: NoticeLimitKey;
  message: string;
}

/** Every limit set looser than the notice allows, each with a Chinese message naming the clause. */
export function looserThanNotice(settings: TimeLimitSettings): LooserThanNotice[] {
  return (Object.keys(NOTICE_TIME_LIMITS) as NoticeLimitKey[]).flatMap((field) => {
    const { max, label, clause } = NOTICE_TIME_LIMITS[field];
    return settings[field] > max
      ? [{ field, message: `${label}不能超过 ${max} 个工作日（${clause}），只能设得更严。` }]
      : [];
  });
}

/**
 * Limits that contradict each other, each with a Chinese message naming both values: a unit
 * would be warned before it could start, asked to sign after the order was due, or given longer
 * for an urgent order than for a normal one. And a period must end on its own day's afternoon or
 * at midnight: ending at 00:00 or 03:00 would make a one-day period end on the day it began.
 */
export function inconsistentLimits(
  s: TimeLimitSettings,
): Array<{ field: keyof TimeLimitSettings; message: string }> {
  const problems: Array<{ field: keyof TimeLimitSettings; message: string }> = [];
  const check = (ok: boolean, field: keyof TimeLimitSettings, message: string) => {
    if (!ok) problems.push({ field, message });
  };
  check(
    s.signWorkingDays <= s.handleWorkingDays,
    'signWorkingDays',
    `签收时限（${s.signWorkingDays} 个工作日）不能长于普通件办理时限（${s.handleWorkingDays} 个工作日）。`,
  );
  check(
    s.urgentSignHours <= s.urgentHandleHours,
    'urgentSignHours',
    `急件签收时限（${s.urgentSignHours} 小时）不能长于急件办理时限（${s.urgentHandleHours} 小时）。`,
  );
  check(
    s.urgentHandleHours <= s.handleWorkingDays * 24,
    'urgentHandleHours',
    `急件办理时限（${s.urgentHandleHours} 小时）不能长于普通件办理时限（${s.handleWorkingDays} 个工作日）。`,
  );
  check(
    s.dueSoonWorkingDays <= s.handleWorkingDays,
    'dueSoonWorkingDays',
    `预警提前量（${s.dueSoonWorkingDays} 个工作日）不能长于普通件办理时限（${s.handleWorkingDays} 个工作日），否则工单一派发就预警。`,
  );
  check(
    s.urgentDueSoonHours <= s.urgentHandleHours,
    'urgentDueSoonHours',
    `急件预警提前量（${s.urgentDueSoonHours} 小时）不能长于急件办理时限（${s.urgentHandleHours} 小时）。`,
  );
  check(
    s.coUnitWorkingDays <= s.handleWorkingDays,
    'coUnitWorkingDays',
    `协办意见时限（${s.coUnitWorkingDays} 个工作日）不能长于普通件办理时限（${s.handleWorkingDays} 个工作日）。`,
  );
  check(
    s.dayEndsAt >= '12:00',
    'dayEndsAt',
    `期限届满时刻（${s.dayEndsAt}）须在中午 12:00 以后（如 17:30 或 24:00），否则期限在开始的当天就已届满。`,
  );
  return problems;
}
