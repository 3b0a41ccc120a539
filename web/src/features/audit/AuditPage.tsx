import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { auditApi } from '../../api/admin';
import type { AuditEntry, AuditVerification } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';

const snapshot = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** The audit administrator's page: the log, read-only, and a check of its HMAC-SM3 chain. */
export default function AuditPage() {
  const [page, setPage] = useState(1);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const { data, loading, error } = useAsync(() => auditApi.list(page), String(page));
  const items = data?.items ?? [];
  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await auditApi.verify());
    } finally {
      setVerifying(false);
    }
  };
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          审计日志
        </Typography.Title>
      }
      extra={
        <Button onClick={verify} loading={verifying}>
          校验日志完整性
        </Button>
      }
    >
      {error && <Alert type="error" title={error.message} />}
      {verification?.ok && (
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          title={`日志完整:校验了 ${verification.checked} 条,未发现改动或删除。`}
        />
      )}
      {verification && !verification.ok && (
        <Alert
          type="error"
          style={{ marginBottom: 12 }}
          title={`日志已被破坏:第一处在编号 ${verification.firstBroken?.seq ?? '—'}`}
          description={`${verification.firstBroken?.reason ?? ''}${
            verification.firstBroken?.at ? `(记录时间 ${fmtTime(verification.firstBroken.at)})` : ''
          }`}
        />
      )}
      <Table<AuditEntry>
        rowKey="id"
        loading={loading}
        dataSource={items}
        size="small"
        pagination={false}
        columns={[
          { title: '编号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => fmtTime(v) },
          { title: '用户', width: 140, render: (_, e) => e.username ?? (e.userId ? `#${e.userId}` : '—') },
          { title: '操作', dataIndex: 'actionLabel', width: 150 },
          { title: '对象', dataIndex: 'target', width: 140 },
          {
            title: '内容',
            render: (_, e) => (
              <Space direction="vertical" size={0}>
                {e.detail && <span>{e.detail}</span>}
                {e.before !== null && (
                  <Typography.Text type="secondary">改前:{snapshot(e.before)}</Typography.Text>
                )}
                {e.after !== null && <Typography.Text>改后:{snapshot(e.after)}</Typography.Text>}
              </Space>
            ),
          },
          { title: 'IP', dataIndex: 'ip', width: 130 },
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
