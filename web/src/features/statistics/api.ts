import { api, withQuery } from '../../api/client';
import type { OrderList } from '../../api/types';

/** The statistics API (src/modules/statistics): shapes as the server returns them. */

// The figures' shapes are the domain's own types (src/domain/figures.ts), not a copy of them.
export type {
  FigureSettings,
  Period,
  PeriodKind,
  UnitCounts,
  UnitRates,
} from '../../../../src/domain/figures';

import type {
  FigureSettings,
  Period,
  PeriodKind,
  UnitCounts,
  UnitRates,
} from '../../../../src/domain/figures';

export interface PeriodQuery {
  period: PeriodKind;
  date?: string;
  from?: string;
  to?: string;
}

export type WeightKey = keyof FigureSettings['weights'];

export interface UnitRow {
  unitId: number;
  unitName: string;
  kind: string;
  counts: UnitCounts;
  rates: UnitRates;
  ranking: { indicators: Record<WeightKey, number | null> | null; score: number | null };
  rank: number | null;
  /** Scored but not placed: fewer orders in hand than FigureSettings.minOrdersToRank, and no failure. */
  fewOrders: boolean;
}

export interface UnitFiguresResponse {
  period: Period;
  settings: FigureSettings;
  units: UnitRow[];
}

interface Named {
  name: string;
  count: number;
}

export interface CountyFigures {
  period: Period;
  total: number;
  /** Consultations the office answered on the spot from the knowledge base (直办): in no unit's figures. */
  answeredOnSpot: number;
  /** 分发超时: the office's own late dispatches, counted from the dispatch deadline. */
  dispatchLate: number;
  /** 审批超时: the office's own late decisions on the units' extension and return requests. */
  decisionLate: number;
  bySource: Array<{ key: string; name: string; count: number }>;
  byType: Array<{ key: string; count: number }>;
  byCategory: { level1: Named[]; level2: Named[]; level3: Named[] };
  byTownship: Array<{ unitId: number | null; name: string; count: number }>;
  byDay: Array<{ day: string; count: number }>;
  hotCategories: Array<{ categoryId: number; name: string; count: number; previous: number; rise: number }>;
  hotWords: Array<{ word: string; count: number; previous: number; rise: number }>;
}

/** The indicators GET /api/statistics/drill accepts. */
export const DRILL_INDICATORS = [
  'overdueNow',
  'received',
  'coSilent',
  'signedLate',
  'returned',
  'returnsRejected',
  'extended',
  'replied',
  'repliedLate',
  'overdueEver',
  'redone',
  'unsatisfied',
  'unreachable',
  'urges',
] as const;
export type DrillIndicator = (typeof DRILL_INDICATORS)[number];

export const INDICATOR_LABELS: Record<DrillIndicator, string> = {
  overdueNow: '当前超期',
  received: '收件',
  coSilent: '协办超时',
  signedLate: '超时签收',
  returned: '申请回退',
  returnsRejected: '回退被拒',
  extended: '延期',
  replied: '办结反馈',
  repliedLate: '超时办结',
  overdueEver: '期内超期',
  redone: '重办',
  unsatisfied: '不满意',
  unreachable: '联系不上',
  urges: '被催办',
};

export const WEIGHT_LABELS: Record<WeightKey, string> = {
  onTimeReply: '按时办结率',
  signOnTime: '按时签收率',
  satisfaction: '满意率',
  redo: '重办率（反向）',
  overdue: '超期率（反向）',
};

const q = (p: PeriodQuery) => ({ period: p.period, date: p.date, from: p.from, to: p.to });

export const statisticsApi = {
  units: (p: PeriodQuery) => api.get<UnitFiguresResponse>('/api/statistics/units', q(p)),
  county: (p: PeriodQuery) => api.get<CountyFigures>('/api/statistics/county', q(p)),
  drill: (p: PeriodQuery, unitId: number, indicator: DrillIndicator, page: number, pageSize: number) =>
    api.get<OrderList>('/api/statistics/drill', { ...q(p), unitId, indicator, page, pageSize }),
  settings: () => api.get<FigureSettings>('/api/settings/figures'),
  saveSettings: (s: FigureSettings) => api.put<FigureSettings>('/api/settings/figures', s),
  unitExportUrl: (p: PeriodQuery) => withQuery('/api/exports/unit-figures.xlsx', q(p)),
  countyExportUrl: (p: PeriodQuery) => withQuery('/api/exports/county-figures.xlsx', q(p)),
};
