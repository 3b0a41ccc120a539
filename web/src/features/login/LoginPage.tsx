import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';

interface LoginValues {
  username: string;
  password: string;
}

interface SecondFactorValues {
  code: string;
}

/**
 * Sign-in in one or two steps: the password, then — when the server answers TOTP_REQUIRED — the
 * 6-digit code of the authenticator app or, with a lost phone, one of the recovery codes.
 */
export default function LoginPage() {
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<LoginValues | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);

  const attempt = async (credentials: LoginValues & { totp?: string; recoveryCode?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(credentials);
      const next = params.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('/login') ? next : '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TOTP_REQUIRED') {
        setPending({ username: credentials.username, password: credentials.password });
        return;
      }
      // A lockout ends the second step too: start again from the password.
      if (e instanceof ApiError && e.code === 'ACCOUNT_LOCKED') setPending(null);
      setError(e instanceof ApiError ? e.message : '登录失败,请稍后重试。');
    } finally {
      setBusy(false);
    }
  };

  const onPassword = (v: LoginValues) => attempt({ username: v.username.trim(), password: v.password });
  const onSecondFactor = (v: SecondFactorValues) => {
    if (!pending) return;
    const code = v.code.trim();
    return attempt(useRecovery ? { ...pending, recoveryCode: code } : { ...pending, totp: code });
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #e8f1ff 0%, #f5f6f8 60%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={2} style={{ marginBottom: 4, color: '#1668dc' }}>
            回音
          </Typography.Title>
          <Typography.Text type="secondary">12345 市民服务热线工单承办系统</Typography.Text>
        </div>
        {pending ? (
          <Form<SecondFactorValues>
            key={useRecovery ? 'recovery' : 'totp'}
            layout="vertical"
            onFinish={onSecondFactor}
            requiredMark={false}
            size="large"
          >
            <Typography.Paragraph>
              {useRecovery
                ? '请输入一个尚未用过的恢复码(启用两步验证时保存的那一组,每个只能用一次)。'
                : `账号 ${pending.username} 已启用两步验证:请打开手机上的验证器,输入显示的 6 位动态码。`}
            </Typography.Paragraph>
            <Form.Item
              label={useRecovery ? '恢复码' : '动态码'}
              name="code"
              rules={[
                { required: true, message: useRecovery ? '请输入恢复码' : '请输入 6 位动态码' },
                ...(useRecovery ? [] : [{ pattern: /^\s*\d{6}\s*$/, message: '动态码是 6 位数字' }]),
              ]}
            >
              <Input
                prefix={<SafetyOutlined />}
                autoComplete="one-time-code"
                inputMode={useRecovery ? 'text' : 'numeric'}
                maxLength={useRecovery ? 32 : 6}
                autoFocus
              />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={busy}>
              验证并登录
            </Button>
            <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12 }}>
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => {
                  setUseRecovery(!useRecovery);
                  setError(undefined);
                }}
              >
                {useRecovery ? '使用动态码' : '手机不在身边?使用恢复码'}
              </Button>
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => {
                  setPending(null);
                  setUseRecovery(false);
                  setError(undefined);
                }}
              >
                返回
              </Button>
            </div>
          </Form>
        ) : (
          <Form<LoginValues> layout="vertical" onFinish={onPassword} requiredMark={false} size="large">
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={busy}>
              登录
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
