import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { DeadlineReading, OrderDetail } from '../../api/types';
import { fmtDeadline } from '../../lib/time';
import type { ClockKind } from '../orders/badges';
import { clockTimeLeft } from '../orders/clocks';

/** One of the order's deadlines (`kind`: which clock; the handling deadline unless said), with its time left. */
export function Deadline({
  d,
  label,
  kind = 'handle',
}: {
  d: DeadlineReading;
  label: string;
  kind?: ClockKind;
}) {
  if (!d.at) return null;
  const type = d.status === 'overdue' ? 'danger' : d.status === 'due_soon' ? 'warning' : undefined;
  const left = clockTimeLeft(kind, d);
  return (
    <div>
      {label}：<Typography.Text strong>{fmtDeadline(d.at)}</Typography.Text>
      {left && <Typography.Text type={type}>（{left}）</Typography.Text>}
    </div>
  );
}

export function Rule({ children }: { children: ReactNode }) {
  return <div style={{ lineHeight: 1.8 }}>{children}</div>;
}

/**
 * The co-units whose opinion has not come, named where the lead writes its reply, the leader signs
 * it and the office reviews it: the lead answers for the whole matter, and a co-unit that never
 * signed is otherwise seen only on the order's page.
 */
export function CoUnitsWithoutOpinion({ order }: { order: OrderDetail }) {
  const waiting = order.assignments.filter((a) => a.active && a.role === 'co' && !a.opinionAt);
  if (waiting.length === 0) return null;
  const state = (a: (typeof waiting)[number]) =>
    [a.signedAt ? '已签收' : '未签收', a.silent ? '已记未按期反馈' : ''].filter(Boolean).join('，');
  return (
    <div data-testid="co-units-without-opinion">
      <Typography.Text type="warning">
        尚未提出协办意见：{waiting.map((a) => `${a.unitName}（${state(a)}）`).join('、')}
      </Typography.Text>
    </div>
  );
}
