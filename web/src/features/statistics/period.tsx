import { Button, DatePicker, Flex, Segmented, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { dayjs } from '../../lib/time';
import { useDay, useDayRange } from '../../lib/usePickerDates';
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

const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');

/**
 * Where the page opens: the last complete month. On the 1st the current month holds almost
 * nothing, and a month's figures are read once it is over.
 */
export function lastCompleteMonth(today = dayjs()): PeriodQuery {
  return { period: 'month', date: fmt(today.subtract(1, 'month').endOf('month')) };
}

/** The month so far (本月). */
export function thisMonth(today = dayjs()): PeriodQuery {
  return { period: 'month', date: fmt(today) };
}

/** The last 30 days up to today, for a rolling view. */
export function rolling30Days(today = dayjs()): PeriodQuery {
  return { period: 'custom', from: fmt(today.subtract(29, 'day')), to: fmt(today) };
}

type SetPeriod = (next: PeriodQuery, how?: { replace: boolean }) => void;

/**
 * The period as it stands in the address bar (period, date, from, to), so a view can be shared;
 * `opened`: none is there, the page shows where it opens.
 */
export function usePeriod(): [PeriodQuery, SetPeriod, opened: boolean] {
  const [params, setParams] = useSearchParams();
  const set: SetPeriod = (next, how) => setPeriodParams(setParams, next, how?.replace ?? false);
  if (!params.get('period')) return [lastCompleteMonth(), set, true];
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
  return [query, set, false];
}

function setPeriodParams(
  setParams: ReturnType<typeof useSearchParams>[1],
  next: PeriodQuery,
  replace: boolean,
) {
  setParams(
    () => {
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
    },
    { replace },
  );
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
  const date = useDay(value.date);
  const range = useDayRange(value.from, value.to);
  return (
    <Flex gap={8} wrap align="center">
      <Space.Compact>
        <Button onClick={() => onChange(lastCompleteMonth())}>上月</Button>
        <Button onClick={() => onChange(thisMonth())}>本月</Button>
        <Button onClick={() => onChange(rolling30Days())}>近 30 天</Button>
      </Space.Compact>
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
          value={range}
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
