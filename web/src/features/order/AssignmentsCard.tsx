import { Card, Flex, Tag, Typography } from 'antd';
import type { OrderDetail } from '../../api/types';
import { fmtTime } from '../../lib/time';

export function AssignmentsCard({ order }: { order: OrderDetail }) {
  const active = order.assignments.filter((a) => a.active);
  if (active.length === 0) return null;
  return (
    <Card size="small" title="承办单位">
      <Flex vertical gap={8}>
        {active.map((a) => (
          <div key={`${a.unitId}-${a.role}`}>
            <Flex justify="space-between" wrap gap={4}>
              <span>
                <Tag color={a.role === 'lead' ? 'blue' : 'default'}>
                  {a.role === 'lead' ? '牵头' : '协办'}
                </Tag>
                <Typography.Text strong>{a.unitName}</Typography.Text>
              </span>
              {a.signedAt ? <Tag color="green">已签收</Tag> : <Tag>未签收</Tag>}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              派发 {fmtTime(a.dispatchedAt)}
              {a.signedAt && ` · 签收 ${fmtTime(a.signedAt)}`}
              {a.role === 'co' && (a.opinionAt ? ` · 意见 ${fmtTime(a.opinionAt)}` : ' · 未提交意见')}
            </Typography.Text>
            {a.silent && (
              <div>
                <Tag color="red">未按期提交协办意见</Tag>
              </div>
            )}
          </div>
        ))}
      </Flex>
    </Card>
  );
}
