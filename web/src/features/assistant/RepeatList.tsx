import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { fmtTime } from '../../lib/time';
import type { RepeatItem, RepeatReason } from './api';

const REASON_LABELS: Record<RepeatReason, string> = {
  phone: '同一号码',
  place: '同一地址',
  content: '同乡镇内容相近',
};

interface Props {
  items: RepeatItem[];
  windowDays: number;
  /** Offered while the order is being registered, or on a registered order before dispatch. */
  onMerge?: (item: RepeatItem) => void;
  onLink?: (item: RepeatItem) => void;
  busy?: boolean;
}

/** Ranked orders the new one may repeat, each with its state and unit, and the two ways to tie them. */
export function RepeatList({ items, windowDays, onMerge, onLink, busy }: Props) {
  if (items.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={`${windowDays} 天内及在办工单中没有发现重复件`}
      />
    );
  return (
    <List
      aria-label="可能重复的工单"
      size="small"
      dataSource={items}
      renderItem={(item) => (
        <List.Item
          aria-label={`可能重复：${item.code}`}
          actions={[
            ...(onMerge
              ? [
                  <Button key="merge" size="small" danger loading={busy} onClick={() => onMerge(item)}>
                    并入此单
                  </Button>,
                ]
              : []),
            ...(onLink
              ? [
                  <Button key="link" size="small" loading={busy} onClick={() => onLink(item)}>
                    关联为重复件
                  </Button>,
                ]
              : []),
          ]}
        >
          <List.Item.Meta
            title={
              <Space size={4} wrap>
                <Link to={`/orders/${item.id}`} target="_blank">
                  {item.code}
                </Link>
                <Tag color={item.open ? 'processing' : 'default'}>{item.stateLabel}</Tag>
                {item.reasons.map((r) => (
                  <Tag key={r} color="orange">
                    {REASON_LABELS[r]}
                  </Tag>
                ))}
              </Space>
            }
            description={
              <>
                <Typography.Text>{item.title}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {item.leadUnit?.name ?? '未派发'} · 登记于 {fmtTime(item.createdAt)}
                  {item.sameMatter ? ' · 同一事项' : ''}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
