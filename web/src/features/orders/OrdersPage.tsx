import { Card, Flex, Space, Typography } from 'antd';
import { useAuth } from '../../app/auth';
import { OrderExportButton } from '../statistics/OrderExportButton';
import { OrderList } from './OrderList';
import { SavedViewsMenu } from './SavedViewsMenu';

export default function OrdersPage() {
  const views = useAuth().can('savedView.use');
  return (
    <Card>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          工单查询
        </Typography.Title>
        <Space wrap>
          {views && <SavedViewsMenu />}
          <OrderExportButton />
        </Space>
      </Flex>
      <OrderList />
    </Card>
  );
}
