import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import { fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';

interface ImportField {
  key: string;
  label: string;
  required: boolean;
}
type Planned = 'create' | 'update' | 'unchanged' | 'refused';
type Done = 'created' | 'updated' | 'unchanged' | 'refused' | 'failed';
interface PlannedRow {
  row: number;
  cityOrderNo: string;
  title: string;
  outcome: Planned;
  orderCode: string | null;
  changes: string | null;
  problems: { column: string; message: string }[];
}
interface ResultRow {
  row: number;
  cityOrderNo: string;
  outcome: Done;
  orderId: number | null;
  orderCode: string | null;
  message: string | null;
}
interface Preview {
  id: string;
  fileName: string;
  expiresAt: string;
  status: 'open' | 'confirming' | 'confirmed';
  headers: string[];
  mapping: Record<string, string | null>;
  mappingSaved: boolean;
  mappingProblems: string[];
  counts: Record<Planned, number>;
  rows: PlannedRow[];
  result: { confirmedAt: string; counts: Record<Done, number>; rows: ResultRow[] } | null;
}

const PLANNED: Record<Planned, [string, string]> = {
  create: ['新建', 'green'],
  update: ['更新', 'blue'],
  unchanged: ['无变化', 'default'],
  refused: ['拒绝', 'red'],
};
const DONE: Record<Done, [string, string]> = {
  created: ['已新建', 'green'],
  updated: ['已更新', 'blue'],
  unchanged: ['无变化', 'default'],
  refused: ['拒绝', 'red'],
  failed: ['出错', 'volcano'],
};

/**
 * The office imports the city's order export when the link is down: upload, check the column
 * mapping and each row's outcome, then confirm. Every rule and limit comes from the server.
 */
export default function CityImportPage() {
  const fields = useAsync(
    () =>
      api.get<{ fields: ImportField[]; maxRows: number; maxBytes: number }>('/api/city-link/import-fields'),
    'import-fields',
  );
  const [preview, setPreview] = useState<Preview>();
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [save, setSave] = useState(true);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const run = async (key: string, task: () => Promise<Preview>) => {
    setBusy(key);
    setError(undefined);
    try {
      const p = await task();
      setPreview(p);
      setMapping(p.mapping);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };
  const upload = (file: File) =>
    run('upload', () => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<Preview>('/api/city-link/imports', form);
    });
  const remap = () =>
    run('remap', () => api.put<Preview>(`/api/city-link/imports/${preview?.id}/mapping`, { mapping, save }));
  const confirm = () =>
    run('confirm', () => api.post<Preview>(`/api/city-link/imports/${preview?.id}/confirm`));

  const limits = fields.data;
  const toImport = preview ? preview.counts.create + preview.counts.update : 0;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {(error ?? fields.error) && <Alert type="error" showIcon message={error ?? fields.error?.message} />}
      <Card title="从市平台导出的表格导入工单">
        <Typography.Paragraph type="secondary">
          市平台接口中断时，把市平台导出的工单表格（.xlsx 或 .csv
          {limits ? `，最大 ${limits.maxBytes / 1024 / 1024} MB、${limits.maxRows} 行` : ''}
          ）上传到这里。先预览每一行将新建、更新还是拒绝，确认后才导入；按市平台工单编号去重，同一文件导入两次不会重复登记。
        </Typography.Paragraph>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy === 'upload'}>
            选择表格文件
          </Button>
        </Upload>
      </Card>

      {preview && limits && (
        <Card
          title={`列对应：${preview.fileName}`}
          extra={preview.mappingSaved ? <Tag color="green">已保存，表头相同的文件自动套用</Tag> : null}
        >
          {preview.mappingProblems.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message="请为下列字段选择表格中的列"
              description={preview.mappingProblems.join(' ')}
            />
          )}
          <Row gutter={[16, 8]}>
            {limits.fields.map((f) => (
              <Col span={8} key={f.key}>
                <label htmlFor={`map-${f.key}`}>
                  {f.label}
                  {f.required && <Typography.Text type="danger">*</Typography.Text>}
                </label>
                <Select
                  id={`map-${f.key}`}
                  aria-label={f.label}
                  style={{ width: '100%' }}
                  allowClear
                  placeholder="（不导入）"
                  disabled={preview.status !== 'open'}
                  value={mapping[f.key] ?? undefined}
                  onChange={(v: string | undefined) => setMapping({ ...mapping, [f.key]: v ?? null })}
                  options={preview.headers.filter(Boolean).map((h) => ({ value: h, label: h }))}
                />
              </Col>
            ))}
          </Row>
          {preview.status === 'open' && (
            <Space style={{ marginTop: 12 }}>
              <Checkbox checked={save} onChange={(e) => setSave(e.target.checked)}>
                保存这组对应关系
              </Checkbox>
              <Button onClick={() => void remap()} loading={busy === 'remap'}>
                按此对应重新预览
              </Button>
            </Space>
          )}
        </Card>
      )}

      {preview && !preview.result && (
        <Card
          title="预览"
          extra={
            <Button
              type="primary"
              disabled={preview.mappingProblems.length > 0 || toImport === 0}
              loading={busy === 'confirm'}
              onClick={() => void confirm()}
            >
              确认导入
            </Button>
          }
        >
          <Row gutter={16} style={{ marginBottom: 12 }}>
            {(Object.keys(PLANNED) as Planned[]).map((k) => (
              <Col span={6} key={k}>
                <Statistic title={PLANNED[k][0]} value={preview.counts[k]} />
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary">
            预览 {fmtTime(preview.expiresAt)} 前有效。
          </Typography.Paragraph>
          <Table<PlannedRow>
            rowKey="row"
            size="small"
            dataSource={preview.rows}
            locale={{ emptyText: <Empty description="先把必填字段对应到表格中的列" /> }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              { title: '市平台编号', dataIndex: 'cityOrderNo' },
              { title: '标题', dataIndex: 'title' },
              {
                title: '处理',
                dataIndex: 'outcome',
                render: (o: Planned) => <Tag color={PLANNED[o][1]}>{PLANNED[o][0]}</Tag>,
              },
              {
                title: '说明',
                render: (_, r) =>
                  r.problems.length > 0 ? (
                    <Space direction="vertical" size={0}>
                      {r.problems.map((p) => (
                        <Typography.Text type="danger" key={`${p.column}${p.message}`}>
                          {p.column}：{p.message}
                        </Typography.Text>
                      ))}
                    </Space>
                  ) : (
                    (r.changes ?? (r.orderCode ? `已登记为 ${r.orderCode}` : ''))
                  ),
              },
            ]}
          />
        </Card>
      )}

      {preview?.result && (
        <Card title="导入结果">
          <Descriptions size="small" column={5} style={{ marginBottom: 12 }}>
            {(Object.keys(DONE) as Done[]).map((k) => (
              <Descriptions.Item label={DONE[k][0]} key={k}>
                {preview.result?.counts[k]}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Table<ResultRow>
            rowKey="row"
            size="small"
            dataSource={preview.result.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              { title: '市平台编号', dataIndex: 'cityOrderNo' },
              {
                title: '结果',
                dataIndex: 'outcome',
                render: (o: Done) => <Tag color={DONE[o][1]}>{DONE[o][0]}</Tag>,
              },
              {
                title: '工单',
                render: (_, r) =>
                  r.orderId ? <Link to={`/orders/${r.orderId}`}>{r.orderCode}</Link> : (r.orderCode ?? '—'),
              },
              { title: '说明', dataIndex: 'message', render: (m: string | null) => m ?? '' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
