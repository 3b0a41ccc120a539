import { Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { TYPE_LABELS } from '../../api/labels';
import type { OrderListItem } from '../../api/types';
import { useMe } from '../../app/auth';
import { fmtDeadline, fmtTime } from '../../lib/time';
import {
  type BadgeSlots,
  ORDER_TABLE_COLUMNS as C,
  deadlineTitle,
  type ListDeadline,
  rowDeadline,
  tableBadges,
} from './badges';
import { BadgeTag, StateTag } from './tags';

// The start-up script draws the same columns before the app has loaded (web/src/early/deskView.ts):
// keep the two alike (e2e/desk-early.spec.ts checks each cell sits where the app's will).
/** A tag per slot; an empty slot renders nothing but keeps its place in the Space, as before. */
const slots = (badges: BadgeSlots) =>
  Object.entries(badges).map(([slot, b]) => <BadgeTag key={slot} badge={b} />);

type Viewer = { unitId: number; unitKind: string };

function columnsFor(deadline: ListDeadline, me: Viewer): ColumnsType<OrderListItem> {
  return [
    {
      ...C.code,
      dataIndex: 'code',
      render: (code: string, o) => <Link to={`/orders/${o.id}`}>{code}</Link>,
    },
    {
      title: C.title.title,
      dataIndex: 'title',
      render: (title: string, o) => (
        <Space size={4} wrap>
          <Link to={`/orders/${o.id}`} style={{ color: 'inherit' }}>
            {title}
          </Link>
          {slots(tableBadges(o, null).byTitle)}
        </Space>
      ),
    },
    { ...C.state, dataIndex: 'state', render: (_, o) => <StateTag state={o.state} /> },
    { ...C.type, dataIndex: 'type', render: (_, o) => TYPE_LABELS[o.type] },
    { ...C.leadUnit, dataIndex: ['leadUnit', 'name'], render: (v?: string) => v ?? '—' },
    { ...C.createdAt, dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
    {
      ...C.deadline,
      title: deadlineTitle(deadline),
      key: 'deadline',
      render: (_, o) => {
        const d = rowDeadline(o, me, deadline);
        return (
          // The deadline stays on one line; its tags (超期, 审批超时 · 已等 5 天) go below when narrow.
          <Space size={4} wrap>
            <Typography.Text style={{ whiteSpace: 'nowrap' }}>
              {d.label ? `${d.label} ` : ''}
              {fmtDeadline(d.at)}
            </Typography.Text>
            {slots(tableBadges(o, d.badge).byDeadline)}
          </Space>
        );
      },
    },
  ];
}

/**
 * The desk's list of orders. `deadline`: which deadline its last column shows (the handling
 * deadline, or in 待签收 the sign-for deadline).
 */
export function OrderTable({
  items,
  deadline = 'handle',
  empty,
}: {
  items: OrderListItem[];
  deadline?: ListDeadline;
  /** What an empty list says (the list's own words when omitted). */
  empty?: ReactNode;
}) {
  const me = useMe();
  return (
    <Table<OrderListItem>
      rowKey="id"
      columns={columnsFor(deadline, me)}
      dataSource={items}
      pagination={false}
      size="middle"
      locale={{ emptyText: empty ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无工单" /> }}
    />
  );
}
