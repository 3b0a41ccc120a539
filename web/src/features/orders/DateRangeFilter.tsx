import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { OrderQuery } from '../../api/types';
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
  return (
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
      style={{ width }}
    />
  );
}
