import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { OrderListItem } from '../../api/types';
import { useMe } from '../../app/auth';
import { fmtDeadline } from '../../lib/time';
import { cardDeadline, type ListDeadline, listBadges, rowDeadline } from './badges';
import { BadgeTag } from './tags';

/**
 * The list on a phone: one card per order, the whole card is the link. The start-up script draws
 * the same cards before the app has loaded (web/src/early/queueView.ts): keep the two alike.
 * `deadline`: which deadline the cards show (the handling deadline, or in 待签收 the sign-for one).
 */
export function OrderCards({
  items,
  deadline = 'handle',
  empty,
}: {
  items: OrderListItem[];
  deadline?: ListDeadline;
  /** What an empty list says (「暂无工单」 when omitted). */
  empty?: ReactNode;
}) {
  const navigate = useNavigate();
  const me = useMe();
  if (items.length === 0) return empty ?? <Empty description="暂无工单" />;
  return (
    <Flex vertical gap={8} role="list" aria-label="工单列表">
      {items.map((o) => (
        <Card
          key={o.id}
          size="small"
          role="listitem"
          hoverable
          onClick={() => navigate(`/orders/${o.id}`)}
          styles={{ body: { padding: 12 } }}
        >
          <Flex justify="space-between" align="start" gap={8}>
            <div style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text strong style={{ fontSize: 15, display: 'block' }}>
                <a href={`/orders/${o.id}`} onClick={(e) => e.preventDefault()} style={{ color: 'inherit' }}>
                  {o.title}
                </a>
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {o.code} · {o.leadUnit?.name ?? '未派发'}
              </Typography.Text>
              <Flex wrap gap={4} style={{ marginTop: 6 }} align="center">
                {listBadges(o, rowDeadline(o, me, deadline).badge).map((badge) => (
                  <BadgeTag key={badge.label} badge={badge} />
                ))}
                {((d) =>
                  d && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {d.label} {fmtDeadline(d.at, false)}
                    </Typography.Text>
                  ))(cardDeadline(o, me, deadline))}
              </Flex>
            </div>
            <RightOutlined style={{ color: '#bbb', marginTop: 4 }} />
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
