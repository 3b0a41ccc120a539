import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ACTION_LABELS } from '../../api/labels';
import type { OrderListItem } from '../../api/types';
import { useMe } from '../../app/auth';
import { fmtDeadline } from '../../lib/time';
import { useOutbox } from '../../offline/outbox';
import { cardDeadline, type ListDeadline, listBadges } from './badges';
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
  // Steps taken offline and not yet sent, by order: the card says so (the list is the copy from before).
  const outbox = useOutbox(me.id);
  const waiting = (orderId: number) =>
    outbox.filter((i) => i.orderId === orderId && i.state === 'pending').map((i) => ACTION_LABELS[i.action]);
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
                {((d) => (
                  <>
                    {listBadges(o, d.badge).map((badge) => (
                      <BadgeTag key={badge.label} badge={badge} />
                    ))}
                    {waiting(o.id).map((label) => (
                      <BadgeTag
                        key={`outbox-${label}`}
                        badge={{ label: `待发送：${label}`, color: 'blue' }}
                      />
                    ))}
                    {d.at && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {d.label} {fmtDeadline(d.at, false)}
                      </Typography.Text>
                    )}
                  </>
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
