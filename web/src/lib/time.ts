import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.locale('zh-cn');

const BEIJING_OFFSET_MIN = 480;

// fmtTime: an instant in Beijing time whatever the browser's zone. fmtDeadline: a deadline, by
// the one convention of the domain (「12-08 24:00」), as print and export write it.
export { formatDeadline as fmtDeadline, formatInstant as fmtTime } from '../../../src/domain/deadline-text';

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).utcOffset(BEIJING_OFFSET_MIN).format('YYYY-MM-DD');
}

/** A picker value (wall-clock time as typed) taken as Beijing time. */
export function pickerToIso(d: Dayjs | null | undefined): string | null {
  if (!d) return null;
  return `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

/** The reverse: an instant as a picker value showing its Beijing wall-clock time. */
export function isoToPicker(iso: string | null | undefined): Dayjs | null {
  if (!iso) return null;
  return dayjs(dayjs(iso).utcOffset(BEIJING_OFFSET_MIN).format('YYYY-MM-DDTHH:mm:ss'));
}

/**
 * A deadline picked as a day: the end of that day (24:00, the next day's 00:00 in Beijing time),
 * as every deadline of the domain is.
 */
export function dayToDeadlineIso(d: Dayjs | null | undefined): string | null {
  if (!d) return null;
  return `${d.add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00`;
}

/** The reverse: the day a deadline ends (an instant at 00:00 ends the day before, at 24:00). */
export function deadlineToDay(iso: string | null | undefined): Dayjs | null {
  const at = isoToPicker(iso);
  return at ? at.subtract(1, 'minute').startOf('day') : null;
}

export function nowPicker(): Dayjs {
  return isoToPicker(new Date().toISOString()) as Dayjs;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export { dayjs };
