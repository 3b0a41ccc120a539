import { DatePicker, Form, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef } from 'react';
import { calendarApi } from '../../api/admin';
import type { CalendarDay, OrderDetail } from '../../api/types';
import { deadlineToDay } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';

const WEEKDAYS = '日一二三四五六';
/** How far past the current deadline the form first offers: the unit changes it as it needs. */
const EXTENSION_OFFERED_DAYS = 3;

/**
 * The day an extension is asked to: days not after the current deadline, or after the city's, are
 * not offered, and a rest day picked says at once which working day the deadline will fall on (as
 * every period ends, the server reads it as that day's end), instead of only after submitting.
 */
export function ExtensionDeadlineField({ order }: { order: OrderDetail }) {
  const current = deadlineToDay(order.deadlines.handle.at);
  const city = deadlineToDay(order.cityDeadline);
  const form = Form.useFormInstance();
  const picked = Form.useWatch<Dayjs | undefined>('requestedDeadline');
  const days = useRestDays(current);
  // Offered once the calendar is known: three working days past the current deadline (a rest day
  // offered would only be read as the next working day), never past the city's.
  // Its inputs are the order's stored instants and the calendar's map, kept while the calendar is
  // unchanged: day values built each render would run it on every render.
  const handleAt = order.deadlines.handle.at;
  const cityAt = order.cityDeadline;
  // The day offered, to say so while it stands: an extension sent with a date nobody picked surprised a tester.
  const offered = useRef<Dayjs | null>(null);
  useEffect(() => {
    const from = deadlineToDay(handleAt);
    const last = deadlineToDay(cityAt);
    if (from === null || days.size === 0 || form.getFieldValue('requestedDeadline')) return;
    let day = from;
    for (let counted = 0; counted < EXTENSION_OFFERED_DAYS; ) {
      day = day.add(1, 'day');
      if (days.get(day.format('YYYY-MM-DD'))?.working ?? (day.day() !== 0 && day.day() !== 6)) counted++;
    }
    const offer = last !== null && day.isAfter(last, 'day') ? last : day;
    offered.current = offer;
    form.setFieldValue('requestedDeadline', offer);
  }, [handleAt, cityAt, days, form]);
  const disabledDate = (d: Dayjs) =>
    (current !== null && !d.isAfter(current, 'day')) || (city !== null && d.isAfter(city, 'day'));
  return (
    <Form.Item
      name="requestedDeadline"
      label="申请延期至"
      rules={[{ required: true, message: '请选择申请的新期限' }]}
      extra={
        picked && (
          <>
            {offered.current?.isSame(picked, 'day') && (
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                已预填为当前期限后第 {EXTENSION_OFFERED_DAYS} 个工作日，请按实际需要选择。
              </Typography.Text>
            )}
            <RestDayNote picked={picked} days={days} />
          </>
        )
      }
    >
      <DatePicker
        format="YYYY-MM-DD 24:00"
        inputReadOnly
        style={{ width: '100%' }}
        disabledDate={disabledDate}
        cellRender={(d, info) => {
          if (info.type !== 'date' || typeof d === 'number' || typeof d === 'string') return info.originNode;
          const rest = days.get(d.format('YYYY-MM-DD'));
          return rest && !rest.working ? (
            <div className="ant-picker-cell-inner" title={rest.name ?? '休息日'} style={{ opacity: 0.55 }}>
              {d.date()}
            </div>
          ) : (
            info.originNode
          );
        }}
      />
    </Form.Item>
  );
}

function RestDayNote({ picked, days }: { picked: Dayjs; days: Map<string, CalendarDay> }) {
  const day = days.get(picked.format('YYYY-MM-DD'));
  if (!day || day.working) return null;
  let next = picked.add(1, 'day');
  while (days.get(next.format('YYYY-MM-DD'))?.working === false) next = next.add(1, 'day');
  const known = days.has(next.format('YYYY-MM-DD'));
  const label = (d: Dayjs) => `${d.format('M 月 D 日')}（周${WEEKDAYS[d.day()]}）`;
  return (
    <Typography.Text type="warning">
      {label(picked)}是{day.name ?? '休息日'}，期限按下一个工作日计
      {known ? `：${label(next)} 24:00` : ''}。
    </Typography.Text>
  );
}

/**
 * The calendar of the current deadline's year and the next (an extension may cross New Year). A
 * year the county has not entered is simply not marked; the server refuses a deadline in it.
 */
function useRestDays(from: Dayjs | null): Map<string, CalendarDay> {
  const year = (from ?? null)?.year();
  const years = useAsync(async () => {
    if (year === undefined) return [];
    // Only the years the county holds: asking for one it does not (next year, before the State
    // Council publishes it) is a 404 in every unit's console.
    const held = new Set((await calendarApi.years()).years.map((y) => y.year));
    const read = await Promise.allSettled(
      [year, year + 1].filter((y) => held.has(y)).map((y) => calendarApi.year(y)),
    );
    return read.flatMap((r) => (r.status === 'fulfilled' ? r.value.days : []));
  }, `rest-days-${year}`);
  return useMemo(() => new Map((years.data ?? []).map((d) => [d.date, d])), [years.data]);
}
