import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type AuditQuery, auditApi } from '../../api/admin';
import type { AuditEntry, AuditVerification } from '../../api/types';
import { dayjs, fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';

/** Who did it: the account's name and login name, or the name typed at a failed sign-in. */
const person = (e: AuditEntry) =>
  e.account
    ? `${e.account.name}（${e.account.username}）`
    : (e.username ?? (e.userId ? `#${e.userId}` : '—'));
const PAGE_SIZE = 50;
const FILTER_KEYS = ['action', 'person', 'from', 'to', 'ip', 'target'] as const;

/**
 * The audit administrator's page: the log, read-only, searched by kind, person, days, address and
 * object (kept in the address, so a search can be reloaded or handed on), exported as it is
 * filtered, and a check of its HMAC-SM3 chain.
 */
export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const query: AuditQuery = Object.fromEntries(
    FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : [])),
  );
  const page = Number(params.get('page') ?? 1) || 1;
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const { data, loading, error } = useAsync(() => auditApi.list(query, page, PAGE_SIZE), params.toString());
  const search = (next: AuditQuery, nextPage = 1) => {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) p.set(k, next[k] as string);
    if (nextPage > 1) p.set('page', String(nextPage));
    setParams(p);
  };
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
        <Space>
          <Button icon={<DownloadOutlined />} href={auditApi.exportUrl(query)} download>
            导出 Excel
          </Button>
          <Button onClick={verify} loading={verifying}>
            校验日志完整性
          </Button>
        </Space>
      }
    >
      <AuditFilters
        key={params.toString()}
        query={query}
        actions={data?.actions ?? []}
        onSearch={(q) => search(q)}
      />
      {error && <Alert type="error" title={error.message} style={{ marginBottom: 12 }} />}
      {verification?.ok && (
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          title={`日志完整：校验了 ${verification.checked} 条，未发现改动或删除。`}
        />
      )}
      {verification && !verification.ok && (
        <Alert
          type="error"
          style={{ marginBottom: 12 }}
          title={`日志已被破坏：第一处在编号 ${verification.firstBroken?.seq ?? '—'}`}
          description={`${verification.firstBroken?.reason ?? ''}${
            verification.firstBroken?.at ? `（记录时间 ${fmtTime(verification.firstBroken.at)}）` : ''
          }`}
        />
      )}
      <Table<AuditEntry>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        size="small"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 条`,
          onChange: (p) => search(query, p),
        }}
        columns={[
          { title: '编号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => fmtTime(v) },
          { title: '用户', width: 160, render: (_, e) => person(e) },
          { title: '操作', dataIndex: 'actionLabel', width: 150 },
          { title: '对象', dataIndex: 'target', width: 140 },
          {
            title: '内容',
            render: (_, e) => (
              <Space orientation="vertical" size={0}>
                {e.detail && <span>{e.detail}</span>}
                {e.changes.length > 0 && <Changes changes={e.changes} />}
              </Space>
            ),
          },
          { title: 'IP', dataIndex: 'ip', width: 130 },
        ]}
      />
    </Card>
  );
}

/** How the server writes an empty value (src/domain/audit-changes.ts): nothing to strike through. */
const EMPTY = '（空）';

/** Each changed field on a line: its name, then the value before (struck through) and after. */
function Changes({ changes }: { changes: AuditEntry['changes'] }) {
  return (
    <ul className="audit-changes" style={{ margin: 0, paddingInlineStart: 16 }}>
      {changes.map((c) => (
        <li key={c.field}>
          <Typography.Text type="secondary">{c.label}：</Typography.Text>
          {c.before !== null &&
            (c.before === EMPTY ? (
              <Typography.Text type="secondary">{c.before}</Typography.Text>
            ) : (
              <Typography.Text delete>{c.before}</Typography.Text>
            ))}
          {c.before !== null && c.after !== null && ' → '}
          {c.after !== null ? (
            <Typography.Text>{c.after}</Typography.Text>
          ) : (
            <Typography.Text type="secondary">（已去掉）</Typography.Text>
          )}
        </li>
      ))}
    </ul>
  );
}

interface FilterValues {
  actions?: string[];
  person?: string;
  days?: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null;
  ip?: string;
  target?: string;
}

/** The search form: what is typed is applied on 查询, so a half-typed name does not search. */
function AuditFilters({
  query,
  actions,
  onSearch,
}: {
  query: AuditQuery;
  actions: Array<{ value: string; label: string }>;
  onSearch: (q: AuditQuery) => void;
}) {
  const initial: FilterValues = {
    actions: query.action?.split(',').filter(Boolean),
    person: query.person,
    days:
      query.from || query.to
        ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]
        : null,
    ip: query.ip,
    target: query.target,
  };
  const submit = (v: FilterValues) =>
    onSearch({
      action: v.actions?.join(',') || undefined,
      person: v.person?.trim() || undefined,
      from: v.days?.[0]?.format('YYYY-MM-DD'),
      to: v.days?.[1]?.format('YYYY-MM-DD'),
      ip: v.ip?.trim() || undefined,
      target: v.target?.trim() || undefined,
    });
  return (
    <Form<FilterValues>
      layout="inline"
      initialValues={initial}
      onFinish={submit}
      style={{ marginBottom: 12, rowGap: 8 }}
      aria-label="审计日志查询条件"
    >
      <Form.Item name="actions" label="操作">
        <Select
          mode="multiple"
          allowClear
          placeholder="全部"
          style={{ minWidth: 220 }}
          options={actions}
          optionFilterProp="label"
          maxTagCount="responsive"
        />
      </Form.Item>
      <Form.Item name="person" label="人员">
        <Input allowClear placeholder="姓名或登录名" style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="days" label="日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="ip" label="IP">
        <Input allowClear style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name="target" label="对象">
        <Input allowClear placeholder="如 user:12" style={{ width: 130 }} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button onClick={() => onSearch({})}>重置</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
