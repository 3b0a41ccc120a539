import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { auditApi } from '../../api/admin';
import type { AuditEntry } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';

const ACTIONS: Record<string, string> = {
  login: '登录',
  login_failed: '登录失败',
  user_created: '新增用户',
  user_updated: '修改用户',
  password_reset: '重置密码',
};

/** The audit administrator's only page: who signed in and who changed accounts, read-only. */
export default function AuditPage() {
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(() => auditApi.list(page), String(page));
  const items = data?.items ?? [];
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          审计日志
        </Typography.Title>
      }
    >
      {error && <Alert type="error" title={error.message} />}
      <Table<AuditEntry>
        rowKey="id"
        loading={loading}
        dataSource={items}
        size="small"
        pagination={false}
        columns={[
          { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => fmtTime(v) },
          { title: '用户', width: 140, render: (_, e) => e.username ?? (e.userId ? `#${e.userId}` : '—') },
          { title: '操作', dataIndex: 'action', width: 120, render: (v: string) => ACTIONS[v] ?? v },
          { title: '内容', dataIndex: 'detail' },
          { title: 'IP', dataIndex: 'ip', width: 140 },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
          上一页
        </Button>
        <Typography.Text>第 {page} 页</Typography.Text>
        <Button disabled={items.length < 50} onClick={() => setPage(page + 1)}>
          下一页
        </Button>
      </Space>
    </Card>
  );
}
