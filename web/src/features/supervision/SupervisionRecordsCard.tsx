import { Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OrderDetail } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { useAsync } from '../../lib/useAsync';
import { supervisionRecordsApi, type Tracking, type Visit } from './api';
import { type RecordForm, SupervisionRecordForms } from './SupervisionRecordForms';

const STATUS_COLORS = { done: 'green', due: 'orange', missed: 'red', ahead: 'default' } as const;

function VisitView({ v }: { v: Visit }) {
  return (
    <Descriptions
      size="small"
      column={1}
      title={<span style={{ fontSize: 13 }}>现场督办 · {v.unitName}</span>}
      items={[
        { key: 'at', label: '时间地点', children: `${fmtTime(v.visitedAt)} ${v.place}` },
        { key: 'who', label: '督办人员', children: v.visitors },
        { key: 'met', label: '见到', children: v.metWith },
        { key: 'found', label: '发现', children: v.findings },
        {
          key: 'req',
          label: '承诺/要求',
          children: `${v.requirements}${v.dueOn ? `（${v.dueOn} 前完成）` : ''}`,
        },
      ]}
    />
  );
}

function TrackingView({
  t,
  mayRecord,
  open,
}: {
  t: Tracking;
  mayRecord: boolean;
  open: (f: RecordForm) => void;
}) {
  return (
    <section style={{ borderTop: '1px dashed #f0f0f0', paddingTop: 6 }} aria-label={`跟踪督办 ${t.unitName}`}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text strong style={{ fontSize: 13 }}>
          跟踪督办 · {t.unitName}{' '}
          <Tag color={t.endedAt ? 'green' : 'blue'}>{t.endedAt ? '已结束' : '跟踪中'}</Tag>
        </Typography.Text>
        {mayRecord && !t.endedAt && (
          <Flex gap={4}>
            <Button size="small" onClick={() => open({ kind: 'followUp', tracking: t })}>
              登记跟进
            </Button>
            <Button size="small" onClick={() => open({ kind: 'end', tracking: t })}>
              结束跟踪
            </Button>
          </Flex>
        )}
      </Flex>
      <Typography.Paragraph style={{ fontSize: 13, margin: '4px 0' }}>
        {t.reason}（{t.startedByName} {fmtTime(t.startedAt)} 开始）
      </Typography.Paragraph>
      <Flex gap={4} wrap>
        {t.checkpoints.map((c) => (
          <Tag key={c.date} color={STATUS_COLORS[c.status]}>
            {c.date} {c.label}
          </Tag>
        ))}
      </Flex>
      {t.followUps.map((f) => (
        <Typography.Paragraph key={f.id} style={{ fontSize: 13, margin: '4px 0 0' }}>
          {fmtTime(f.followedAt)} {f.method}：{f.progress}
        </Typography.Paragraph>
      ))}
      {t.conclusion && (
        <Typography.Paragraph style={{ fontSize: 13, margin: '4px 0 0' }}>
          结论：{t.conclusion}（{t.endedByName} {fmtTime(t.endedAt)}）
        </Typography.Paragraph>
      )}
    </section>
  );
}

/** 现场督办 and 跟踪督办 of the order: shown to those who may read them (a unit: its own), recorded by the offices. */
export function SupervisionRecordsCard({ order, onChanged }: { order: OrderDetail; onChanged: () => void }) {
  const readable = order.abilities.includes('supervision.readRecords');
  const records = useAsync(
    () => (readable ? supervisionRecordsApi.of(order.id) : Promise.resolve(undefined)),
    `${order.id}:${order.version}:${readable}`,
  );
  const [form, setForm] = useState<RecordForm | null>(null);
  const data = records.data;
  if (!readable || !data) return null;
  const mayRecord = order.abilities.includes('supervision.record');
  const finished = ['closed', 'voided', 'merged'].includes(order.state);
  if (!mayRecord && data.visits.length === 0 && data.trackings.length === 0) return null;
  return (
    <Card size="small" title="现场督办与跟踪督办" role="region" aria-label="现场督办与跟踪督办">
      <Flex vertical gap={8}>
        {mayRecord && !finished && (
          <Flex gap={8} wrap>
            <Button size="small" onClick={() => setForm({ kind: 'visit' })}>
              记录现场督办
            </Button>
            <Button size="small" onClick={() => setForm({ kind: 'tracking' })}>
              开始跟踪督办
            </Button>
          </Flex>
        )}
        {data.visits.length + data.trackings.length === 0 && (
          <Typography.Text type="secondary">尚无现场督办、跟踪督办记录。</Typography.Text>
        )}
        {data.visits.map((v) => (
          <VisitView key={`v${v.id}`} v={v} />
        ))}
        {data.trackings.map((t) => (
          <TrackingView key={`t${t.id}`} t={t} mayRecord={mayRecord} open={setForm} />
        ))}
      </Flex>
      <SupervisionRecordForms order={order} form={form} onClose={() => setForm(null)} onDone={onChanged} />
    </Card>
  );
}
