import { App, Button, Card, Drawer, Grid, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useAsync } from '../../lib/useAsync';
import { type KnowledgeVersion, knowledgeApi, type VersionStatus } from './api';
import { ProposalForm } from './ProposalForm';
import { needsReview, ValidityTag } from './ValidityTag';

const STATUS_COLORS: Record<VersionStatus, string> = {
  pending: 'orange',
  approved: 'green',
  returned: 'red',
  superseded: 'default',
};

/** The knowledge base: entries by their latest version; units propose, the office approves or sends back. */
export default function KnowledgePage() {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const [status, setStatus] = useState<VersionStatus>();
  const list = useAsync(() => knowledgeApi.list(status), `knowledge:${status ?? ''}`);
  const [editing, setEditing] = useState<KnowledgeVersion | null | undefined>();
  const [history, setHistory] = useState<KnowledgeVersion[]>();
  const mayApprove = can('knowledge.approve');
  const mayPropose = can('knowledge.propose');
  const screens = Grid.useBreakpoint();
  const today = list.data?.today;
  const attention = (v: KnowledgeVersion) => (v.status === 'pending' ? 2 : needsReview(v, today) ? 1 : 0);
  const showVersions = async (entryId: number) => setHistory((await knowledgeApi.entry(entryId)).versions);

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      await list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败，请重试。');
    }
  };
  const sendBack = (v: KnowledgeVersion) => {
    let comment = '';
    Modal.confirm({
      title: `退回「${v.title}」`,
      content: <Input.TextArea rows={3} aria-label="退回意见" onChange={(e) => (comment = e.target.value)} />,
      okText: '退回',
      onOk: () => run(() => knowledgeApi.sendBack(v.versionId, v.entryVersion, comment), '已退回'),
    });
  };

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          知识库
        </Typography.Title>
      }
      extra={
        <Space>
          <Select
            allowClear
            placeholder="全部状态"
            aria-label="按状态筛选"
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={[
              { value: 'pending', label: '待审核' },
              { value: 'approved', label: '现行' },
              { value: 'returned', label: '已退回' },
            ]}
          />
          {mayPropose && (
            <Button type="primary" onClick={() => setEditing(null)}>
              提出知识条目
            </Button>
          )}
        </Space>
      }
    >
      <Table<KnowledgeVersion>
        rowKey="versionId"
        loading={list.loading}
        // Proposals waiting for a decision first (what the office has to do), then entries ended or
        // ending (what their units have to renew or let go).
        dataSource={[...(list.data?.items ?? [])].sort((a, b) => attention(b) - attention(a))}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: '标题',
            // The title opens the entry's versions; on a phone it also carries what the hidden columns say.
            render: (_, v) => (
              <>
                <Typography.Link
                  href={`#knowledge-${v.entryId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void showVersions(v.entryId);
                  }}
                >
                  {v.title}
                </Typography.Link>
                {!screens.md && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {v.kindLabel} · {v.ownerUnitName} · {v.validFrom} 至 {v.validUntil ?? '长期'}
                    </Typography.Text>{' '}
                    <ValidityTag version={v} today={today} />
                    <Tag color={STATUS_COLORS[v.status]}>
                      {v.statusLabel} · 第 {v.versionNo} 版
                    </Tag>
                  </div>
                )}
              </>
            ),
          },
          { title: '类型', dataIndex: 'kindLabel', width: 120, responsive: ['md'] },
          { title: '所属单位', dataIndex: 'ownerUnitName', width: 180, responsive: ['md'] },
          {
            title: '状态',
            width: 130,
            responsive: ['md'],
            render: (_, v) => (
              <Tag color={STATUS_COLORS[v.status]}>
                {v.statusLabel} · 第 {v.versionNo} 版
              </Tag>
            ),
          },
          {
            title: '有效期',
            width: 250,
            responsive: ['md'],
            render: (_, v) => (
              <>
                {`${v.validFrom} 至 ${v.validUntil ?? '长期'}`} <ValidityTag version={v} today={today} />
              </>
            ),
          },
          {
            title: '操作',
            width: screens.md ? 260 : 120,
            render: (_, v) => (
              <Space wrap>
                <Button size="small" onClick={() => void showVersions(v.entryId)}>
                  版本
                </Button>
                {mayApprove && v.status === 'pending' && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      aria-label={`审核通过「${v.title}」`}
                      onClick={() =>
                        run(() => knowledgeApi.approve(v.versionId, v.entryVersion), '已审核通过')
                      }
                    >
                      通过
                    </Button>
                    <Button size="small" danger onClick={() => sendBack(v)}>
                      退回
                    </Button>
                  </>
                )}
                {mayPropose && v.status !== 'pending' && (mayApprove || v.ownerUnitId === me?.unitId) && (
                  <Button size="small" onClick={() => setEditing(v)}>
                    修订
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing !== undefined && (
        <ProposalForm
          base={editing}
          chooseOwner={mayApprove}
          onClose={async (saved) => {
            setEditing(undefined);
            if (saved) {
              message.success('已提交，待热线办审核');
              await list.reload();
            }
          }}
        />
      )}
      <Drawer
        open={history !== undefined}
        onClose={() => setHistory(undefined)}
        title="全部版本"
        size="large"
      >
        {history?.map((v) => (
          <Card
            key={v.versionId}
            size="small"
            style={{ marginBottom: 12 }}
            title={`第 ${v.versionNo} 版`}
            extra={<Tag color={STATUS_COLORS[v.status]}>{v.statusLabel}</Tag>}
          >
            <Typography.Paragraph strong>{v.title}</Typography.Paragraph>
            <Typography.Paragraph>{v.body}</Typography.Paragraph>
            {v.keywords.length > 0 && (
              <Typography.Paragraph>群众常用说法：{v.keywords.join('、')}</Typography.Paragraph>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.sourceDocument}（{v.sourceDate}）· 有效期 {v.validFrom} 至 {v.validUntil ?? '长期'} ·{' '}
              {v.proposedByName} 提出{v.decidedByName ? ` · ${v.decidedByName} 审核` : ''}
              {v.decisionComment ? ` · 退回意见：${v.decisionComment}` : ''}
            </Typography.Text>
          </Card>
        ))}
      </Drawer>
    </Card>
  );
}
