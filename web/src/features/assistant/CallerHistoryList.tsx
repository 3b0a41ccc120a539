import { Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { fmtDate } from '../../lib/time';
import type { CallerOrder } from './api';

/** A caller's past orders: what came of each, and how satisfied they were. */
export function CallerHistoryList({ items }: { items: CallerOrder[] }) {
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有该来电人的其他工单" />;
  return (
    <List
      aria-label="来电人历史工单"
      size="small"
      dataSource={items}
      renderItem={(o) => (
        <List.Item aria-label={`历史工单：${o.code}`}>
          <List.Item.Meta
            title={
              <Space size={4} wrap>
                <Link to={`/orders/${o.id}`} target="_blank">
                  {o.code}
                </Link>
                <Tag>{o.stateLabel}</Tag>
                {o.satisfactionLabel && (
                  <Tag color={o.satisfaction === 'unsatisfied' ? 'red' : 'green'}>
                    回访：{o.satisfactionLabel}
                  </Tag>
                )}
              </Space>
            }
            description={
              <>
                <Typography.Text>{o.title}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {o.leadUnit?.name ?? '未派发'} · {fmtDate(o.createdAt)} 登记
                  {o.closedAt ? ` · ${fmtDate(o.closedAt)} 办结` : ''}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
