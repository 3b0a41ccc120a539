import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { Badge, Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  CHANNEL_LABELS,
  options,
  PERIOD_LABELS,
  STATE_LABELS,
  TYPE_LABELS,
  URGENCY_LABELS,
} from '../../api/labels';
import type { OrderQuery } from '../../api/types';

const split = (v?: string) => (v ? v.split(',').filter(Boolean) : []);
const join = (v: string[]) => (v.length ? v.join(',') : undefined);

export interface OrderFiltersProps {
  query: OrderQuery;
  update: (patch: Partial<Record<keyof OrderQuery, string | undefined>>) => void;
  /** Filters fixed by the page (e.g. a queue's tab) are not offered. */
  hide?: Array<keyof OrderQuery>;
  compact?: boolean;
}

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
      {shown('state') && (
        <Select
          mode="multiple"
          allowClear
          placeholder="状态"
          aria-label="状态"
          value={split(query.state)}
          options={options(STATE_LABELS)}
          onChange={(v: string[]) => update({ state: join(v) })}
          style={{ minWidth: 150, width }}
          maxTagCount="responsive"
        />
      )}
      {shown('type') && (
        <Select
          mode="multiple"
          allowClear
          placeholder="类型"
          aria-label="类型"
          value={split(query.type)}
          options={options(TYPE_LABELS)}
          onChange={(v: string[]) => update({ type: join(v) })}
          style={{ minWidth: 130, width }}
          maxTagCount="responsive"
        />
      )}
      {shown('urgency') && (
        <Select
          mode="multiple"
          allowClear
          placeholder="紧急程度"
          aria-label="紧急程度"
          value={split(query.urgency)}
          options={options(URGENCY_LABELS)}
          onChange={(v: string[]) => update({ urgency: join(v) })}
          style={{ minWidth: 140, width }}
          maxTagCount="responsive"
        />
      )}
      {shown('channel') && !compact && (
        <Select
          mode="multiple"
          allowClear
          placeholder="来源"
          aria-label="来源"
          value={split(query.channel)}
          options={options(CHANNEL_LABELS)}
          onChange={(v: string[]) => update({ channel: join(v) })}
          style={{ minWidth: 130 }}
          maxTagCount="responsive"
        />
      )}
      {shown('due') && (
        <Select
          allowClear
          placeholder="时限"
          aria-label="时限"
          value={query.due}
          options={[
            { value: 'due_soon', label: '预警' },
            { value: 'overdue', label: '超期' },
          ]}
          onChange={(v?: string) => update({ due: v })}
          style={{ width: compact ? '100%' : 110 }}
        />
      )}
      {shown('dispatch') && (
        <Select
          allowClear
          placeholder="分发时限"
          aria-label="分发时限"
          value={query.dispatch}
          options={[
            { value: 'due_soon', label: '分发即将超时' },
            { value: 'overdue', label: '分发超时' },
          ]}
          onChange={(v?: string) => update({ dispatch: v })}
          style={{ width: compact ? '100%' : 140 }}
        />
      )}
      {shown('progress') && (
        <Select
          allowClear
          placeholder="进展报告"
          aria-label="进展报告"
          value={query.progress}
          options={[{ value: 'missed', label: '进展未报' }]}
          onChange={(v?: string) => update({ progress: v })}
          style={{ width: compact ? '100%' : 120 }}
        />
      )}
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
        <DatePicker.RangePicker
          aria-label="登记日期"
          placeholder={['登记日期起', '登记日期止']}
          value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
          onChange={(v) =>
            update({
              from: v?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: v?.[1]?.format('YYYY-MM-DD') ?? undefined,
              period: undefined,
            })
          }
          allowEmpty={[true, true]}
          style={{ width: compact ? '100%' : 260 }}
        />
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
