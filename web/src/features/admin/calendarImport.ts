import dayjs from 'dayjs';
import type { CalendarDay, NamedDate } from '../../api/types';

/** 2027年2月6日 as 2027-02-06; full-width digits and ～ read as ASCII. */
function isoForms(line: string): string {
  return line
    .normalize('NFKC')
    .replace(
      /(\d{4})年(\d{1,2})月(\d{1,2})日/g,
      (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
    );
}

/** A real day of the calendar: 2027-02-30 is none (dayjs would read it as 03-02). */
const realDay = (iso: string) => dayjs(iso).isValid() && dayjs(iso).format('YYYY-MM-DD') === iso;

/**
 * Reads the lines an administrator pastes from the State Council's notice: one per line,
 * `2027-01-01 元旦`, `2027年1月1日 元旦` or a range `2027-02-10~2027-02-16 春节` (至, 到, ～ too).
 * Returns the dates, or the first line it cannot read and why.
 */
export function parseDates(text: string): { dates: NamedDate[]; error?: string } {
  const dates: NamedDate[] = [];
  const seen = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = isoForms(line).match(/^(\d{4}-\d{2}-\d{2})(?:\s*[~至到-]\s*(\d{4}-\d{2}-\d{2}))?\s+(.+)$/);
    if (!m)
      return {
        dates,
        error: `无法识别这一行：「${line}」，格式应为「2027-01-01 元旦」或「2027-02-10~2027-02-16 春节」`,
      };
    const [, from, to, name] = m as unknown as [string, string, string | undefined, string];
    for (const day of [from, to ?? from])
      if (!realDay(day)) return { dates, error: `「${line}」里的 ${day} 不是有效日期` };
    let d = dayjs(from);
    const end = dayjs(to ?? from);
    if (end.isBefore(d)) return { dates, error: `「${line}」的结束日期早于开始日期` };
    while (!d.isAfter(end)) {
      const date = d.format('YYYY-MM-DD');
      if (seen.has(date)) return { dates, error: `${date} 写了两次（见「${line}」），请删去重复的一行` };
      seen.add(date);
      dates.push({ date, name: name.trim() });
      d = d.add(1, 'day');
    }
  }
  return { dates };
}

/** A day whose kind an import changes, as the administrator is asked to confirm it. */
export interface DayChange {
  date: string;
  from: CalendarDay['kind'];
  to: CalendarDay['kind'];
  name: string | null;
}

/**
 * What importing an arrangement would change in a year already held: each day whose kind differs
 * (a day switched by hand included), so replacing a year is confirmed knowing what it undoes.
 */
export function calendarChanges(
  current: CalendarDay[],
  holidays: NamedDate[],
  makeupDays: NamedDate[],
): DayChange[] {
  const next = new Map<string, { kind: CalendarDay['kind']; name: string }>();
  for (const h of holidays) next.set(h.date, { kind: 'holiday', name: h.name });
  for (const m of makeupDays) next.set(m.date, { kind: 'makeup', name: m.name });
  return current.flatMap((day) => {
    const weekday = dayjs(day.date).day();
    const to = next.get(day.date) ?? {
      kind: weekday === 0 || weekday === 6 ? 'weekend' : 'workday',
      name: null,
    };
    return to.kind === day.kind ? [] : [{ date: day.date, from: day.kind, to: to.kind, name: to.name }];
  });
}

/**
 * What the server would refuse in an arrangement, said before the administrator is asked to
 * confirm replacing a year (src/domain/calendar-year.ts holds the same rules): a day both off and
 * worked, a 调休 working day that is not a weekend.
 */
export function arrangementProblem(holidays: NamedDate[], makeupDays: NamedDate[]): string | undefined {
  const off = new Set(holidays.map((h) => h.date));
  const both = makeupDays.find((m) => off.has(m.date));
  if (both) return `日期 ${both.date} 重复出现，不能既放假又调休上班。`;
  const weekday = makeupDays.find((m) => ![0, 6].includes(dayjs(m.date).day()));
  if (weekday) return `调休上班日 ${weekday.date} 不是周末；调休上班只会安排在周六或周日。`;
  return undefined;
}
