import { Card, Flex, Typography } from 'antd';
import type { OrderDetail } from '../../api/types';
import { fmtDeadline, fmtTime } from '../../lib/time';
import type { ClockKind } from '../orders/badges';
import { clockBadge, clockTimeLeft } from '../orders/clocks';
import { BadgeTag } from '../orders/tags';
import type { CoPart } from './coPart';

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
 * The clocks a co-unit reads: its opinion's, and the lead's handling deadline for information. The
 * sign-for and return clocks are the lead's, as are the office's dispatch and the progress reports;
 * a co-unit's own return goes with its opinion's window, closed once it has given it.
 */
function shownToCoUnit(key: ClockKind, part: CoPart): boolean {
  if (key === 'return') return !part.opinionAt;
  return key === 'coUnit' || key === 'handle';
}

/**
 * Each deadline in Beijing time, with the working time left while its clock runs, in the words
 * the lists use for the same clock (badges.ts, CLOCK_WORDS).
 */
export function DeadlinesCard({ order, coPart = null }: { order: OrderDetail; coPart?: CoPart | null }) {
  const rows = ROWS.filter(
    (r) =>
      order.deadlines[r.key].at &&
      (!ONLY_WHILE_RUNNING.has(r.key) || order.deadlines[r.key].status) &&
      (coPart === null || shownToCoUnit(r.key, coPart)),
  ).map((r) => (coPart && r.key === 'handle' ? { ...r, label: '牵头单位办理期限' } : r));
  return (
    <Card size="small" title="办理时限">
      {rows.length === 0 && <Typography.Text type="secondary">工单派发后计算各项时限。</Typography.Text>}
      <Flex vertical gap={8}>
        {rows.map((r) => {
          const d = order.deadlines[r.key];
          // A co-unit that has given its opinion owes nothing more on its clock.
          const answered = r.key === 'coUnit' && coPart?.opinionAt;
          const left = answered
            ? `已于 ${fmtTime(coPart.opinionAt as string)} 提出协办意见`
            : clockTimeLeft(r.key, d, !!order.decision);
          // Past while the office has the unit's request: no lateness of the unit's, not red.
          const excused = r.key === 'handle' && d.status === 'overdue' && !!order.decision;
          return (
            <div key={r.key} data-testid={`deadline-${r.key}`}>
              <Flex justify="space-between" wrap gap={4}>
                <Typography.Text type="secondary">{r.label}</Typography.Text>
                <span>
                  <Typography.Text strong>{fmtDeadline(d.at)}</Typography.Text>{' '}
                  {!answered && <BadgeTag badge={clockBadge(r.key, d.status, !!order.decision)} />}
                </span>
              </Flex>
              {left && (
                <Typography.Text
                  type={
                    answered
                      ? 'success'
                      : d.status === 'overdue'
                        ? excused
                          ? 'warning'
                          : 'danger'
                        : d.status === 'due_soon'
                          ? 'warning'
                          : 'secondary'
                  }
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
