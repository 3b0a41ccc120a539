import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { API_SCOPE_LABELS, API_SCOPES, type ApiScope } from '../../../../src/domain/api-scopes';
import { ApiError, api } from '../../api/client';
import { applyFieldErrors } from '../../lib/formErrors';
import { fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { useUnits } from '../../lib/useUnits';
import { ADDRESSES_HELP, ApiClientAddressesModal, addressesText, splitAddresses } from './ApiClientAddresses';
import { ApiClientKeyModal, type ShownKey } from './ApiClientKeyModal';

interface ApiClient {
  id: number;
  name: string;
  scopes: ApiScope[];
  unitId: number | null;
  requireSignature: boolean;
  allowedAddresses: string[];
  active: boolean;
  createdAt: string;
  revokedAt: string | null;
  keys: { prefix: string; createdAt: string; expiresAt: string | null; live: boolean }[];
  last24h: { calls: number; errors: number; errorRate: number; lastCallAt: string | null };
}
interface Call {
  at: string;
  method: string;
  route: string;
  status: number;
  errorCode: string | null;
  durationMs: number;
}
interface KeyAnswer {
  id: number;
  key: string;
  oldKeysExpireAt: string | null;
}
interface CreateForm {
  name: string;
  scopes: ApiScope[];
  unitId: number | null;
  requireSignature: boolean;
  addresses?: string;
}

const SCOPE_OPTIONS = API_SCOPES.map((s) => ({ value: s, label: API_SCOPE_LABELS[s] }));
const percent = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 1 : 0)}%`;

/**
 * The system administrator's machine clients (the city platform, Open311 apps): who may call
 * which machine routes, with keys shown once, rotated with an overlap, revoked at once, and
 * each client's recent calls and error rate.
 */
export default function ApiClientsPage() {
  const { message } = App.useApp();
  const units = useUnits();
  const clients = useAsync(() => api.get<ApiClient[]>('/api/api-clients'), 'api-clients');
  const [createForm] = Form.useForm<CreateForm>();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ShownKey | null>(null);
  const [rotating, setRotating] = useState<ApiClient | null>(null);
  const [overlapHours, setOverlapHours] = useState<number>(24);
  const [revoking, setRevoking] = useState<ApiClient | null>(null);
  const [reason, setReason] = useState('');
  const [callsOf, setCallsOf] = useState<ApiClient | null>(null);
  const [limiting, setLimiting] = useState<ApiClient | null>(null);
  const calls = useAsync<Call[]>(
    () => (callsOf ? api.get<Call[]>(`/api/api-clients/${callsOf.id}/calls`) : Promise.resolve([])),
    `calls-${callsOf?.id ?? 0}`,
  );
  const { busy, error, submit, clear } = useFormSubmit();

  const unitName = (id: number | null) =>
    id === null ? '—' : (units.find((u) => u.id === id)?.name ?? `单位 ${id}`);

  /** Runs one change; a refusal stays in the open dialog with the server's reason. */
  const change = (task: () => Promise<void>) =>
    submit(async () => {
      await task();
      await clients.reload();
    });

  const create = (v: CreateForm) =>
    change(async () => {
      try {
        const { addresses, ...settings } = v;
        const r = await api.post<KeyAnswer>('/api/api-clients', {
          ...settings,
          unitId: v.unitId ?? null,
          allowedAddresses: splitAddresses(addresses),
        });
        setCreating(false);
        createForm.resetFields();
        setShown({ clientName: v.name, key: r.key, oldKeysExpireAt: null });
      } catch (e) {
        if (e instanceof ApiError) applyFieldErrors(createForm, e);
        throw e;
      }
    });

  const rotate = (client: ApiClient) =>
    change(async () => {
      const r = await api.post<KeyAnswer>(`/api/api-clients/${client.id}/rotate`, { overlapHours });
      setRotating(null);
      setShown({ clientName: client.name, key: r.key, oldKeysExpireAt: r.oldKeysExpireAt });
    });

  const revoke = (client: ApiClient) =>
    change(async () => {
      await api.post(`/api/api-clients/${client.id}/revoke`, { reason });
      setRevoking(null);
      setReason('');
      message.success(`已吊销「${client.name}」，其密钥立即失效`);
    });

  const limit = (client: ApiClient, allowedAddresses: string[]) =>
    change(async () => {
      const { scopes, unitId, requireSignature } = client;
      await api.put(`/api/api-clients/${client.id}`, { scopes, unitId, requireSignature, allowedAddresses });
      setLimiting(null);
      message.success(`已保存「${client.name}」允许的来源地址`);
    });

  const close = () => {
    setLimiting(null);
    setCreating(false);
    setRotating(null);
    setRevoking(null);
    clear();
  };

  return (
    <Card
      title="接口客户端"
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          新增客户端
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        市级平台、第三方报事应用等外部系统凭密钥调用接口，不使用账号密码。密钥只在新增或轮换时显示一次；
        轮换后旧密钥在并行期内仍可用；吊销立即生效。调用次数与错误率为近 24 小时。接口说明须登录后查看，可
        <Typography.Link underline href="/api/openapi.json" download="huiyin-openapi.json">
          下载接口文档（OpenAPI）
        </Typography.Link>
        交给对接方。
      </Typography.Paragraph>
      {clients.error && <Alert type="error" showIcon message={clients.error.message} />}
      <Table<ApiClient>
        rowKey="id"
        loading={clients.loading}
        dataSource={clients.data ?? []}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          {
            title: '接口权限',
            render: (_, c) => c.scopes.map((s) => <Tag key={s}>{API_SCOPE_LABELS[s].split('（')[0]}</Tag>),
          },
          { title: '代表单位', render: (_, c) => unitName(c.unitId) },
          { title: '签名', render: (_, c) => (c.requireSignature ? '须签名' : '仅密钥') },
          { title: '来源地址', render: (_, c) => addressesText(c.allowedAddresses) },
          {
            title: '状态',
            render: (_, c) =>
              c.active ? <Tag color="green">启用</Tag> : <Tag color="red">已吊销 {fmtTime(c.revokedAt)}</Tag>,
          },
          {
            title: '密钥',
            render: (_, c) =>
              c.keys
                .filter((k) => k.live)
                .map((k) => (
                  <div key={k.prefix}>
                    <Typography.Text code>{k.prefix}…</Typography.Text>
                    {k.expiresAt && (
                      <Typography.Text type="secondary"> 至 {fmtTime(k.expiresAt)}</Typography.Text>
                    )}
                  </div>
                )),
          },
          { title: '调用', render: (_, c) => c.last24h.calls },
          {
            title: '错误率',
            render: (_, c) => (
              <Typography.Text type={c.last24h.errorRate > 0.05 ? 'danger' : undefined}>
                {percent(c.last24h.errorRate)}
                {c.last24h.errors > 0 && `（${c.last24h.errors} 次）`}
              </Typography.Text>
            ),
          },
          { title: '最近调用', render: (_, c) => fmtTime(c.last24h.lastCallAt) },
          {
            title: '操作',
            render: (_, c) => (
              <Space wrap>
                <Button size="small" onClick={() => setCallsOf(c)}>
                  调用记录
                </Button>
                {c.active && (
                  <>
                    <Button size="small" onClick={() => setRotating(c)}>
                      轮换密钥
                    </Button>
                    <Button size="small" onClick={() => setLimiting(c)}>
                      来源地址
                    </Button>
                    <Button size="small" danger onClick={() => setRevoking(c)}>
                      吊销
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />

      <Modal
        open={creating}
        title="新增接口客户端"
        okText="新增并生成密钥"
        confirmLoading={busy}
        onCancel={close}
        onOk={() => createForm.submit()}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form
          form={createForm}
          layout="vertical"
          initialValues={{ scopes: [], unitId: null, requireSignature: false }}
          onFinish={(v) => void create(v)}
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input placeholder="市12345热线平台" maxLength={40} />
          </Form.Item>
          <Form.Item
            name="scopes"
            label="接口权限"
            rules={[{ required: true, message: '至少选择一项接口权限' }]}
          >
            <Checkbox.Group options={SCOPE_OPTIONS} style={{ flexDirection: 'column' }} />
          </Form.Item>
          <Form.Item name="unitId" label="代表单位（市级平台选市级平台单位，可不选）">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="requireSignature" valuePropName="checked">
            <Checkbox>要求每个请求带 HMAC-SHA256 签名（5 分钟有效，防重放）</Checkbox>
          </Form.Item>
          <Form.Item name="addresses" label="允许的来源地址（可不填）" extra={ADDRESSES_HELP}>
            <Input.TextArea rows={3} placeholder={'10.1.2.3\n10.20.0.0/16'} />
          </Form.Item>
        </Form>
      </Modal>

      <ApiClientAddressesModal
        client={limiting}
        busy={busy}
        error={error}
        onSave={(list) => limiting && void limit(limiting, list)}
        onCancel={close}
      />

      <Modal
        open={rotating !== null}
        title={`轮换「${rotating?.name ?? ''}」的密钥`}
        okText="生成新密钥"
        confirmLoading={busy}
        onCancel={close}
        onOk={() => rotating && void rotate(rotating)}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph>
          生成新密钥；现有密钥在并行期内继续有效，之后失效（填 0 立即失效）。
        </Typography.Paragraph>
        <Space>
          <span>并行期</span>
          <InputNumber
            aria-label="并行期（小时）"
            min={0}
            max={720}
            value={overlapHours}
            onChange={(v) => setOverlapHours(v ?? 0)}
          />
          <span>小时</span>
        </Space>
      </Modal>

      <Modal
        open={revoking !== null}
        title={`吊销「${revoking?.name ?? ''}」`}
        okText="吊销"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        confirmLoading={busy}
        onCancel={close}
        onOk={() => revoking && void revoke(revoking)}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph>
          吊销后该客户端的所有密钥立即失效，不能恢复；需要时请新增客户端。
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="吊销原因"
          placeholder="吊销原因（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
        />
      </Modal>

      <Drawer
        open={callsOf !== null}
        title={`「${callsOf?.name ?? ''}」最近 50 次调用`}
        size="large"
        onClose={() => setCallsOf(null)}
      >
        {calls.error && <Alert type="error" showIcon message={calls.error.message} />}
        <Table<Call>
          rowKey={(c) => `${c.at}-${c.route}-${c.status}`}
          size="small"
          loading={calls.loading}
          dataSource={calls.data ?? []}
          pagination={false}
          columns={[
            { title: '时间', render: (_, c) => fmtTime(c.at) },
            { title: '接口', render: (_, c) => `${c.method} ${c.route}` },
            {
              title: '结果',
              render: (_, c) => (
                <Tag color={c.status >= 400 ? 'red' : 'green'}>
                  {c.status}
                  {c.errorCode ? ` ${c.errorCode}` : ''}
                </Tag>
              ),
            },
            { title: '耗时', render: (_, c) => `${c.durationMs} 毫秒` },
          ]}
        />
      </Drawer>

      <ApiClientKeyModal shown={shown} onClose={() => setShown(null)} />
    </Card>
  );
}
