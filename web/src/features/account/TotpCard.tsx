import { Alert, App, Button, Card, Form, Input, Modal, QRCode, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Me } from '../../api/types';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { accountApi } from './api';

type Stage =
  | { kind: 'idle' }
  | { kind: 'scanning'; secret: string; uri: string }
  | { kind: 'recovery'; codes: string[] };

/**
 * The password typed again before a change to the second factor: turning it off (refused when a
 * role requires it) or moving it to a new phone.
 */
function PasswordModal({
  title,
  text,
  okText,
  danger,
  onClose,
  send,
}: {
  title: string;
  text: string;
  okText: string;
  danger?: boolean;
  onClose: () => void;
  send: (password: string) => Promise<void>;
}) {
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useFormSubmit();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      confirmLoading={busy}
      onOk={() => submit(() => send(password))}
      onCancel={onClose}
    >
      <Typography.Paragraph>{text}</Typography.Paragraph>
      <Input.Password
        aria-label="当前密码"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/**
 * The second factor: scan the otpauth URI as a QR code (or type the key), confirm with the first
 * code, then keep the recovery codes, which are shown this once only.
 */
export function TotpCard({ me, onChanged }: { me: Me; onChanged: (me: Me) => void }) {
  const { message } = App.useApp();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const { busy, error, submit: run } = useFormSubmit();
  const [asking, setAsking] = useState<'disable' | 'replace' | null>(null);

  const start = () => run(async () => setStage({ kind: 'scanning', ...(await accountApi.startTotp()) }));
  const confirm = (v: { code: string }) =>
    run(async () => {
      const { recoveryCodes } = await accountApi.confirmTotp(v.code.trim());
      setStage({ kind: 'recovery', codes: recoveryCodes });
    });
  // The user learns they are through only after the codes are put away (the page may change then).
  const finish = () => run(async () => onChanged(await accountApi.me()));

  return (
    <Card
      title="两步验证（手机验证器）"
      extra={me.totpEnabled ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>}
    >
      {stage.kind === 'idle' && me.totpEnabled && (
        <Space orientation="vertical">
          <Typography.Text>登录时除密码外还需输入手机验证器上的 6 位动态码。</Typography.Text>
          {me.totpRequired && (
            <Typography.Text type="secondary">按安全设置，您的角色登录必须使用两步验证。</Typography.Text>
          )}
          <Space wrap>
            <Button onClick={() => setAsking('replace')}>更换手机</Button>
            {!me.totpRequired && (
              <Button danger onClick={() => setAsking('disable')}>
                关闭两步验证
              </Button>
            )}
          </Space>
        </Space>
      )}
      {stage.kind === 'idle' && !me.totpEnabled && (
        <Space orientation="vertical">
          <Typography.Text>
            启用后，登录时除密码外还需输入手机验证器（如微信小程序「腾讯身份验证器」、Microsoft
            Authenticator）上的 6 位动态码，密码泄露也不会被冒用。
          </Typography.Text>
          <Button type="primary" loading={busy} onClick={start}>
            启用两步验证
          </Button>
        </Space>
      )}
      {stage.kind === 'scanning' && (
        <Space align="start" wrap size="large">
          <QRCode value={stage.uri} size={180} aria-label="两步验证二维码" />
          <div style={{ maxWidth: 360 }}>
            <Typography.Paragraph>
              1. 用手机验证器扫描左侧二维码。无法扫描时，手动输入密钥：
            </Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: stage.secret }}>
              <Typography.Text code data-testid="totp-secret">
                {stage.secret}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph>2. 输入验证器上显示的 6 位动态码完成启用：</Typography.Paragraph>
            <Form layout="inline" onFinish={confirm}>
              <Form.Item
                name="code"
                label="动态码"
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入 6 位数字' }]}
              >
                <Input
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  style={{ width: 120 }}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                确认启用
              </Button>
            </Form>
          </div>
        </Space>
      )}
      {stage.kind === 'recovery' && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title="两步验证已启用。请抄下或打印这组恢复码并妥善保管：手机丢失时，每个恢复码可代替动态码登录一次。恢复码只显示这一次。"
          />
          <Typography.Paragraph
            copyable={{ text: stage.codes.join('\n') }}
            style={{ fontFamily: 'monospace', fontSize: 15 }}
          >
            <ul aria-label="恢复码" style={{ columns: 2, margin: 0 }}>
              {stage.codes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </Typography.Paragraph>
          <Button
            type="primary"
            loading={busy}
            onClick={() => {
              message.success('两步验证已启用');
              void finish();
              setStage({ kind: 'idle' });
            }}
          >
            我已保存恢复码
          </Button>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {asking === 'disable' && (
        <PasswordModal
          title="关闭两步验证"
          text="关闭后登录只需密码。请输入当前密码确认。"
          okText="关闭两步验证"
          danger
          onClose={() => setAsking(null)}
          send={async (password) => {
            const next = await accountApi.disableTotp(password);
            setAsking(null);
            message.success('两步验证已关闭');
            onChanged(next);
          }}
        />
      )}
      {asking === 'replace' && (
        <PasswordModal
          title="更换手机"
          text="在新手机上扫描二维码并确认后，原手机上的验证器和原来的恢复码都将作废。请输入当前密码继续。"
          okText="下一步"
          onClose={() => setAsking(null)}
          send={async (password) => {
            const key = await accountApi.startTotp(password);
            setAsking(null);
            setStage({ kind: 'scanning', ...key });
          }}
        />
      )}
    </Card>
  );
}
