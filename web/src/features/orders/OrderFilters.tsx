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
import type { OrderQuery } from '../../api/types';

const DateRangeFilter = lazy(() => import('./DateRangeFilter'));

const split = (v?: string) => (v ? v.split(',').filter(Boolean) : []);
const join = (v: string[]) => (v.length ? v.join(',') : undefined);

export interface OrderFiltersProps {
  query: OrderQuery;
  update: (patch: Partial<Record<keyof OrderQuery, string | undefined>>) => void;
  /** Filters fixed by the page (e.g. a queue's tab) are not offered. */
  hide?: Array<keyof OrderQuery>;
  compact?: boolean;
}

type Option = { value: string; label: string };

/** Filters that take several values (any of them matches). `wideOnly`: left out on a phone. */
const MULTI_FILTERS: Array<{
  key: 'state' | 'type' | 'urgency' | 'channel';
  label: string;
  options: Option[];
  minWidth: number;
  wideOnly?: boolean;
}> = [
  { key: 'state', label: '状态', options: options(STATE_LABELS), minWidth: 150 },
  { key: 'type', label: '类型', options: options(TYPE_LABELS), minWidth: 130 },
  { key: 'urgency', label: '紧急程度', options: options(URGENCY_LABELS), minWidth: 140 },
  { key: 'channel', label: '来源', options: options(CHANNEL_LABELS), minWidth: 130, wideOnly: true },
];

/** Filters on the clocks: one value each. */
const ONE_OF_FILTERS: Array<{
  key: 'due' | 'dispatch' | 'progress';
  label: string;
  options: Option[];
  width: number;
}> = [
  {
    key: 'due',
    label: '时限',
    options: [
      { value: 'due_soon', label: '预警' },
      { value: 'overdue', label: '超期' },
    ],
    width: 110,
  },
  {
    key: 'dispatch',
    label: '分发时限',
    options: [
      { value: 'due_soon', label: '分发即将超时' },
      { value: 'overdue', label: '分发超时' },
    ],
    width: 140,
  },
  { key: 'progress', label: '进展报告', options: [{ value: 'missed', label: '进展未报' }], width: 120 },
];

/** Search and filters; every value lives in the address bar. */
export function OrderFilters({ query, update, hide = [], compact }: OrderFiltersProps) {
  const shown = (k: keyof OrderQuery) => !hide.includes(k);
  const width = compact ? '100%' : undefined;
  const active = (
    ['state', 'type', 'urgency', 'channel', 'due', 'dispatch', 'progress', 'from', 'period', 'sort'] as const
  ).filter((k) => shown(k) && query[k]).length;
  const [expanded, setExpanded] = useState(active > 0);
  const search = (
    <Input.Search
      placeholder="工单编号、市平台编号、电话、标题或内容"
      allowClear
      defaultValue={query.q}
      key={query.q ?? ''}
      onSearch={(q) => update({ q: q.trim() || undefined })}
      style={{ width: compact ? undefined : 320, flex: compact ? 1 : undefined }}
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
      {MULTI_FILTERS.filter((f) => shown(f.key) && !(compact && f.wideOnly)).map((f) => (
        <Select
          key={f.key}
          mode="multiple"
          allowClear
          placeholder={f.label}
          aria-label={f.label}
          value={split(query[f.key])}
          options={f.options}
          onChange={(v: string[]) => update({ [f.key]: join(v) })}
          style={{ minWidth: f.minWidth, width }}
          maxTagCount="responsive"
        />
      ))}
      {ONE_OF_FILTERS.filter((f) => shown(f.key)).map((f) => (
        <Select
          key={f.key}
          allowClear
          placeholder={f.label}
          aria-label={f.label}
          value={query[f.key]}
          options={f.options}
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
          style={{ width: compact ? '100%' : 120 }}
        />
      )}
      {shown('from') && (
        <Suspense fallback={<div aria-hidden style={{ width: compact ? '100%' : 260, height: 32 }} />}>
          <DateRangeFilter query={query} update={update} width={compact ? '100%' : 260} />
        </Suspense>
      )}
      {shown('sort') && (
        <Select
          aria-label="排序"
          value={query.sort ?? 'newest'}
          options={[
            { value: 'newest', label: '最新登记在前' },
            { value: 'oldest', label: '最早登记在前' },
            { value: 'deadline', label: '办理期限最近在前' },
          ]}
          onChange={(v: string) => update({ sort: v === 'newest' ? undefined : v })}
          style={{ width: compact ? '100%' : 170 }}
        />
      )}
      <Button
        icon={<ClearOutlined />}
        onClick={() =>
          update(
            Object.fromEntries(
              [
                'state',
                'type',
                'urgency',
                'channel',
                'due',
                'dispatch',
                'progress',
                'q',
                'from',
                'to',
                'period',
                'sort',
              ]
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
