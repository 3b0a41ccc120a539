/**
 * Instants and calendar dates in the county's time zone.
 *
 * China has kept a fixed UTC+08:00 offset with no daylight saving since 1991, so a fixed
 * offset is exact here and needs no time-zone database.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The Shanghai calendar date on which an instant falls. */
export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant at which a Shanghai calendar date begins (00:00 +08:00). */
export function startOfShanghaiDay(date: IsoDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** An instant written in Shanghai local time with its offset, e.g. `2026-02-25T00:00:00+08:00`. */
export function toShanghaiIso(instant: Date): string {
  const local = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/** Minutes after midnight from `HH:mm`. */
export function parseClock(clock: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(clock);
  if (!m) throw new RangeError(`invalid clock time ${clock}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 24 * 60) throw new RangeError(`invalid clock time ${clock}`);
  return minutes;
}
