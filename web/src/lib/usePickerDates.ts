import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { dayjs } from './time';

// A controlled Ant Design date picker takes a new value object as a new value, and drops what the
// person has typed and not yet confirmed (the start of a range before its end, a date before
// Enter). So a picker must get the same object until the dates themselves change: a page drawn
// again while someone types (a list's or a chart's answer arriving late on a slow link) would
// otherwise lose the typed start and filter by the wrong range.

/** A range picker's value for two `YYYY-MM-DD` dates (either may be absent). */
export function useDayRange(from: string | undefined, to: string | undefined): [Dayjs | null, Dayjs | null] {
  return useMemo(() => [from ? dayjs(from) : null, to ? dayjs(to) : null], [from, to]);
}

/** A picker's value for one `YYYY-MM-DD` date, today when absent. */
export function useDay(date: string | undefined): Dayjs {
  const day = date ?? dayjs().format('YYYY-MM-DD');
  return useMemo(() => dayjs(day), [day]);
}
