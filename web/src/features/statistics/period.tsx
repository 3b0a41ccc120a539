import { DatePicker, Flex, Segmented } from 'antd';
import type { Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { dayjs } from '../../lib/time';
import type { PeriodKind, PeriodQuery } from './api';

const KINDS: Array<{ value: PeriodKind; label: string }> = [
  { value: 'day', label: '日' },
  { value: 'week', label: '周' },
  { value: 'month', label: '月' },
  { value: 'quarter', label: '季' },
  { value: 'year', label: '年' },
  { value: 'custom', label: '自定义' },
];
const KIND_VALUES = KINDS.map((k) => k.value) as string[];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The period as it stands in the address bar (period, date, from, to), so a view can be shared. */
export function usePeriod(): [PeriodQuery, (next: PeriodQuery) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period') ?? 'month';
  const period = (KIND_VALUES.includes(raw) ? raw : 'month') as PeriodKind;
  const pick = (k: string) => {
    const v = params.get(k);
    return v && ISO.test(v) ? v : undefined;
  };
  let query: PeriodQuery = { period, date: pick('date') };
  if (period === 'custom') {
    const from = pick('from');
    const to = pick('to');
    query = from && to ? { period, from, to } : { period: 'month' };
  }
  const set = (next: PeriodQuery) => {
    setParams(() => {
      const p = new URLSearchParams(window.location.search);
      for (const k of ['period', 'date', 'from', 'to']) p.delete(k);
      // A new period closes any drill-down of the old one.
      p.delete('drillUnit');
      p.delete('drill');
      p.delete('drillPage');
      p.set('period', next.period);
      if (next.date) p.set('date', next.date);
      if (next.from) p.set('from', next.from);
      if (next.to) p.set('to', next.to);
      return p;
    });
  };
  return [query, set];
}

const PICKER: Record<Exclude<PeriodKind, 'custom'>, 'date' | 'week' | 'month' | 'quarter' | 'year'> = {
  day: 'date',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};

/** 日/周/月/季/年/自定义, and the date (or the range) the period contains. */
export function PeriodPicker({
  value,
  onChange,
}: {
  value: PeriodQuery;
  onChange: (p: PeriodQuery) => void;
}) {
  const date = value.date ? dayjs(value.date) : dayjs();
  const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');
  return (
    <Flex gap={8} wrap align="center">
      <Segmented<PeriodKind>
        aria-label="统计期类型"
        options={KINDS}
        value={value.period}
        onChange={(period) => {
          if (period === 'custom') {
            const d = value.date ? dayjs(value.date) : dayjs();
            onChange({ period, from: fmt(d.startOf('month')), to: fmt(d) });
          } else onChange({ period, date: value.date });
        }}
      />
      {value.period === 'custom' ? (
        <DatePicker.RangePicker
          aria-label="统计期"
          allowClear={false}
          value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
          onChange={(v) => {
            if (v?.[0] && v[1]) onChange({ period: 'custom', from: fmt(v[0]), to: fmt(v[1]) });
          }}
        />
      ) : (
        <DatePicker
          aria-label="统计日期"
          allowClear={false}
          picker={PICKER[value.period]}
          value={date}
          onChange={(d) => {
            if (d) onChange({ period: value.period, date: fmt(d) });
          }}
        />
      )}
    </Flex>
  );
}
