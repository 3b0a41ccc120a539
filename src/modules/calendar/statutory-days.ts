import chineseDays from 'chinese-days';
import type { YearArrangement } from '../../domain/calendar-year.js';
import { addDays, type IsoDate } from '../../domain/time.js';

/**
 * The days off that the law itself fixes (《全国年节及纪念日放假办法》, as revised in 2024):
 * 元旦 1 January; 春节 除夕 and 正月初一至初三; 清明 the day of the solar term; 劳动节 1–2 May;
 * 端午 五月初五; 中秋 八月十五; 国庆 1–3 October. The State Council's notice for a year adds the
 * bridging days and the make-up working days (调休), which nobody can know before it is published:
 * a year built from these alone is provisional (暂定). Lunar dates and solar terms come from the
 * `chinese-days` package, the calendar's seed.
 */
export function statutoryArrangement(year: number): YearArrangement {
  const lunar = (monthDay: string): IsoDate =>
    chineseDays.getSolarDateFromLunar(`${year}-${monthDay}`).date as IsoDate;
  const springFestival = lunar('01-01');
  const qingming = chineseDays.getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t) => t.name === '清明');
  if (!qingming) throw new Error(`chinese-days has no 清明 for ${year}`);
  const day = (date: IsoDate, name: string) => ({ date, name });
  const days = [
    day(`${year}-01-01` as IsoDate, '元旦'),
    day(addDays(springFestival, -1), '春节'),
    ...[0, 1, 2].map((n) => day(addDays(springFestival, n), '春节')),
    day(qingming.date as IsoDate, '清明节'),
    day(`${year}-05-01` as IsoDate, '劳动节'),
    day(`${year}-05-02` as IsoDate, '劳动节'),
    day(lunar('05-05'), '端午节'),
    day(lunar('08-15'), '中秋节'),
    ...['01', '02', '03'].map((d) => day(`${year}-10-${d}` as IsoDate, '国庆节')),
  ];
  // 中秋 may fall on 1–3 October (2020, 2031): one day off, both names.
  const byDate = new Map<IsoDate, string>();
  for (const d of days) byDate.set(d.date, byDate.has(d.date) ? `${byDate.get(d.date)}、${d.name}` : d.name);
  return {
    holidays: [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name })),
    makeupDays: [],
  };
}
