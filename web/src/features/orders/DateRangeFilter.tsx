import { DatePicker } from 'antd';
import type { OrderQuery } from '../../api/types';
import { useDayRange } from '../../lib/usePickerDates';
import type { OrderFiltersProps } from './OrderFilters';

/**
 * The registration-date filter. A file of its own, loaded after the list: the date picker is the
 * largest part of Ant Design a queue would otherwise download before its first orders show.
 */
export default function DateRangeFilter({
  query,
  update,
  width,
}: Pick<OrderFiltersProps, 'update'> & { query: OrderQuery; width: number | string }) {
  const value = useDayRange(query.from, query.to);
  return (
    <DatePicker.RangePicker
      aria-label="登记日期"
      placeholder={['登记日期起', '登记日期止']}
      value={value}
      onChange={(v) =>
        update({
          from: v?.[0]?.format('YYYY-MM-DD') ?? undefined,
          to: v?.[1]?.format('YYYY-MM-DD') ?? undefined,
          period: undefined,
        })
      }
      allowEmpty={[true, true]}
      style={{ width }}
    />
  );
}
