import { Alert, Card, Empty, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { PollHealth } from '../../../../src/modules/city/city-link.service';
import { fmtTime } from '../../lib/time';

type PollRun = PollHealth['runs'][number];

const OUTCOMES: Record<PollRun['outcome'], { label: string; color: string }> = {
  ok: { label: '成功', color: 'green' },
  refused: { label: '被拒绝', color: 'red' },
  failed: { label: '失败', color: 'orange' },
};

/** What the latest outcome asks of the people reading it. */
const ADVICE: Record<Exclude<PollRun['outcome'], 'ok'>, string> = {
  refused: '不改设置（或市平台不改）会一直如此：请系统管理员核对工单列表地址和接口密钥，或与市平台联系。',
  failed: '可能自行恢复，系统按拉取间隔继续尝试；持续出现请与市平台联系。',
};

const when = (r: PollRun) =>
  r.firstAt === r.lastAt ? fmtTime(r.lastAt) : `${fmtTime(r.firstAt)} 至 ${fmtTime(r.lastAt)}`;

/**
 * How the pulls of the city's order list went lately: the office sees it on its 市平台对接 page,
 * the administrator below the settings (`inner`), so a refused or failing poll is not only in the service log.
 */
export function CityPollCard({
  poll,
  extra,
  inner,
}: {
  poll: PollHealth;
  extra?: ReactNode;
  inner?: boolean;
}) {
  const latest = poll.runs[0];
  return (
    <Card title="工单列表拉取" extra={extra} {...(inner ? { type: 'inner', style: { marginTop: 24 } } : {})}>
      <Typography.Paragraph type="secondary">
        {poll.configured
          ? `每 ${poll.everySeconds} 秒从市平台工单列表拉取一次新工单。最近一次读到列表：${poll.lastReadAt ? fmtTime(poll.lastReadAt) : '还没有'}。`
          : '现在没有拉取：市平台推送工单时不需要；需要时由系统管理员在「市平台对接设置」中启用并填写工单列表地址和拉取间隔。'}
      </Typography.Paragraph>
      {latest && latest.outcome !== 'ok' && (
        <Alert
          type={latest.outcome === 'refused' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={`最近一次拉取${OUTCOMES[latest.outcome].label}：${latest.reason ?? ''}`}
          description={ADVICE[latest.outcome]}
        />
      )}
      <Table<PollRun>
        rowKey={(r) => `${r.firstAt}-${r.outcome}`}
        size="small"
        dataSource={poll.runs}
        locale={{ emptyText: <Empty description="还没有拉取过" /> }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '时间', render: (_, r) => when(r) },
          {
            title: '结果',
            dataIndex: 'outcome',
            render: (o: PollRun['outcome']) => <Tag color={OUTCOMES[o].color}>{OUTCOMES[o].label}</Tag>,
          },
          { title: '次数', dataIndex: 'polls' },
          { title: '登记', dataIndex: 'received' },
          { title: '未能登记', dataIndex: 'refusedOrders' },
          { title: '原因', dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
        ]}
      />
    </Card>
  );
}
