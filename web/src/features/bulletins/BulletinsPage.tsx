import { FileAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Modal, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { bulletinsApi } from '../../api/admin';
import { ApiError } from '../../api/client';
import type { Bulletin } from '../../api/types';
import { useAuth } from '../../app/auth';
import { dayjs, fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';

function DraftModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const lastMonth = dayjs().subtract(1, 'month');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null]>([
    lastMonth.startOf('month'),
    lastMonth.endOf('month'),
  ]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const create = async () => {
    if (!range[0] || !range[1]) return setError('请选择统计期。');
    setBusy(true);
    try {
      const b = await bulletinsApi.draft(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
      message.success('已按统计期起草通报，请修改后发布');
      navigate(`/bulletins/${b.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '起草失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="起草通报" onCancel={onClose} onOk={create} okText="起草" confirmLoading={busy}>
      <Typography.Paragraph type="secondary">
        系统按统计期自动填入各单位收件、超期、重办、答复质量和重复投诉数字，并生成通报初稿。
      </Typography.Paragraph>
      <DatePicker.RangePicker
        value={range}
        onChange={(v) => setRange([v?.[0] ?? null, v?.[1] ?? null])}
        aria-label="统计期"
        style={{ width: '100%' }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/** Bulletins (通报): the office drafts, edits and publishes; everyone reads the published ones. */
export default function BulletinsPage() {
  const { can } = useAuth();
  const office = can('bulletin.manage');
  const navigate = useNavigate();
  const { data, loading, error } = useAsync(() => bulletinsApi.list(), 'bulletins');
  const [drafting, setDrafting] = useState(false);
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          通报
        </Typography.Title>
      }
      extra={
        office && (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setDrafting(true)}>
            起草通报
          </Button>
        )
      }
    >
      {error && <Alert type="error" title={error.message} />}
      <Table<Bulletin>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(b) => ({ onClick: () => navigate(`/bulletins/${b.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '文号', dataIndex: 'number', width: 180 },
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, b) => (
              <a href={`/bulletins/${b.id}`} onClick={(e) => e.preventDefault()}>
                {t}
              </a>
            ),
          },
          { title: '统计期', width: 200, render: (_, b) => `${b.periodFrom} ~ ${b.periodTo}` },
          {
            title: '状态',
            width: 180,
            render: (_, b) =>
              b.status === 'published' ? (
                <Space size={4}>
                  <Tag color="green">已发布</Tag>
                  {fmtTime(b.publishedAt)}
                </Space>
              ) : (
                <Tag color="gold">草稿</Tag>
              ),
          },
        ]}
      />
      {drafting && <DraftModal onClose={() => setDrafting(false)} />}
    </Card>
  );
}
