import { Card, Flex, Typography } from 'antd';
import type { OrderDetail } from '../../api/types';
import { fmtDeadline } from '../../lib/time';
import type { ClockKind } from '../orders/badges';
import { clockBadge, clockTimeLeft } from '../orders/clocks';
import { BadgeTag } from '../orders/tags';

const ROWS: Array<{ key: ClockKind; label: string }> = [
  { key: 'sign', label: '签收期限' },
  { key: 'return', label: '回退期限' },
  { key: 'handle', label: '办理期限' },
  { key: 'coUnit', label: '协办意见期限' },
  // Shown only while their clocks run: the office's dispatch clock, the next progress report.
  { key: 'dispatch', label: '分发时限' },
  { key: 'progressReport', label: '下次进展报告' },
];

const ONLY_WHILE_RUNNING = new Set<string>(['dispatch', 'progressReport']);

/**
 * Each deadline in Beijing time, with the working time left while its clock runs, in the words
 * the lists use for the same clock (badges.ts, CLOCK_WORDS).
 */
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
          const left = clockTimeLeft(r.key, d);
          return (
            <div key={r.key} data-testid={`deadline-${r.key}`}>
              <Flex justify="space-between" wrap gap={4}>
                <Typography.Text type="secondary">{r.label}</Typography.Text>
                <span>
                  <Typography.Text strong>{fmtDeadline(d.at)}</Typography.Text>{' '}
                  <BadgeTag badge={clockBadge(r.key, d.status, !!order.decision)} />
                </span>
              </Flex>
              {left && (
                <Typography.Text
                  type={d.status === 'overdue' ? 'danger' : d.status === 'due_soon' ? 'warning' : 'secondary'}
                  style={{ fontSize: 12 }}
                >
                  {left}
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
