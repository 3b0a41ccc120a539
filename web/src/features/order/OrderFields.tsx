import { Card, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CHANNEL_LABELS, categoryPath, TYPE_LABELS, URGENCY_LABELS } from '../../api/labels';
import type { RevealedContact } from '../../api/orders';
import type { OrderDetail } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { CitizenPhone } from './CitizenContact';

/** Every field of the order as registered; the caller's contact as the server presents it to this user. */
export function OrderFields({ order }: { order: OrderDetail }) {
  const [revealed, setRevealed] = useState<RevealedContact>();
  const c = order.category;
  const items = [
    { key: 'code', label: '工单编号', children: order.code },
    { key: 'city', label: '市平台编号', children: order.cityOrderNo ?? '—' },
    { key: 'channel', label: '来源', children: CHANNEL_LABELS[order.channel] },
    { key: 'type', label: '类型', children: TYPE_LABELS[order.type] },
    { key: 'urgency', label: '紧急程度', children: URGENCY_LABELS[order.urgency] },
    { key: 'created', label: '登记时间', children: fmtTime(order.createdAt) },
    { key: 'citizen', label: '来电人', children: order.citizenName },
    {
      key: 'phone',
      label: '联系电话',
      children: <CitizenPhone order={order} revealed={revealed} onRevealed={setRevealed} />,
    },
    { key: 'township', label: '所属乡镇', children: order.township?.name ?? '—' },
    {
      key: 'address',
      label: '地址',
      children: (revealed ? revealed.citizenAddress : order.citizenAddress) || '—',
      span: 'filled' as const,
    },
    {
      key: 'category',
      label: '诉求分类',
      children: c ? categoryPath(c) : '尚未选择诉求分类',
      span: 'filled' as const,
    },
    { key: 'needs', label: '需答复群众', children: order.needsCitizenReply ? '是' : '否' },
    { key: 'dispatched', label: '派发时间', children: fmtTime(order.dispatchedAt) },
    ...(order.leaderInstruction
      ? [
          {
            key: 'instruction',
            label: '领导批示',
            children: order.leaderInstruction,
            span: 'filled' as const,
          },
        ]
      : []),
    {
      key: 'content',
      label: '诉求内容',
      span: 'filled' as const,
      children: (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {order.content}
        </Typography.Paragraph>
      ),
    },
    // Callers whose orders were merged into this one: their matter is answered here too.
    ...(order.mergedOrders.length > 0
      ? [
          {
            key: 'mergedOrders',
            label: '合并的来电',
            span: 'filled' as const,
            children: (
              <ul aria-label="合并的来电" style={{ margin: 0, paddingLeft: 18 }}>
                {order.mergedOrders.map((m) => (
                  <li key={m.id}>
                    <Typography.Text strong>{m.code}</Typography.Text>
                    {`(${fmtTime(m.createdAt)},${m.citizenName} ${m.citizenPhone}):${m.content}`}
                  </li>
                ))}
              </ul>
            ),
          },
        ]
      : []),
    ...(order.closedAt ? [{ key: 'closed', label: '办结时间', children: fmtTime(order.closedAt) }] : []),
    ...(order.voidReason
      ? [{ key: 'void', label: '作废原因', children: order.voidReason, span: 'filled' as const }]
      : []),
    ...(order.mergedInto
      ? [
          {
            key: 'merged',
            label: '已合并到',
            children: <Link to={`/orders/${order.mergedInto.id}`}>{order.mergedInto.code}</Link>,
          },
        ]
      : []),
  ];
  return (
    <Card size="small" title="工单信息">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={items}
        styles={{ label: { whiteSpace: 'nowrap' }, content: { wordBreak: 'break-all' } }}
      />
    </Card>
  );
}
