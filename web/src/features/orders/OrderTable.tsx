import { Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { TYPE_LABELS } from '../../api/labels';
import type { OrderListItem } from '../../api/types';
import { fmtDeadline, fmtTime } from '../../lib/time';
import { type BadgeSlots, ORDER_TABLE_COLUMNS as C, tableBadges } from './badges';
import { BadgeTag, StateTag } from './tags';

// The start-up script draws the same columns before the app has loaded (web/src/early/deskView.ts):
// keep the two alike (e2e/desk-early.spec.ts checks each cell sits where the app's will).
/** A tag per slot; an empty slot renders nothing but keeps its place in the Space, as before. */
const slots = (badges: BadgeSlots) =>
  Object.entries(badges).map(([slot, b]) => <BadgeTag key={slot} badge={b} />);

const columns: ColumnsType<OrderListItem> = [
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
        {slots(tableBadges(o).byTitle)}
      </Space>
    ),
  },
  { ...C.state, dataIndex: 'state', render: (_, o) => <StateTag state={o.state} /> },
  { ...C.type, dataIndex: 'type', render: (_, o) => TYPE_LABELS[o.type] },
  { ...C.leadUnit, dataIndex: ['leadUnit', 'name'], render: (v?: string) => v ?? '—' },
  { ...C.createdAt, dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
  {
    ...C.handleBy,
    dataIndex: 'handleBy',
    render: (v: string | null, o) => (
      <Space size={4}>
        <Typography.Text>{fmtDeadline(v)}</Typography.Text>
        {slots(tableBadges(o).byDeadline)}
      </Space>
    ),
  },
];

export function OrderTable({ items }: { items: OrderListItem[] }) {
  return (
    <Table<OrderListItem> rowKey="id" columns={columns} dataSource={items} pagination={false} size="middle" />
  );
}
