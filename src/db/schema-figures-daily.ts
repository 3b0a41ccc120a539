/** Pre-summed daily figures, kept by triggers (migration 2026-12-01-summaries-001-daily-figures). */
export interface OrderDayFiguresTable {
  /** Beijing date: of registration, or of closing for dim 'on_spot'. */
  day: string;
  /** 'channel' | 'type' | 'township' | 'category' | 'on_spot' */
  dim: string;
  /** The value ('' for none). */
  key: string;
  n: number;
}

export interface UnitEventDaysTable {
  day: string;
  unit_id: number;
  type: string;
  /** '' for none. */
  outcome: string;
  n: number;
}

export interface UnitReplySpansTable {
  reply_day: string;
  unit_id: number;
  /** The Beijing date the handling began (the last dispatch or redo before the reply). */
  began_day: string;
  n: number;
  /** Sums of milliseconds into the Beijing day of the replies and of their starts. */
  reply_ms: number | string;
  began_ms: number | string;
}

export interface TitleWordsDaysTable {
  day: string;
  /** Moved on by the triggers at each change to the day's titles. */
  gen: number;
  /** JSON: word → in how many of the day's titles; null when stale. */
  words: string | null;
}

export interface DailyFigureTables {
  order_day_figures: OrderDayFiguresTable;
  unit_event_days: UnitEventDaysTable;
  unit_reply_spans: UnitReplySpansTable;
  title_words_days: TitleWordsDaysTable;
}
