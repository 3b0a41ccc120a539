import { Card, Typography } from 'antd';
import { OrderList } from './OrderList';

export default function OrdersPage() {
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        工单查询
      </Typography.Title>
      <OrderList />
    </Card>
  );
}
