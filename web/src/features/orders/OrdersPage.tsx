import { Card, Flex, Typography } from 'antd';
import { DrillFilters } from '../statistics/DrillFilters';
import { OrderExportButton } from '../statistics/OrderExportButton';
import { OrderList } from './OrderList';

export default function OrdersPage() {
  return (
    <Card>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          工单查询
        </Typography.Title>
        <OrderExportButton />
      </Flex>
      <DrillFilters />
      <OrderList />
    </Card>
  );
}
