import { Alert, Grid, Pagination, Spin } from 'antd';
import { ordersApi } from '../../api/orders';
import type { OrderList as OrderListData, OrderQuery } from '../../api/types';
import { useAsync } from '../../lib/useAsync';
import { OrderCards } from './OrderCards';
import { OrderFilters } from './OrderFilters';
import { OrderTable } from './OrderTable';
import { useOrderQuery } from './query';

export interface OrderListProps {
  /** Filters the page fixes (e.g. the tab's state); the rest come from the address bar. */
  fixed?: OrderQuery;
  /** A different source of orders (for lists the list endpoint cannot filter). */
  load?: (query: OrderQuery) => Promise<OrderListData>;
  filters?: boolean;
}

/** A list of orders: filters in the address bar, a table on a desk, cards on a phone. */
export function OrderList({ fixed = {}, load, filters = true }: OrderListProps) {
  const [urlQuery, update] = useOrderQuery();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const query: OrderQuery = { pageSize: '20', ...urlQuery, ...fixed };
  const { data, error, loading } = useAsync(
    () => (load ? load(query) : ordersApi.list(query)),
    JSON.stringify(query),
  );
  const hide = Object.keys(fixed) as Array<keyof OrderQuery>;

  return (
    <div>
      {filters && <OrderFilters query={urlQuery} update={update} hide={hide} compact={phone} />}
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {phone ? <OrderCards items={data?.items ?? []} /> : <OrderTable items={data?.items ?? []} />}
      </Spin>
      {data && data.total > 0 && (
        <Pagination
          style={{ marginTop: 12, textAlign: 'right' }}
          current={data.page}
          pageSize={data.pageSize}
          total={data.total}
          showSizeChanger={!phone}
          size={phone ? 'small' : undefined}
          showTotal={(t) => `共 ${t} 件`}
          onChange={(page, pageSize) =>
            update({
              page: page > 1 ? String(page) : undefined,
              pageSize: pageSize !== 20 ? String(pageSize) : undefined,
            })
          }
        />
      )}
    </div>
  );
}
