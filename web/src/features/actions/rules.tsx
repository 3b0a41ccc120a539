import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { DeadlineReading } from '../../api/types';
import { fmtDeadline, hoursLeftText } from '../../lib/time';

export function Deadline({ d, label }: { d: DeadlineReading; label: string }) {
  if (!d.at) return null;
  const type = d.status === 'overdue' ? 'danger' : d.status === 'due_soon' ? 'warning' : undefined;
  return (
    <div>
      {label}：<Typography.Text strong>{fmtDeadline(d.at)}</Typography.Text>
      {d.workingHoursLeft !== null && (
        <Typography.Text type={type}>（{hoursLeftText(d.workingHoursLeft, d.naturalHours)}）</Typography.Text>
      )}
    </div>
  );
}

export function Rule({ children }: { children: ReactNode }) {
  return <div style={{ lineHeight: 1.8 }}>{children}</div>;
}
