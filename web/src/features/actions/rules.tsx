import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { DeadlineReading } from '../../api/types';
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
