import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Row, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';
import { useFormSubmit } from '../../lib/useFormSubmit';

interface Robot {
  enabled: boolean;
  url: string;
}
interface ChannelSettings {
  sms: Robot | null;
  wecom: Robot | null;
  dingtalk: Robot | null;
  email: { enabled: boolean; smtpUrl: string; from: string } | null;
  autoUrge: { onDueSoon: boolean; onOverdue: boolean };
}
interface Delivery {
  id: number;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const CHANNEL_LABELS: Record<string, string> = {
  log: '服务日志',
  sms: '短信',
  wecom: '企业微信群',
  dingtalk: '钉钉群',
  email: '电子邮件',
};
const STATUS: Record<string, { text: string; color: string }> = {
  pending: { text: '待发送/重试中', color: 'orange' },
  sending: { text: '发送中', color: 'blue' },
  sent: { text: '已送达', color: 'green' },
  failed: { text: '已放弃', color: 'red' },
};

/** A form value: every channel present, switched on or off; stored as null when it has no address. */
type FormValue = {
  sms: Robot;
  wecom: Robot;
  dingtalk: Robot;
  email: { enabled: boolean; smtpUrl: string; from: string };
  autoUrge: ChannelSettings['autoUrge'];
};

const toForm = (s: ChannelSettings): FormValue => ({
  sms: s.sms ?? { enabled: false, url: '' },
  wecom: s.wecom ?? { enabled: false, url: '' },
  dingtalk: s.dingtalk ?? { enabled: false, url: '' },
  email: s.email ?? { enabled: false, smtpUrl: '', from: '' },
  autoUrge: s.autoUrge,
});
const fromForm = (v: FormValue): ChannelSettings => ({
  sms: v.sms.url ? v.sms : null,
  wecom: v.wecom.url ? v.wecom : null,
  dingtalk: v.dingtalk.url ? v.dingtalk : null,
  email: v.email.smtpUrl ? v.email : null,
  autoUrge: v.autoUrge,
});

function RobotFields({
  name,
  label,
  placeholder,
}: {
  name: 'sms' | 'wecom' | 'dingtalk';
  label: string;
  placeholder: string;
}) {
  return (
    <Row gutter={12} align="middle">
      <Col flex="120px">
        <Form.Item name={[name, 'enabled']} valuePropName="checked" style={{ marginBottom: 12 }}>
          <Checkbox>{label}</Checkbox>
        </Form.Item>
      </Col>
      <Col flex="auto">
        <Form.Item name={[name, 'url']} style={{ marginBottom: 12 }}>
          <Input placeholder={placeholder} aria-label={`${label}地址`} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Outbound channels for notices, automatic urges, and the record of every delivery. */
export default function NotificationChannelsPage() {
  const [form] = Form.useForm<FormValue>();
  const { message } = App.useApp();
  const settings = useAsync(
    () => api.get<ChannelSettings>('/api/settings/notification-channels'),
    'channels',
  );
  const deliveries = useAsync(() => api.get<{ items: Delivery[] }>('/api/deliveries'), 'deliveries');
  const { busy, error, submit } = useFormSubmit(form);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(toForm(settings.data));
  }, [settings.data, form]);

  const save = (v: FormValue) =>
    submit(async () => {
      form.setFieldsValue(
        toForm(await api.put<ChannelSettings>('/api/settings/notification-channels', fromForm(v))),
      );
      message.success('通知渠道已保存');
    });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title="通知渠道">
          <Typography.Paragraph type="secondary">
            站内通知总是开启并实时推送；服务日志渠道总是记录。以下外发渠道失败时按 30 秒、1、2、4、8
            分钟的间隔重试，共 6 次。
            短信发给联络员和分管领导的手机，群机器人发到单位工作群，邮件发给登记了邮箱的人员。
          </Typography.Paragraph>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          {settings.error && <Alert type="error" showIcon message={settings.error.message} />}
          <Form form={form} disabled={!settings.data} onFinish={(v) => void save(v)} layout="vertical">
            <RobotFields
              name="sms"
              label="短信网关"
              placeholder="https://sms.example/api/send(POST JSON {phone, content})"
            />
            <RobotFields
              name="wecom"
              label="企业微信"
              placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
            />
            <RobotFields
              name="dingtalk"
              label="钉钉"
              placeholder="https://oapi.dingtalk.com/robot/send?access_token=…"
            />
            <Row gutter={12} align="middle">
              <Col flex="120px">
                <Form.Item name={['email', 'enabled']} valuePropName="checked" style={{ marginBottom: 12 }}>
                  <Checkbox>电子邮件</Checkbox>
                </Form.Item>
              </Col>
              <Col flex="auto">
                <Form.Item name={['email', 'smtpUrl']} style={{ marginBottom: 12 }}>
                  <Input placeholder="smtp://用户：密码@smtp.example:587" aria-label="SMTP 地址" />
                </Form.Item>
                <Form.Item name={['email', 'from']} style={{ marginBottom: 12 }}>
                  <Input placeholder="发件人，如 hotline@example.gov.cn" aria-label="发件人" />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>自动催办</Typography.Title>
            <Form.Item name={['autoUrge', 'onDueSoon']} valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox>工单预警时自动催办</Checkbox>
            </Form.Item>
            <Form.Item name={['autoUrge', 'onOverdue']} valuePropName="checked">
              <Checkbox>工单超期时自动催办</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              保存
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="外发记录" extra={<Button onClick={() => void deliveries.reload()}>刷新</Button>}>
          <Table<Delivery>
            size="small"
            rowKey="id"
            dataSource={deliveries.data?.items ?? []}
            loading={deliveries.loading}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: '时间', dataIndex: 'createdAt', render: (v: string) => fmtTime(v), width: 130 },
              {
                title: '渠道',
                dataIndex: 'channel',
                render: (v: string) => CHANNEL_LABELS[v] ?? v,
                width: 90,
              },
              { title: '对象', dataIndex: 'target', render: (v: string) => v || '群' },
              {
                title: '状态',
                dataIndex: 'status',
                render: (v: string, d) => (
                  <span title={d.lastError ?? undefined}>
                    <Tag color={STATUS[v]?.color}>{STATUS[v]?.text ?? v}</Tag>
                    {d.attempts > 1 ? `第 ${d.attempts} 次` : ''}
                  </span>
                ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
