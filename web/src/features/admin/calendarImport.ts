import dayjs from 'dayjs';
import type { NamedDate } from '../../api/types';

/**
 * Reads the lines an administrator pastes from the State Council's notice: one per line,
 * `2027-01-01 元旦` or a range `2027-02-10~2027-02-16 春节`. Returns the dates, or the
 * first line it cannot read.
 */
export function parseDates(text: string): { dates: NamedDate[]; error?: string } {
  const dates: NamedDate[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = line.match(/^(\d{4}-\d{2}-\d{2})(?:\s*[~至到-]\s*(\d{4}-\d{2}-\d{2}))?\s+(.+)$/);
    if (!m)
      return {
        dates,
        error: `无法识别这一行:「${line}」,格式应为「2027-01-01 元旦」或「2027-02-10~2027-02-16 春节」`,
      };
    const [, from, to, name] = m as unknown as [string, string, string | undefined, string];
    let d = dayjs(from);
    const end = dayjs(to ?? from);
    if (!d.isValid() || !end.isValid() || end.isBefore(d)) return { dates, error: `日期不正确:「${line}」` };
    while (!d.isAfter(end)) {
      dates.push({ date: d.format('YYYY-MM-DD'), name: name.trim() });
      d = d.add(1, 'day');
    }
  }
  return { dates };
}
