import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { OutboxView } from '../../../../src/modules/city/city-link.service';
import { ApiError, api } from '../../api/client';
import { CITY_STATUS_LABELS, EVENT_LABELS } from '../../api/labels';
import { fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';
import { CityPollCard } from './CityPollCard';

// The answer's shapes as the server builds them (its JSON has the same fields).
type Outbox = OutboxView;
type DeadLetter = Outbox['deadLetters'][number];
type RetryingResult = Outbox['retrying'][number];
type RefusedOrder = Outbox['refusedOrders'][number];
interface ReconciliationItem {
  kind: 'status_differs' | 'missing_in_huiyin' | 'missing_in_city';
  cityOrderNo: string;
  orderCode: string | null;
  huiyinStatus: string | null;
  cityStatus: string | null;
  undelivered: number;
}
interface Report {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  compared: number;
  items: ReconciliationItem[];
}

const KIND_LABELS: Record<ReconciliationItem['kind'], string> = {
  status_differs: '状态不一致',
  missing_in_huiyin: '市平台有、回音没有',
  missing_in_city: '回音有、市平台没有',
};
const statusLabel = (s: string | null) =>
  s === null ? '—' : ((CITY_STATUS_LABELS as Record<string, string>)[s] ?? s);
/** The row as the city listed it, indented to read (as kept when it is not JSON). */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
const eventLabel = (e: string) => (EVENT_LABELS as Record<string, string>)[e] ?? e;

/**
 * The hotline office's view of the city link: results that failed to reach the city, how the pulls
 * of the city's order list went, the orders a pull could not register, and the reconciliation.
 */
export default function CityLinkPage() {
  const { message } = App.useApp();
  const outbox = useAsync(() => api.get<Outbox>('/api/city-link/outbox'), 'outbox');
  const latest = useAsync(
    () => api.get<{ report: Report | null }>('/api/city-link/reconciliations/latest'),
    'reconciliation',
  );
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const run = async (key: string, task: () => Promise<void>) => {
    setBusy(key);
    setError(undefined);
    try {
      await task();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };
  const resend = (id: number | null) =>
    run(`resend-${id ?? 'all'}`, async () => {
      const path =
        id === null ? '/api/city-link/dead-letters/resend-all' : `/api/city-link/dead-letters/${id}/resend`;
      const r = await api.post<{ requeued: number }>(path);
      message.success(`已重新排队 ${r.requeued} 条，稍后自动发送`);
      await outbox.reload();
    });
  const resolveRefused = (id: number) =>
    run(`refused-${id}`, async () => {
      await api.post(`/api/city-link/refused-orders/${id}/resolve`);
      message.success('已标为已处理');
      await outbox.reload();
    });
  const reconcile = () =>
    run('reconcile', async () => {
      const r = await api.post<{ report: Report }>('/api/city-link/reconciliations');
      latest.setData(r);
    });

  const counts = outbox.data?.counts;
  const report = latest.data?.report ?? null;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} />}
      {(outbox.error ?? latest.error) && (
        <Alert type="error" showIcon message={(outbox.error ?? latest.error)?.message} />
      )}
      <Card title="结果回传">
        <Row gutter={16}>
          <Col span={6}>
            <Statistic title="待发送" value={counts ? counts.pending + counts.sending : '—'} />
          </Col>
          <Col span={6}>
            <Statistic title="已送达" value={counts?.sent ?? '—'} />
          </Col>
          <Col span={6}>
            <Statistic
              title="失败队列"
              value={counts?.dead ?? '—'}
              valueStyle={counts?.dead ? { color: '#cf1322' } : undefined}
            />
          </Col>
          <Col span={6}>
            <Button onClick={() => void outbox.reload()} loading={outbox.loading}>
              刷新
            </Button>
          </Col>
        </Row>
      </Card>
      {outbox.data && <CityPollCard poll={outbox.data.poll} />}
      {(outbox.data?.retrying.length ?? 0) > 0 && (
        <Card
          title={`正在重试（${outbox.data?.retrying.length ?? 0} 条）`}
          role="region"
          aria-label="正在重试的回传"
        >
          <Typography.Paragraph type="secondary">
            送往市平台失败过、系统正按间隔自动重试的结果；多次仍失败的转入下面的失败队列。原因一栏可看出是市平台停机、超时还是拒收。
          </Typography.Paragraph>
          <Table<RetryingResult>
            rowKey="id"
            size="small"
            dataSource={outbox.data?.retrying ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '工单', render: (_, r) => <Link to={`/orders/${r.orderId}`}>{r.orderCode}</Link> },
              { title: '市平台编号', dataIndex: 'cityOrderNo' },
              { title: '事件', render: (_, r) => `${r.sequence}. ${eventLabel(r.event)}` },
              { title: '原因', dataIndex: 'lastError', render: (e: string | null) => e ?? '—' },
              { title: '已尝试', dataIndex: 'attempts' },
              { title: '下次尝试', dataIndex: 'nextAttemptAt', render: (t: string) => fmtTime(t) },
            ]}
          />
        </Card>
      )}
      <Card
        title="失败队列"
        role="region"
        aria-label="失败队列"
        extra={
          (outbox.data?.deadLetters.length ?? 0) > 0 && (
            <Popconfirm title="把失败队列中的全部回传重新发送？" onConfirm={() => void resend(null)}>
              <Button type="primary" loading={busy === 'resend-all'}>
                全部重新发送
              </Button>
            </Popconfirm>
          )
        }
      >
        <Typography.Paragraph type="secondary">
          多次重试仍未送达市平台的结果。同一工单后面的结果会等它送达后再发。排除原因后重新发送；市平台按幂等键去重，不会多记。
        </Typography.Paragraph>
        <Table<DeadLetter>
          rowKey="id"
          size="small"
          dataSource={outbox.data?.deadLetters ?? []}
          loading={outbox.loading && !outbox.data}
          locale={{ emptyText: <Empty description="没有失败的回传" /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: '工单',
              render: (_, d) => <Link to={`/orders/${d.orderId}`}>{d.orderCode}</Link>,
            },
            { title: '市平台编号', dataIndex: 'cityOrderNo' },
            { title: '事件', render: (_, d) => `${d.sequence}. ${eventLabel(d.event)}` },
            { title: '原因', dataIndex: 'lastError', render: (e: string | null) => e ?? '—' },
            { title: '尝试', dataIndex: 'attempts' },
            { title: '转入时间', dataIndex: 'deadSince', render: (t: string) => fmtTime(t) },
            {
              title: '操作',
              render: (_, d) => (
                <Button size="small" loading={busy === `resend-${d.id}`} onClick={() => void resend(d.id)}>
                  重新发送
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {(outbox.data?.refusedOrders.length ?? 0) > 0 && (
        <Card title={`未能登记的市平台工单（${outbox.data?.refusedOrders.length ?? 0} 件）`}>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="从市平台工单列表拉取时内容不合格，未能登记。市平台不会再列出它们：请按原文人工登记（或请市平台更正后重新推送，登记后自动消失），处理后标为已处理。"
          />
          <Table<RefusedOrder>
            rowKey="id"
            size="small"
            dataSource={outbox.data?.refusedOrders ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            expandable={{
              expandedRowRender: (r) => (
                <Typography.Paragraph copyable style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {prettyJson(r.content)}
                </Typography.Paragraph>
              ),
            }}
            columns={[
              { title: '市平台编号', dataIndex: 'cityOrderNo' },
              { title: '原因', dataIndex: 'reason' },
              { title: '最近一次', dataIndex: 'lastSeenAt', render: (t: string) => fmtTime(t) },
              { title: '次数', dataIndex: 'seenCount' },
              {
                title: '操作',
                render: (_, r) => (
                  <Popconfirm
                    title="已人工登记或已与市平台核实？"
                    onConfirm={() => void resolveRefused(r.id)}
                  >
                    <Button size="small" loading={busy === `refused-${r.id}`}>
                      标为已处理
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card
        title="对账"
        extra={
          <Button type="primary" onClick={() => void reconcile()} loading={busy === 'reconcile'}>
            立即对账
          </Button>
        }
      >
        {report === null ? (
          <Empty description="还没有对过账。每天北京时间 2 点后自动对账一次。" />
        ) : (
          <>
            <Typography.Paragraph>
              {fmtTime(report.startedAt)} 对账，
              {report.status === 'failed' ? (
                <Tag color="red">失败：{report.error}</Tag>
              ) : report.status === 'running' ? (
                <Tag color="blue">进行中</Tag>
              ) : (
                `比较了 ${report.compared} 件，差异 ${report.items.length} 件。`
              )}
            </Typography.Paragraph>
            <Table<ReconciliationItem>
              rowKey={(i) => `${i.kind}-${i.cityOrderNo}`}
              size="small"
              dataSource={report.items}
              locale={{ emptyText: <Empty description="两边一致" /> }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                {
                  title: '差异',
                  dataIndex: 'kind',
                  render: (k: ReconciliationItem['kind']) => KIND_LABELS[k],
                },
                { title: '市平台编号', dataIndex: 'cityOrderNo' },
                { title: '回音工单', dataIndex: 'orderCode', render: (c: string | null) => c ?? '—' },
                { title: '回音状态', dataIndex: 'huiyinStatus', render: statusLabel },
                { title: '市平台状态', dataIndex: 'cityStatus', render: statusLabel },
                {
                  title: '未送达结果',
                  dataIndex: 'undelivered',
                  render: (n: number) => (n > 0 ? <Tag color="orange">{n} 条待送达</Tag> : '—'),
                },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
