import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Input, Select } from 'antd';
import { lazy, Suspense, useState } from 'react';
import {
  CHANNEL_LABELS,
  options,
  PERIOD_LABELS,
  STATE_LABELS,
  TYPE_LABELS,
  URGENCY_LABELS,
} from '../../api/labels';
import type { OrderQuery, Unit } from '../../api/types';
import { useAuth } from '../../app/auth';
import { HANDLING_KINDS, unitPicker, useUnits } from '../../lib/useUnits';
import { FILTER_WIDTHS, MULTI_FILTER_FIELDS, ONE_OF_FILTER_FIELDS, SORT_LABELS } from './filterFields';

const DateRangeFilter = lazy(() => import('./DateRangeFilter'));
const CategoryFilter = lazy(() => import('./CategoryFilter'));
/** 工单查询's own filters (not on a queue, so not drawn by the start-up script: not in filterFields.ts). */
const WHOLE_LIST_WIDTHS = { township: 130, category: 220 } as const;

const split = (v?: string) => (v ? v.split(',').filter(Boolean) : []);
const join = (v: string[]) => (v.length ? v.join(',') : undefined);

export interface OrderFiltersProps {
  query: OrderQuery;
  update: (patch: Partial<Record<keyof OrderQuery, string | undefined>>) => void;
  /** Filters fixed by the page (e.g. a queue's tab) are not offered. */
  hide?: Array<keyof OrderQuery>;
  /** Filters on a clock no order of the list is on (`idleClockFilters`): not offered either. */
  idle?: Array<keyof OrderQuery>;
  compact?: boolean;
}

type Option = { value: string; label: string };

/** What each filter of filterFields.ts offers. */
const FILTER_OPTIONS: Record<
  (typeof MULTI_FILTER_FIELDS)[number]['key'] | (typeof ONE_OF_FILTER_FIELDS)[number]['key'],
  Option[]
> = {
  state: options(STATE_LABELS),
  type: options(TYPE_LABELS),
  urgency: options(URGENCY_LABELS),
  channel: options(CHANNEL_LABELS),
  due: [
    { value: 'due_soon', label: '预警' },
    { value: 'overdue', label: '超期' },
  ],
  dispatch: [
    { value: 'due_soon', label: '分发即将超时' },
    { value: 'overdue', label: '分发超时' },
  ],
  progress: [{ value: 'missed', label: '进展未报' }],
};

/** The bar's own filters: what counts as chosen (the badge), and with the search what 清除筛选 clears. */
const BAR_FILTERS = [
  'state',
  'type',
  'urgency',
  'channel',
  'due',
  'dispatch',
  'progress',
  'from',
  'period',
  'sort',
  'unitId',
  'townshipUnitId',
  'level1',
  'level2',
  'categoryId',
] as const satisfies ReadonlyArray<keyof OrderQuery>;

/** Search and filters; every value lives in the address bar. */
export function OrderFilters({ query, update, hide = [], idle = [], compact }: OrderFiltersProps) {
  const { can } = useAuth();
  const shown = (k: keyof OrderQuery) => !hide.includes(k) && !idle.includes(k);
  const width = compact ? '100%' : undefined;
  // Who sees every order (the office, supervision, leaders) may narrow 工单查询 to one unit's. Not
  // on a queue's tabs (a hidden filter there): their bar is drawn before the app (web/src/early/).
  const byUnit = hide.length === 0 && can('statistics.county');
  // 工单查询 (no filter fixed by the page) narrows by township and request category too: the
  // statistics page's drill-down sets them, and they must show there and be cleared with the rest.
  const whole = hide.length === 0;
  const units = useUnits();
  const active = BAR_FILTERS.filter((k) => shown(k) && query[k]).length;
  const [expanded, setExpanded] = useState(active > 0);
  const search = (
    <Input.Search
      // Only those who read callers' phones may search by them (a search would otherwise reveal them).
      placeholder={`工单编号、市平台编号、${can('workOrder.readCitizenContact') ? '电话、' : ''}标题或内容`}
      allowClear
      defaultValue={query.q}
      key={query.q ?? ''}
      onSearch={(q) => update({ q: q.trim() || undefined })}
      style={{ width: compact ? undefined : FILTER_WIDTHS.search, flex: compact ? 1 : undefined }}
      aria-label="搜索工单"
    />
  );
  if (compact && !expanded) {
    return (
      <Flex gap={8} style={{ marginBottom: 12 }}>
        {search}
        <Badge count={active} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setExpanded(true)}>
            筛选
          </Button>
        </Badge>
      </Flex>
    );
  }
  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      {search}
      {byUnit && (
        <UnitFilter
          label="承办单位"
          value={query.unitId}
          units={units.filter((u) => HANDLING_KINDS.includes(u.kind))}
          onChange={(unitId) => update({ unitId })}
          width={compact ? '100%' : FILTER_WIDTHS.unit}
        />
      )}
      {whole && (
        <UnitFilter
          label="乡镇"
          value={query.townshipUnitId}
          units={units.filter((u) => u.kind === 'township')}
          onChange={(townshipUnitId) => update({ townshipUnitId })}
          width={compact ? '100%' : WHOLE_LIST_WIDTHS.township}
        />
      )}
      {whole && (
        <Suspense
          fallback={
            <div aria-hidden style={{ width: compact ? '100%' : WHOLE_LIST_WIDTHS.category, height: 32 }} />
          }
        >
          <CategoryFilter
            query={query}
            update={update}
            width={compact ? '100%' : WHOLE_LIST_WIDTHS.category}
          />
        </Suspense>
      )}
      {MULTI_FILTER_FIELDS.filter((f) => shown(f.key) && !(compact && f.wideOnly)).map((f) => (
        <Select
          key={f.key}
          mode="multiple"
          allowClear
          placeholder={f.label}
          aria-label={f.label}
          value={split(query[f.key])}
          options={FILTER_OPTIONS[f.key]}
          onChange={(v: string[]) => update({ [f.key]: join(v) })}
          style={{ minWidth: f.minWidth, width }}
          maxTagCount="responsive"
        />
      ))}
      {ONE_OF_FILTER_FIELDS.filter((f) => shown(f.key)).map((f) => (
        <Select
          key={f.key}
          allowClear
          placeholder={f.label}
          aria-label={f.label}
          value={query[f.key]}
          options={FILTER_OPTIONS[f.key]}
          onChange={(v?: string) => update({ [f.key]: v })}
          style={{ width: compact ? '100%' : f.width }}
        />
      ))}
      {shown('from') && (
        // Relative to today, so a saved 「本周待签收」 shows this week's orders every week.
        <Select
          allowClear
          placeholder="登记时间"
          aria-label="登记时间"
          value={query.period}
          options={options(PERIOD_LABELS)}
          onChange={(v?: string) => update({ period: v, from: undefined, to: undefined })}
          style={{ width: compact ? '100%' : FILTER_WIDTHS.period }}
        />
      )}
      {shown('from') && (
        <Suspense
          fallback={<div aria-hidden style={{ width: compact ? '100%' : FILTER_WIDTHS.range, height: 32 }} />}
        >
          <DateRangeFilter query={query} update={update} width={compact ? '100%' : FILTER_WIDTHS.range} />
        </Suspense>
      )}
      {shown('sort') && (
        <Select
          aria-label="排序"
          value={query.sort ?? 'newest'}
          options={options(SORT_LABELS)}
          onChange={(v: string) => update({ sort: v === 'newest' ? undefined : v })}
          style={{ width: compact ? '100%' : FILTER_WIDTHS.sort }}
        />
      )}
      <Button
        icon={<ClearOutlined />}
        onClick={() =>
          update(
            Object.fromEntries(
              [...BAR_FILTERS, 'q', 'to']
                .filter((k) => shown(k as keyof OrderQuery))
                .map((k) => [k, undefined]),
            ),
          )
        }
      >
        清除筛选
      </Button>
      {compact && <Button onClick={() => setExpanded(false)}>收起</Button>}
    </Flex>
  );
}

/** One unit picked from `units` (typed by name, synonym or pinyin), kept in the address as its id. */
function UnitFilter(props: {
  label: string;
  value: string | undefined;
  units: Unit[];
  onChange: (id: string | undefined) => void;
  width: number | string;
}) {
  return (
    <Select
      allowClear
      placeholder={props.label}
      aria-label={props.label}
      value={props.value ? Number(props.value) : undefined}
      {...unitPicker(props.units)}
      onChange={(v?: number) => props.onChange(v === undefined ? undefined : String(v))}
      style={{ width: props.width }}
    />
  );
}
