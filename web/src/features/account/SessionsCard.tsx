import { Alert, App, Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { KeyboardScroll } from '../../lib/KeyboardScroll';
import { fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';
import { type AccountSession, accountApi } from './api';

/** A readable name for the browser of a session (the full User-Agent is shown on hover). */
function deviceOf(userAgent: string | null): string {
  if (!userAgent) return '未知设备';
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  const browser = /MicroMessenger/.test(userAgent)
    ? '微信'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Firefox\//.test(userAgent)
          ? 'Firefox'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : '浏览器';
  return os ? `${browser} · ${os}` : browser;
}

/** 上次登录: when and from where the account signed in before this session, and what failed since. */
function PreviousLogin({ session }: { session: AccountSession }) {
  const { at, ip, failedAttempts } = session.previousLogin;
  const last = at ? `上次登录：${fmtTime(at)}${ip ? `，来自 ${ip}` : ''}` : '本次是这个账号的首次登录';
  return (
    <Alert
      type={failedAttempts > 0 ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      title={last}
      description={
        failedAttempts > 0
          ? `${at ? '此后到本次登录前' : '本次登录前'}，有 ${failedAttempts} 次用这个账号登录失败（密码或动态码错误）。如果不是您本人所为，请立即修改密码。`
          : at
            ? '此后到本次登录前，没有登录失败。如果上次登录不是您本人，请立即修改密码。'
            : '本次登录前没有登录失败。'
      }
    />
  );
}

/** Where the user is signed in; any session but this one can be ended (a forgotten office PC). */
export function SessionsCard() {
  const { data, loading, error, reload } = useAsync(() => accountApi.sessions(), 'sessions');
  const { message } = App.useApp();
  const [ending, setEnding] = useState<string>();
  const current = data?.items.find((s) => s.current);

  const end = async (s: AccountSession) => {
    setEnding(s.id);
    try {
      await accountApi.endSession(s.id);
      message.success('该会话已结束，那里需要重新登录');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败，请稍后重试。');
    } finally {
      setEnding(undefined);
      void reload();
    }
  };

  return (
    <Card title="登录会话">
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      {current && <PreviousLogin session={current} />}
      <KeyboardScroll label="登录会话">
        <Table<AccountSession>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          columns={[
            {
              title: '设备',
              render: (_, s) => (
                <span title={s.userAgent ?? ''}>
                  {deviceOf(s.userAgent)} {s.current && <Tag color="blue">当前会话</Tag>}
                </span>
              ),
            },
            { title: 'IP 地址', dataIndex: 'ip', render: (ip: string | null) => ip ?? '' },
            { title: '登录时间', dataIndex: 'createdAt', render: (iso: string) => fmtTime(iso) },
            { title: '最近使用', dataIndex: 'lastSeenAt', render: (iso: string) => fmtTime(iso) },
            {
              title: '操作',
              width: 110,
              render: (_, s) =>
                s.current ? null : (
                  <Button size="small" danger loading={ending === s.id} onClick={() => end(s)}>
                    结束会话
                  </Button>
                ),
            },
          ]}
        />
      </KeyboardScroll>
    </Card>
  );
}
