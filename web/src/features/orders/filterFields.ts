import { ORDER_SORT_LABELS } from '../../../../src/domain/order-sorts';
import { DISPATCH_CLOCK_STATE, UNIT_CLOCK_STATES } from '../../../../src/domain/workflow/states';
import type { OrderQuery } from '../../api/types';

// The filter bar of a list of orders, as data: OrderFilters.tsx draws it with Ant Design, and the
// start-up script draws the same bar on a desk before Ant Design has loaded
// (web/src/early/deskView.ts), so that the list below it sits where the app's will. Nothing here
// imports React or Ant Design.

/** Filters that take several values (any of them matches). `wideOnly`: left out on a phone. */
export const MULTI_FILTER_FIELDS: Array<{
  key: 'state' | 'type' | 'urgency' | 'channel';
  label: string;
  minWidth: number;
  wideOnly?: boolean;
}> = [
  { key: 'state', label: '状态', minWidth: 150 },
  { key: 'type', label: '类型', minWidth: 130 },
  { key: 'urgency', label: '紧急程度', minWidth: 140 },
  { key: 'channel', label: '来源', minWidth: 130, wideOnly: true },
];

/** Filters on the clocks: one value each. */
export const ONE_OF_FILTER_FIELDS: Array<{
  key: 'due' | 'dispatch' | 'progress';
  label: string;
  width: number;
}> = [
  { key: 'due', label: '时限', width: 110 },
  { key: 'dispatch', label: '分发时限', width: 140 },
  { key: 'progress', label: '进展报告', width: 120 },
];

export const SORT_LABELS = ORDER_SORT_LABELS;

/**
 * The clock filters no order of a list can match, left out of its bar: 分发时限 (the office's clock
 * before dispatch) where the list holds no undispatched order or the viewer is a unit, whose orders
 * are all dispatched; 时限 and 进展报告 (the unit's clock) where it holds none on that clock (the
 * reviewer's 待审核 and 已办结, the dispatcher's 待派发).
 */
export function idleClockFilters(fixed: OrderQuery, unit: boolean): Array<keyof OrderQuery> {
  const states = fixed.state?.split(',');
  const holds = (among: readonly string[]) => !states || states.some((s) => among.includes(s));
  const dispatchClock = !unit && holds([DISPATCH_CLOCK_STATE]) && !fixed.due && !fixed.progress;
  const unitClock = holds(UNIT_CLOCK_STATES) && !fixed.dispatch;
  return [
    ...(dispatchClock ? [] : ['dispatch' as const]),
    ...(unitClock ? [] : (['due', 'progress'] as const)),
  ];
}

/** Widths of the desk's other controls, in px. */
export const FILTER_WIDTHS = {
  search: 320,
  period: 120,
  range: 260,
  sort: 170,
  unit: 200,
} as const;

/** One control of a desk's filter bar as first drawn: its text, and its width or least width. */
export interface FilterBox {
  text: string;
  /** The text is the control's value (the sort's default), not its placeholder. */
  value?: boolean;
  width?: number;
  minWidth?: number;
}

/**
 * A desk's filter bar before anything is chosen, left to right as OrderFilters draws it, without
 * the search box (first) and the clear button (last), which every bar has.
 */
export function deskFilterBoxes(hide: Array<keyof OrderQuery>): FilterBox[] {
  const shown = (k: keyof OrderQuery) => !hide.includes(k);
  return [
    ...MULTI_FILTER_FIELDS.filter((f) => shown(f.key)).map((f) => ({ text: f.label, minWidth: f.minWidth })),
    ...ONE_OF_FILTER_FIELDS.filter((f) => shown(f.key)).map((f) => ({ text: f.label, width: f.width })),
    ...(shown('from')
      ? [
          { text: '登记时间', width: FILTER_WIDTHS.period },
          { text: '登记日期起 → 登记日期止', width: FILTER_WIDTHS.range },
        ]
      : []),
    ...(shown('sort') ? [{ text: SORT_LABELS.newest, value: true, width: FILTER_WIDTHS.sort }] : []),
  ];
}
