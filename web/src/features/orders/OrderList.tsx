import { Alert, Button, Grid, Pagination, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { listPageQuery } from '../../api/order-queries';
import { ordersApi } from '../../api/orders';
import type { OrderQuery } from '../../api/types';
import { useMe } from '../../app/auth';
import { useAsync } from '../../lib/useAsync';
import type { ListDeadline } from './badges';
import { idleClockFilters } from './filterFields';
import { OrderCards } from './OrderCards';
import { OrderFilters } from './OrderFilters';
import { useOrderQuery } from './query';

// A phone shows cards and never needs Ant Design's table, a sixth of what the app downloads at
// start; a desk fetches it as the app starts, before the list first draws.
const loadTable = () => import('./OrderTable').then((m) => ({ default: m.OrderTable }));
const OrderTable = lazy(loadTable);
if (window.matchMedia?.('(min-width: 768px)').matches) void loadTable();

export interface OrderListProps {
  /** Filters the page fixes (e.g. the tab's state); the rest come from the address bar. */
  fixed?: OrderQuery;
  filters?: boolean;
  /**
   * The queue tab the list belongs to: a search then says it looked in that tab only (a liaison
   * looking for an old order expects the whole unit's), and offers all of them where there is such a tab.
   */
  within?: { label: string; searchAll: (() => void) | undefined };
  /** Which deadline the rows show: the handling deadline, or in 待签收 the sign-for deadline. */
  deadline?: ListDeadline;
  /** What an empty list says, in place of the plain 「暂无工单」. */
  empty?: ReactNode;
}

/** A search counted up to its cap (10,000 → 「1 万件」): the server stopped counting there. */
const countAbove = (n: number) => (n % 10_000 === 0 ? `${n / 10_000} 万件` : `${n} 件`);

/** A list of orders: filters in the address bar, a table on a desk, cards on a phone. */
export function OrderList({
  fixed = {},
  filters = true,
  within,
  deadline = 'handle',
  empty,
}: OrderListProps) {
  const me = useMe();
  const [urlQuery, update] = useOrderQuery();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const query = listPageQuery(fixed, urlQuery);
  const { data, error, loading } = useAsync(() => ordersApi.list(query), JSON.stringify(query));
  const hide = Object.keys(fixed) as Array<keyof OrderQuery>;
  const idle = idleClockFilters(fixed, me.home === 'unit');

  return (
    <div>
      {filters && <OrderFilters query={urlQuery} update={update} hide={hide} idle={idle} compact={phone} />}
      {within && urlQuery.q && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`只在「${within.label}」中搜索「${urlQuery.q}」。`}
          action={
            within.searchAll && (
              <Button size="small" type="link" onClick={within.searchAll}>
                在全部工单中搜索
              </Button>
            )
          }
        />
      )}
      {data?.relaxedTo && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="relaxed-search"
          title={`没有找到含「${urlQuery.q}」的工单，以下是同时含有${data.relaxedTo.map((w) => `「${w}」`).join('')}的工单。`}
        />
      )}
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {/* Before the first answer, room for the list under the spinner, not 「暂无工单」: the
            queue is not known to be empty (and the start-up script's drawn queue, web/src/early/,
            would step aside for an empty list). */}
        {!data ? (
          <div style={{ minHeight: 120 }} />
        ) : phone ? (
          <OrderCards items={data.items} deadline={deadline} empty={empty} />
        ) : (
          <Suspense fallback={<div style={{ minHeight: 120 }} />}>
            <OrderTable items={data.items} deadline={deadline} empty={empty} />
          </Suspense>
        )}
      </Spin>
      {data && data.total > 0 && (
        <Pagination
          style={{ marginTop: 12, textAlign: 'right' }}
          current={data.page}
          pageSize={data.pageSize}
          total={data.total}
          showSizeChanger={!phone}
          size={phone ? 'small' : undefined}
          showTotal={(t) => (data.totalCapped ? `${countAbove(t)}以上` : `共 ${t} 件`)}
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
