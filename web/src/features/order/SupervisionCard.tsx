import { Alert, App, Button, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ordersApi } from '../../api/orders';
import type { OrderDetail } from '../../api/types';
import { useMe } from '../../app/auth';
import { fmtTime } from '../../lib/time';
import { useUnits } from '../../lib/useUnits';

/** Marking an urge read (阅知), for the unit it was sent to. */
function useReadUrge(order: OrderDetail, onChanged: () => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<number>();
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
  return { busy, read };
}

/**
 * The office's urges to the viewer's unit not yet read, at the top of the order where the unit
 * works, with 确认已阅 at hand: in the supervision card a phone shows them a screen and a half down.
 */
export function UnreadUrges({ order, onChanged }: { order: OrderDetail; onChanged: () => void }) {
  const me = useMe();
  const { busy, read } = useReadUrge(order, onChanged);
  if (!order.abilities.includes('urge.acknowledge')) return null;
  const unread = order.urges.filter((u) => !u.readAt && u.unitId === me.unitId);
  if (unread.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="note"
      aria-label="未阅的催办"
      style={{ marginBottom: 12 }}
      title={`县热线办催办（${unread.length} 条未阅）`}
      description={
        <Flex vertical gap={6}>
          {unread.map((u) => (
            <Flex key={u.id} justify="space-between" align="center" gap={8} wrap>
              <span>
                {fmtTime(u.createdAt)}
                {u.auto ? '（系统催办）' : ''}：{u.message}
              </span>
              <Button size="small" type="primary" loading={busy === u.id} onClick={() => void read(u.id)}>
                确认已阅
              </Button>
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}

/** Urges (and whether they were read), phone supervision and escalation of the order. */
export function SupervisionCard({ order, onChanged }: { order: OrderDetail; onChanged: () => void }) {
  const me = useMe();
  const units = useUnits();
  const { busy, read } = useReadUrge(order, onChanged);
  const s = order.supervision;
  const acknowledges = order.abilities.includes('urge.acknowledge');
  const hasAny =
    order.urges.length > 0 || order.counts.phoneSupervisions > 0 || s.escalatedAt || s.proposedBecause.length;
  if (!hasAny) return null;

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
