import { Card, Typography } from 'antd';
import type { OrderDetail } from '../../api/types';
import { useAsync } from '../../lib/useAsync';
import { assistantApi } from '../assistant/api';
import { CallerHistoryList } from '../assistant/CallerHistoryList';

/**
 * The caller's other orders, with outcome and satisfaction (a unit sees only its own; the
 * server scopes and masks them). Not shown on a 保密 order to those who may not see the caller.
 */
export function CallerHistoryCard({ order }: { order: OrderDetail }) {
  const shown = order.abilities.includes('workOrder.callerHistory') && order.contactAccess !== 'hidden';
  const history = useAsync(
    () => (shown ? assistantApi.callerHistoryOf(order.id) : Promise.resolve(undefined)),
    `${order.id}:${shown}`,
  );
  if (!shown) return null;
  return (
    <Card size="small" title="来电人历史" role="region" aria-label="来电人历史面板">
      {history.error && <Typography.Text type="danger">{history.error.message}</Typography.Text>}
      {history.data && (
        <>
          <Typography.Text type="secondary">来电号码 {history.data.phone} 的其他工单</Typography.Text>
          <CallerHistoryList items={history.data.items} />
        </>
      )}
    </Card>
  );
}
