import { Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { TYPE_LABELS } from '../../api/labels';
import type { OrderListItem } from '../../api/types';
import { fmtDeadline, fmtTime } from '../../lib/time';
import {
  ConfidentialTag,
  DeadlineTag,
  DispatchTag,
  ProgressTag,
  RedoTag,
  StateTag,
  UrgencyTag,
} from './tags';

// The start-up script draws the same columns before the app has loaded (web/src/early/deskView.ts):
// keep the two alike (e2e/desk-early.spec.ts checks each cell sits where the app's will).
const columns: ColumnsType<OrderListItem> = [
  {
    title: '工单编号',
    dataIndex: 'code',
    width: 150,
    render: (code: string, o) => <Link to={`/orders/${o.id}`}>{code}</Link>,
  },
  {
    title: '标题',
    dataIndex: 'title',
    render: (title: string, o) => (
      <Space size={4} wrap>
        <Link to={`/orders/${o.id}`} style={{ color: 'inherit' }}>
          {title}
        </Link>
        <UrgencyTag urgency={o.urgency} />
        <RedoTag count={o.redoCount} />
        <ConfidentialTag confidential={o.confidential} />
      </Space>
    ),
  },
  { title: '状态', dataIndex: 'state', width: 100, render: (_, o) => <StateTag state={o.state} /> },
  { title: '类型', dataIndex: 'type', width: 70, render: (_, o) => TYPE_LABELS[o.type] },
  { title: '牵头单位', dataIndex: ['leadUnit', 'name'], width: 180, render: (v?: string) => v ?? '—' },
  { title: '登记时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtTime(v) },
  {
    title: '办理期限',
    dataIndex: 'handleBy',
    width: 200,
    render: (v: string | null, o) => (
      <Space size={4}>
        <Typography.Text>{fmtDeadline(v)}</Typography.Text>
        <DeadlineTag status={o.deadlineStatus} />
        <DispatchTag status={o.dispatchStatus} />
        <ProgressTag missed={o.progressMissed} />
      </Space>
    ),
  },
];

export function OrderTable({ items }: { items: OrderListItem[] }) {
  return (
    <Table<OrderListItem> rowKey="id" columns={columns} dataSource={items} pagination={false} size="middle" />
  );
}
