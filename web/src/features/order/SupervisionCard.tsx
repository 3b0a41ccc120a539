import { Alert, App, Button, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ordersApi } from '../../api/orders';
import type { OrderDetail } from '../../api/types';
import { useMe } from '../../app/auth';
import { fmtTime } from '../../lib/time';
import { useUnits } from '../../lib/useUnits';

/** Urges (and whether they were read), phone supervision and escalation of the order. */
export function SupervisionCard({ order, onChanged }: { order: OrderDetail; onChanged: () => void }) {
  const me = useMe();
  const units = useUnits();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<number>();
  const s = order.supervision;
  const acknowledges = order.abilities.includes('urge.acknowledge');
  const hasAny =
    order.urges.length > 0 || order.counts.phoneSupervisions > 0 || s.escalatedAt || s.proposedBecause.length;
  if (!hasAny) return null;

  const read = async (urgeId: number) => {
    setBusy(urgeId);
    try {
      await ordersApi.readUrge(order.id, urgeId);
      message.success('已阅知催办');
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card size="small" title="督查督办">
      <Flex vertical gap={8}>
        {s.proposedBecause.length > 0 && (
          <Alert type="warning" showIcon title={`建议报专项督办：${s.proposedBecause.join('；')}`} />
        )}
        {s.escalatedAt && (
          <div>
            <Tag color={s.concludedAt ? 'green' : 'red'}>{s.concludedAt ? '督办已办结' : '专项督办中'}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              报督办 {fmtTime(s.escalatedAt)}
              {s.reportedAt && ` · 报县领导 ${fmtTime(s.reportedAt)}`}
              {s.concludedAt && ` · 办结 ${fmtTime(s.concludedAt)}`}
            </Typography.Text>
          </div>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          催办 {order.counts.urges} 次 · 电话督办 {order.counts.phoneSupervisions} 次
        </Typography.Text>
        {order.urges.map((u) => (
          <div key={u.id} style={{ borderTop: '1px dashed #f0f0f0', paddingTop: 6 }}>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text style={{ fontSize: 13 }}>
                {u.auto ? <Tag>系统催办</Tag> : <Tag color="orange">催办</Tag>}
                {fmtTime(u.createdAt)} → {units.find((x) => x.id === u.unitId)?.name ?? ''}
              </Typography.Text>
              {u.readAt ? (
                <Tag color="green">已阅 {fmtTime(u.readAt, false)}</Tag>
              ) : acknowledges && u.unitId === me.unitId ? (
                <Button size="small" type="primary" loading={busy === u.id} onClick={() => void read(u.id)}>
                  {/* An action, said as one: 「已阅」 on a button reads as a state already reached. */}
                  确认已阅
                </Button>
              ) : (
                <Tag color="red">未阅</Tag>
              )}
            </Flex>
            <Typography.Text style={{ fontSize: 13 }}>{u.message}</Typography.Text>
          </div>
        ))}
      </Flex>
    </Card>
  );
}
