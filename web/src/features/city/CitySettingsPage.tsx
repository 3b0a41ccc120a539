import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import type { CityLinkView } from '../../../../src/modules/city/city-link.service';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { CityPollCard } from './CityPollCard';

interface Settings {
  enabled: boolean;
  resultsUrl: string;
  ordersUrl: string | null;
  statusesUrl: string | null;
  timeoutMs: number;
  maxAttempts: number;
  pollEverySeconds: number | null;
  fieldMapping: Record<string, string>;
  keySet: boolean;
}
type FormValue = Omit<Settings, 'keySet' | 'fieldMapping'> & { key: string; fieldMapping: string };
type View = { settings: Settings | null; poll: CityLinkView['poll'] };

const EMPTY: FormValue = {
  enabled: false,
  resultsUrl: '',
  ordersUrl: null,
  statusesUrl: null,
  timeoutMs: 10_000,
  maxAttempts: 8,
  pollEverySeconds: null,
  fieldMapping: '',
  key: '',
};

/** Mapping as lines `回音字段=市平台字段`, the way an administrator copies it from the city's interface document. */
const mappingToText = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
const textToMapping = (t: string) =>
  Object.fromEntries(
    t
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => l.split(/[=＝]/).map((p) => p.trim()) as [string, string]),
  );

/**
 * The administrator's settings of the city link: addresses, key, timeouts, field mapping, poll
 * interval; below them, how the polls went (a refused address shows here with its reason).
 */
export default function CitySettingsPage() {
  const [form] = Form.useForm<FormValue>();
  const { message } = App.useApp();
  const loaded = useAsync(() => api.get<View>('/api/city-link/settings'), 'city');
  const { busy, error, submit } = useFormSubmit(form);
  const keySet = loaded.data?.settings?.keySet ?? false;

  useEffect(() => {
    const s = loaded.data?.settings;
    if (s) form.setFieldsValue({ ...s, key: '', fieldMapping: mappingToText(s.fieldMapping) });
  }, [loaded.data, form]);

  const save = (v: FormValue) =>
    submit(async () => {
      const saved = await api.put<View>('/api/city-link/settings', {
        ...v,
        ordersUrl: v.ordersUrl || null,
        statusesUrl: v.statusesUrl || null,
        pollEverySeconds: v.pollEverySeconds || null,
        fieldMapping: textToMapping(v.fieldMapping ?? ''),
        key: v.key || null,
      });
      loaded.setData(saved);
      message.success('市平台对接设置已保存');
    });

  return (
    <Card title="市平台对接设置" style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">
        来自市级平台的工单，其签收、回退、延期、进展、答复、办结（含回访结果）、作废、合并都会按顺序回传市平台；
        失败自动重试，多次失败转入失败队列由热线办处理。字段格式见 docs/api.md。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {loaded.error && <Alert type="error" showIcon message={loaded.error.message} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={EMPTY}
        disabled={!loaded.data}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="enabled" valuePropName="checked">
          <Checkbox>启用结果回传</Checkbox>
        </Form.Item>
        <Form.Item
          name="resultsUrl"
          label="结果回传地址"
          rules={[{ required: true, message: '请填写结果回传地址' }]}
        >
          <Input placeholder="https://12345.city.gov.cn/api/results" />
        </Form.Item>
        <Form.Item
          name="key"
          label={keySet ? '接口密钥（已设置，留空保持不变）' : '接口密钥'}
          extra={keySet ? '地址改到另一台服务器时须重新填写，原密钥不会发往新的服务器。' : undefined}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="ordersUrl" label="工单列表地址（市平台不推送时填写，由回音定时拉取）">
          <Input />
        </Form.Item>
        <Form.Item name="pollEverySeconds" label="拉取间隔（秒）">
          <InputNumber min={5} max={86400} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="statusesUrl" label="工单状态地址（每日对账用）">
          <Input />
        </Form.Item>
        <Form.Item name="timeoutMs" label="单次请求超时（毫秒）">
          <InputNumber min={500} max={60000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="maxAttempts" label="最多尝试次数（之后转入失败队列）">
          <InputNumber min={1} max={30} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="fieldMapping" label="字段映射（每行一个：回音字段=市平台字段）">
          <Input.TextArea rows={4} placeholder={'cityOrderNo=gdbh\nevent=czlx'} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Form>
      {loaded.data && (
        <CityPollCard
          inner
          poll={loaded.data.poll}
          extra={
            <Button onClick={() => void loaded.reload()} loading={loaded.loading}>
              刷新
            </Button>
          }
        />
      )}
    </Card>
  );
}
