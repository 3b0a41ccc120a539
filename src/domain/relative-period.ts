import { addDays, type IsoDate, weekday } from './time.js';

/**
 * Registration periods named relative to today (「本周」「近 7 天」): a saved view keeps the name,
 * not the dates, so 「本周待签收」 shows this week's orders every week. Weeks start on Monday,
 * as Chinese calendars and the county's bulletins count them; today is the county's (Shanghai) date.
 */
export const RELATIVE_PERIODS = ['today', 'this_week', 'last_7_days', 'this_month', 'last_30_days'] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

export const RELATIVE_PERIOD_LABELS: Record<RelativePeriod, string> = {
  today: '今天',
  this_week: '本周',
  last_7_days: '近 7 天',
  this_month: '本月',
  last_30_days: '近 30 天',
};

/** The first and last calendar dates (both included) the period covers on `today`. */
export function resolvePeriod(period: RelativePeriod, today: IsoDate): { from: IsoDate; to: IsoDate } {
  switch (period) {
    case 'today':
      return { from: today, to: today };
    case 'this_week':
      // Sunday (0) is the week's seventh day.
      return { from: addDays(today, -((weekday(today) + 6) % 7)), to: today };
    case 'last_7_days':
      return { from: addDays(today, -6), to: today };
    case 'this_month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'last_30_days':
      return { from: addDays(today, -29), to: today };
  }
}
