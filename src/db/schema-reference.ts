import type { Generated, Selectable } from 'kysely';

// Reference data the office keeps: the working calendar, categories, settings and counters.

export interface CalendarYearsTable {
  year: number;
  source: string;
  updated_at: string;
}

export interface CalendarDaysTable {
  date: string;
  kind: string;
  name: string | null;
}

export interface CategoriesTable {
  id: Generated<number>;
  level1: string;
  level2: string;
  level3: string;
  active: number;
  /** The office's words for it, separated by 「、」 (e.g. 排水、下水道、井盖). */
  synonyms: Generated<string>;
  /** Raised by every edit: a form saves only over the version it was opened on. */
  version: Generated<number>;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface ReferenceTables {
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  categories: CategoriesTable;
  settings: SettingsTable;
  counters: CountersTable;
}

export type CategoryRow = Selectable<CategoriesTable>;
