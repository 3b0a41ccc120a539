import { DownloadOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  Result,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useParams } from 'react-router';
import { bulletinsApi } from '../../api/admin';
import type { Bulletin, UnitFigures } from '../../api/types';
import { useAuth } from '../../app/auth';
import { PageLoading } from '../../app/PageLoading';
import { fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';
import { useFormSubmit } from '../../lib/useFormSubmit';

function Figures({ b }: { b: Bulletin }) {
  const units = (b.figures.units ?? []).filter(
    (u) =>
      u.received +
        u.overdue +
        (u.stillOverdue ?? 0) +
        (u.signLate ?? 0) +
        (u.coSilent ?? 0) +
        u.redone +
        u.repeatedComplaints >
      0,
  );
  const danger = (n: number | undefined) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0);
  return (
    <Card size="small" title={`统计期 ${b.periodFrom} ~ ${b.periodTo} 的数字`}>
      <Typography.Paragraph>
        全县受理 {b.figures.received ?? 0} 件，办结 {b.figures.closed ?? 0} 件，超期 {b.figures.overdue ?? 0}{' '}
        件，重办 {b.figures.redone ?? 0} 件。
      </Typography.Paragraph>
      <Table<UnitFigures>
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={units}
        columns={[
          { title: '单位', dataIndex: 'unitName' },
          { title: '收件', dataIndex: 'received', width: 70 },
          { title: '超期', dataIndex: 'overdue', width: 70, render: danger },
          { title: '仍超期未办结', dataIndex: 'stillOverdue', width: 110, render: danger },
          { title: '超时未签收', dataIndex: 'signLate', width: 100, render: danger },
          { title: '协办超时', dataIndex: 'coSilent', width: 90, render: danger },
          { title: '重办', dataIndex: 'redone', width: 70 },
          { title: '答复质量差', dataIndex: 'poorReplies', width: 100 },
          { title: '重复投诉', dataIndex: 'repeatedComplaints', width: 90 },
        ]}
      />
    </Card>
  );
}

/** One bulletin: the office edits the draft and publishes it; everyone can export it. */
export default function BulletinPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const office = can('bulletin.manage');
  const { message } = App.useApp();
  const { data: b, error: loadError, setData, reload } = useAsync(() => bulletinsApi.get(id), String(id));
  const [form] = Form.useForm<{ title: string; body: string }>();
  const { busy, failure: error, submit } = useFormSubmit(form);

  if (loadError && !b) return <Result status="404" title={loadError.message} />;
  if (!b) return <PageLoading />;
  const editable = office && b.status === 'draft';

  const run = (fn: () => Promise<Bulletin>, done: string) =>
    submit(async () => {
      setData(await fn());
      message.success(done);
    });
  const save = async () => {
    const v = await form.validateFields();
    await run(() => bulletinsApi.save(b.id, { version: b.version, ...v }), '草稿已保存');
  };
  const publish = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const saved = await bulletinsApi.save(b.id, { version: b.version, ...v });
      // Kept at once: if the publishing then fails (the link drops), the next try starts from
      // this save, not from a version the user's own save has passed.
      setData(saved);
      return bulletinsApi.publish(saved.id, saved.version);
    }, '通报已发布，已通知各承办单位');
  };

  return (
    <Flex vertical gap={12}>
      <Card
        title={
          <Space wrap>
            <Typography.Text type="secondary">{b.number}</Typography.Text>
            {b.status === 'published' ? (
              <Tag color="green">已发布 {fmtTime(b.publishedAt)}</Tag>
            ) : (
              <Tag color="gold">草稿</Tag>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={bulletinsApi.documentUrl(b.id, 'docx')}>
              导出 Word
            </Button>
            <Button icon={<DownloadOutlined />} href={bulletinsApi.documentUrl(b.id, 'pdf')}>
              导出 PDF
            </Button>
          </Space>
        }
      >
        {editable ? (
          <Form form={form} layout="vertical" initialValues={{ title: b.title, body: b.body }}>
            <Form.Item
              name="title"
              label="标题"
              rules={[{ required: true, min: 4, message: '标题至少 4 个字' }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="body"
              label="正文"
              rules={[{ required: true, min: 10, message: '正文至少 10 个字' }]}
            >
              <Input.TextArea autoSize={{ minRows: 12, maxRows: 40 }} />
            </Form.Item>
            {error && (
              <Alert
                type="error"
                showIcon
                title={error.message}
                style={{ marginBottom: 12 }}
                action={
                  error.isVersionConflict ? (
                    <Button size="small" icon={<ReloadOutlined />} onClick={() => void reload()}>
                      刷新
                    </Button>
                  ) : undefined
                }
              />
            )}
            {b.publishProblem && (
              <Alert type="warning" showIcon title={b.publishProblem} style={{ marginBottom: 12 }} />
            )}
            <Space>
              <Button onClick={save} loading={busy}>
                保存草稿
              </Button>
              <Popconfirm
                disabled={!!b.publishProblem}
                title="发布后各承办单位将收到通知，通报不能再修改。确认发布？"
                okText="发布"
                cancelText="取消"
                onConfirm={publish}
              >
                <Button type="primary" icon={<SendOutlined />} loading={busy} disabled={!!b.publishProblem}>
                  发布
                </Button>
              </Popconfirm>
            </Space>
          </Form>
        ) : (
          <div>
            <Typography.Title level={4} style={{ textAlign: 'center' }}>
              {b.title}
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.9 }}>
              {b.body}
            </Typography.Paragraph>
          </div>
        )}
      </Card>
      <Figures b={b} />
    </Flex>
  );
}
