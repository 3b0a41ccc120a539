import { FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { useAsync } from '../../lib/useAsync';
import { type CityBulletin, cityBulletinsApi } from './api';
import { CityBulletinForm } from './CityBulletinForm';

const MEASURE_COLORS: Record<string, string> = {
  interview: 'orange',
  criticism: 'red',
  written_review: 'gold',
  efficiency_accountability: 'magenta',
  none: 'default',
};

/** 被市政府通报: the office and the supervision office record them; a unit sees those naming it. */
export default function CityBulletinsPage() {
  const { can } = useAuth();
  const manages = can('cityBulletin.manage');
  const list = useAsync(() => cityBulletinsApi.list(), 'city-bulletins');
  const [editing, setEditing] = useState<CityBulletin | 'new' | null>(null);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          市政府通报
        </Typography.Title>
      }
      extra={
        manages && (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setEditing('new')}>
            登记市政府通报
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        市政府通报我县的情况，以及对被通报单位追究责任的决定；按通报日期计入单位指标、排名和热线办的通报。
      </Typography.Paragraph>
      {list.error && <Alert type="error" title={list.error.message} />}
      <Table<CityBulletin>
        rowKey="id"
        aria-label="市政府通报"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{
          expandedRowRender: (b) => (
            <Space direction="vertical" size={4}>
              <Typography.Text>{b.matter}</Typography.Text>
              {b.orders.length > 0 && (
                <Typography.Text type="secondary">
                  关联工单：{b.orders.map((o) => `${o.code} ${o.title}`).join('；')}
                </Typography.Text>
              )}
              <Typography.Text type="secondary">
                {b.issuer} · 登记人 {b.recordedByName}
              </Typography.Text>
            </Space>
          ),
        }}
        columns={[
          { title: '通报日期', dataIndex: 'issuedOn', width: 110 },
          { title: '文号', dataIndex: 'number', width: 200 },
          { title: '标题', dataIndex: 'title' },
          {
            title: '被通报单位及追究责任',
            render: (_, b) => (
              <Space direction="vertical" size={2}>
                {b.units.map((u) => (
                  <span key={u.unitId}>
                    {u.unitName}{' '}
                    <Tag color={u.measure ? MEASURE_COLORS[u.measure] : 'blue'}>{u.measureLabel}</Tag>
                    {u.decidedBy && <Typography.Text type="secondary">{u.decidedBy}</Typography.Text>}
                    {u.note && <Typography.Text type="secondary">（{u.note}）</Typography.Text>}
                  </span>
                ))}
              </Space>
            ),
          },
          ...(manages
            ? [
                {
                  title: '操作',
                  width: 80,
                  render: (_: unknown, b: CityBulletin) => (
                    <Button size="small" aria-label={`修改 ${b.number}`} onClick={() => setEditing(b)}>
                      修改
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <CityBulletinForm
          editing={editing === 'new' ? null : editing}
          measures={list.data?.measures ?? []}
          onClose={() => setEditing(null)}
          onDone={() => void list.reload()}
        />
      )}
    </Card>
  );
}
