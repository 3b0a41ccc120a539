import { refuse } from './refusal.js';
import { addDays, type IsoDate, isIsoDate, weekday } from './time.js';

/**
 * The figures the office and the leaders judge units by, defined once (docs/figures.md says
 * the same in words). Counts come from the timeline; rates and scores are computed here.
 */
export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** The period of a kind that contains `date` (weeks start on Monday). */
export function periodOf(kind: PeriodKind, date: IsoDate, custom?: Period): Period {
  if (!isIsoDate(date)) refuse('invalid', 'DATE_INVALID', `日期 ${date} 无效，格式应为 YYYY-MM-DD。`);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const pad = (n: number) => String(n).padStart(2, '0');
  const monthEnd = (year: number, month: number) =>
    addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);
  switch (kind) {
    case 'day':
      return { from: date, to: date };
    case 'week': {
      const from = addDays(date, -((weekday(date) + 6) % 7));
      return { from, to: addDays(from, 6) };
    }
    case 'month':
      return { from: `${y}-${pad(m)}-01`, to: monthEnd(y, m) };
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${y}-${pad(first)}-01`, to: monthEnd(y, first + 2) };
    }
    case 'year':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
    case 'custom':
      if (!custom || !isIsoDate(custom.from) || !isIsoDate(custom.to) || custom.to < custom.from) {
        return refuse(
          'invalid',
          'PERIOD_INVALID',
          '自定义统计期须给出有效的开始和结束日期，且结束不早于开始。',
        );
      }
      return custom;
  }
}

/** The longest period whose every day is listed in a daily series: three years, past every preset period. */
export const DAY_SERIES_MAX_DAYS = 1096;

/**
 * A daily series over the period: every day from its first to its last, in order, with the days
 * that had nothing at zero, so a chart's gaps are days with no orders rather than days left out
 * (a week of holidays would otherwise vanish from the trend). A custom period longer than
 * DAY_SERIES_MAX_DAYS lists only the days that have a count: years of zeros help no chart.
 */
export function daySeries(
  period: Period,
  counts: ReadonlyArray<{ day: IsoDate; count: number }>,
): Array<{ day: IsoDate; count: number }> {
  const byDay = new Map(counts.map((c) => [c.day, c.count]));
  const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86400000) + 1;
  if (days > DAY_SERIES_MAX_DAYS)
    return [...counts].sort((a, b) => a.day.localeCompare(b.day)).map((c) => ({ ...c }));
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(period.from, i);
    return { day, count: byDay.get(day) ?? 0 };
  });
}

/** The period of the same length just before. */
export function previousPeriod(p: Period): Period {
  const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86400000) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

export interface UnitCounts {
  received: number;
  coReceived: number;
  /**
   * 协办超时: co-unit assignments whose own deadline for an opinion passed in the period without
   * one while the order was with the units, as the deadline watcher recorded them (co_unit_silent,
   * dated at the deadline). The notice (二（二）) forbids co-units to leave the lead alone.
   */
  coSilent: number;
  signed: number;
  signedOnTime: number;
  /**
   * 超时签收: sign-for deadlines that passed in the period without the unit signing by then,
   * whether it signed later or never did (each deadline once).
   */
  signedLate: number;
  returned: number;
  returnsRejected: number;
  extended: number;
  replied: number;
  repliedOnTime: number;
  overdueEver: number;
  overdueNow: number;
  /** 期初在手: orders in the unit's hands (on its clock) at the start of the period. */
  openAtStart: number;
  redone: number;
  callbacks: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  unreachable: number;
  repeatedComplaints: number;
  urges: number;
  /** Times named in a city bulletin issued in the period, and accountability measures for them (domain/city-bulletin.ts). */
  cityBulletins: number;
  accountabilities: number;
  /** Sum over the period's replies of the working days from dispatch (or redo) to reply. */
  handlingWorkingDays: number;
}

export const emptyCounts = (): UnitCounts => ({
  received: 0,
  coReceived: 0,
  coSilent: 0,
  signed: 0,
  signedOnTime: 0,
  signedLate: 0,
  returned: 0,
  returnsRejected: 0,
  extended: 0,
  replied: 0,
  repliedOnTime: 0,
  overdueEver: 0,
  overdueNow: 0,
  openAtStart: 0,
  redone: 0,
  callbacks: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  unsatisfied: 0,
  unreachable: 0,
  repeatedComplaints: 0,
  urges: 0,
  cityBulletins: 0,
  accountabilities: 0,
  handlingWorkingDays: 0,
});

export interface FigureSettings {
  /** How much a 基本满意 counts towards satisfaction: 1 (as satisfied), 0.5, or 0. */
  basicallySatisfiedWeight: 0 | 0.5 | 1;
  /** Weights of the ranking's indicators (any non-negative numbers; they are normalised). */
  weights: { onTimeReply: number; signOnTime: number; satisfaction: number; redo: number; overdue: number };
  /**
   * Orders in hand a unit needs in the period to be placed in the ranking (0: every unit with
   * figures is placed). A full score on one order says little beside one on a hundred; the county's
   * assessment method decides where the line is, so it is a setting, off until the office sets it.
   * A unit with a failure (overdue, signed late) is placed whatever its count.
   */
  minOrdersToRank: number;
}

export const DEFAULT_FIGURE_SETTINGS: FigureSettings = {
  basicallySatisfiedWeight: 1,
  weights: { onTimeReply: 30, signOnTime: 10, satisfaction: 30, redo: 15, overdue: 15 },
  minOrdersToRank: 0,
};

/** A share in per cent, one decimal; never above 100 (a count of one period over another's is not a rate). */
const pct = (n: number, d: number) => (d === 0 ? null : Math.min(100, Math.round((n / d) * 1000) / 10));

/**
 * The orders a unit had in hand in the period: those in its hands at the start, and each that
 * came to it in the period (dispatched, or sent back for redo). Every order counted 期内超期 was
 * in its hands at its deadline, inside the period, so it is among these: the overdue rate's
 * denominator is never smaller than its numerator (and is taken as at least that, should the
 * history lack a move).
 */
export const heldInPeriod = (c: UnitCounts) => Math.max(c.openAtStart + c.received + c.redone, c.overdueEver);

export interface UnitRates {
  signOnTimeRate: number | null;
  onTimeReplyRate: number | null;
  redoRate: number | null;
  satisfactionRate: number | null;
  overdueRate: number | null;
  averageHandlingWorkingDays: number | null;
}

export function ratesOf(c: UnitCounts, s: FigureSettings): UnitRates {
  const judged = c.satisfied + c.basicallySatisfied + c.unsatisfied;
  return {
    // Of the sign-for deadlines decided in the period (met by signing, or missed), those met.
    signOnTimeRate: pct(c.signedOnTime, c.signedOnTime + c.signedLate),
    onTimeReplyRate: pct(c.repliedOnTime, c.replied),
    redoRate: pct(c.redone, c.replied),
    satisfactionRate: pct(c.satisfied + s.basicallySatisfiedWeight * c.basicallySatisfied, judged),
    overdueRate: pct(c.overdueEver, heldInPeriod(c)),
    averageHandlingWorkingDays:
      c.replied === 0 ? null : Math.round((c.handlingWorkingDays / c.replied) * 10) / 10,
  };
}

export interface RankedScores {
  indicators: Record<keyof FigureSettings['weights'], number | null>;
  score: number | null;
}

/**
 * Each indicator scored 0–100 (higher is better: redo and overdue rates are inverted), then
 * weighted. An indicator with nothing to measure is left out and the rest re-weighted; a unit
 * with nothing at all in the period is not ranked.
 */
export function scoreOf(r: UnitRates, s: FigureSettings): RankedScores {
  const inv = (x: number | null) => (x === null ? null : Math.max(0, 100 - x));
  const indicators = {
    onTimeReply: r.onTimeReplyRate,
    signOnTime: r.signOnTimeRate,
    satisfaction: r.satisfactionRate,
    redo: inv(r.redoRate),
    overdue: inv(r.overdueRate),
  };
  let total = 0;
  let weight = 0;
  for (const [k, v] of Object.entries(indicators) as Array<[keyof typeof indicators, number | null]>) {
    if (v === null) continue;
    total += v * s.weights[k];
    weight += s.weights[k];
  }
  return { indicators, score: weight === 0 ? null : Math.round((total / weight) * 10) / 10 };
}

/** The best score a unit with an overdue order or a missed sign-for deadline in the period can have. */
export const FAULTED_SCORE_CEILING = 99.9;

/**
 * Whether a unit is ranked in the period, and its scores. Ranked: every unit that had an order
 * in hand in the period (in its hands at the start, dispatched to it, sent back for redo), or
 * that replied, was called back on or went overdue in it — so a unit whose only figures are
 * its failures is ranked last, never left out. A unit with an order in hand and nothing late
 * yet scores on what it has done (an order received today and not yet due to be signed leaves
 * it at 100: nothing is late). A unit with an overdue order or a missed sign-for deadline never
 * has a full score, whatever the weights and the rounding.
 */
export function rankingOf(c: UnitCounts, r: UnitRates, s: FigureSettings): RankedScores | null {
  if (heldInPeriod(c) + c.replied + c.callbacks + c.signedLate === 0) return null;
  const scores = scoreOf(r, s);
  if (scores.score !== null && c.overdueEver + c.signedLate > 0)
    scores.score = Math.min(scores.score, FAULTED_SCORE_CEILING);
  return scores;
}

/** Why a unit with a score has no place: too few orders in hand (FigureSettings.minOrdersToRank). */
export type Unplaced = 'fewOrders';

/**
 * Places in the ranking, best first. Units with a score are placed, except those with fewer orders in
 * hand than the setting asks and no failure, which keep their score but no place. Equal scores share
 * a place; among them the unit that had more orders in hand is listed first.
 */
export function placesOf<T extends { counts: UnitCounts; ranking: { score: number | null } }>(
  rows: readonly T[],
  s: FigureSettings,
): Map<T, number | Unplaced> {
  const places = new Map<T, number | Unplaced>();
  const placed: T[] = [];
  for (const row of rows) {
    if (row.ranking.score === null) continue;
    const faulted = row.counts.overdueEver + row.counts.signedLate > 0;
    if (!faulted && heldInPeriod(row.counts) < s.minOrdersToRank) places.set(row, 'fewOrders');
    else placed.push(row);
  }
  placed.sort(
    (a, b) =>
      (b.ranking.score ?? 0) - (a.ranking.score ?? 0) || heldInPeriod(b.counts) - heldInPeriod(a.counts),
  );
  placed.forEach((row, i) => {
    const before = placed[i - 1];
    const shared = before !== undefined && before.ranking.score === row.ranking.score;
    places.set(row, shared ? (places.get(before) as number) : i + 1);
  });
  return places;
}
