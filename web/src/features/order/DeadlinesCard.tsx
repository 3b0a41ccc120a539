import { Card, Flex, Tag, Typography } from 'antd';
import type { DeadlineReading, OrderDetail } from '../../api/types';
import { fmtDeadline, hoursLeftText } from '../../lib/time';
import { signBadge } from '../orders/badges';
import { BadgeTag } from '../orders/tags';

const ROWS: Array<{ key: keyof OrderDetail['deadlines']; label: string }> = [
  { key: 'sign', label: '签收期限' },
  { key: 'return', label: '回退期限' },
  { key: 'handle', label: '办理期限' },
  { key: 'coUnit', label: '协办意见期限' },
  // Shown only while their clocks run: the office's dispatch clock, the next progress report.
  { key: 'dispatch', label: '分发时限' },
  { key: 'progressReport', label: '下次进展报告' },
];

const ONLY_WHILE_RUNNING = new Set<string>(['dispatch', 'progressReport']);

function StatusTag({ d, kind }: { d: DeadlineReading; kind: string }) {
  // The return window is a window, not a duty: once past it is simply closed.
  if (kind === 'return')
    return d.status === 'overdue' ? <Tag>已关闭</Tag> : d.status ? <Tag color="blue">可回退</Tag> : null;
  if (kind === 'dispatch' && d.status === 'overdue') return <Tag color="red">分发超时</Tag>;
  if (kind === 'dispatch' && d.status === 'due_soon') return <Tag color="orange">即将超时</Tag>;
  // The sign-for clock in the words of the unit's 待签收 (即将超时、已超时).
  if (kind === 'sign' && d.status !== 'ok') return <BadgeTag badge={signBadge(d.status)} />;
  if (kind === 'progressReport' && d.status === 'overdue') return <Tag color="red">进展未报</Tag>;
  if (d.status === 'overdue') return <Tag color="red">超期</Tag>;
  if (d.status === 'due_soon') return <Tag color="orange">预警</Tag>;
  if (d.status === 'ok') return <Tag color="green">正常</Tag>;
  return null;
}

/** Each deadline in Beijing time, with the working time left while its clock runs. */
export function DeadlinesCard({ order }: { order: OrderDetail }) {
  const rows = ROWS.filter(
    (r) => order.deadlines[r.key].at && (!ONLY_WHILE_RUNNING.has(r.key) || order.deadlines[r.key].status),
  );
  return (
    <Card size="small" title="办理时限">
      {rows.length === 0 && <Typography.Text type="secondary">工单派发后计算各项时限。</Typography.Text>}
      <Flex vertical gap={8}>
        {rows.map((r) => {
          const d = order.deadlines[r.key];
          return (
            <div key={r.key} data-testid={`deadline-${r.key}`}>
              <Flex justify="space-between" wrap gap={4}>
                <Typography.Text type="secondary">{r.label}</Typography.Text>
                <span>
                  <Typography.Text strong>{fmtDeadline(d.at)}</Typography.Text>{' '}
                  <StatusTag d={d} kind={r.key} />
                </span>
              </Flex>
              {d.workingHoursLeft !== null && !(r.key === 'return' && d.status === 'overdue') && (
                <Typography.Text
                  type={d.status === 'overdue' ? 'danger' : d.status === 'due_soon' ? 'warning' : 'secondary'}
                  style={{ fontSize: 12 }}
                >
                  {hoursLeftText(d.workingHoursLeft, d.naturalHours)}
                </Typography.Text>
              )}
            </div>
          );
        })}
        {order.cityDeadline && (
          <Flex justify="space-between">
            <Typography.Text type="secondary">市平台期限</Typography.Text>
            <Typography.Text>{fmtDeadline(order.cityDeadline)}</Typography.Text>
          </Flex>
        )}
        {order.leaderDeadline && (
          <Flex justify="space-between">
            <Typography.Text type="secondary">领导批示期限</Typography.Text>
            <Typography.Text>{fmtDeadline(order.leaderDeadline)}</Typography.Text>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
