import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { notificationsApi } from '../api/admin';
import type { Notification } from '../api/types';
import { fmtTime } from '../lib/time';

const POLL_MS = 60_000;

/** Urges, warnings and assignments addressed to the user; checked every minute and on each page. */
export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<Notification[]>([]);
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();

  const load = useCallback(async () => {
    try {
      const r = await notificationsApi.list(20);
      setUnread(r.unread);
      setItems(r.items);
    } catch {
      /* the bell stays as it was */
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh on every page change
  useEffect(() => {
    void load();
  }, [location.pathname, load]);
  useEffect(() => {
    const t = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(t);
  }, [load]);

  const pick = async (n: Notification) => {
    setOpen(false);
    if (!n.readAt) {
      const r = await notificationsApi.read(n.id).catch(() => null);
      if (r) setUnread(r.unread);
    }
    if (n.orderId) navigate(`/orders/${n.orderId}`);
    void load();
  };

  const content = (
    <div style={{ width: 320, maxHeight: 420, overflowY: 'auto' }}>
      {items.length === 0 && <Empty description="暂无通知" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {items.map((n) => (
        <button
          key={n.id}
          type="button"
          onClick={() => void pick(n)}
          style={{
            display: 'block',
            width: '100%',
            textAlign: 'left',
            border: 0,
            borderBottom: '1px solid #f0f0f0',
            background: n.readAt ? 'transparent' : '#f0f7ff',
            padding: '8px 6px',
            cursor: 'pointer',
          }}
        >
          <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {n.body}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {fmtTime(n.createdAt)}
          </Typography.Text>
        </button>
      ))}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Flex justify="space-between" align="center">
          <span>通知</span>
          {unread > 0 && (
            <Button
              size="small"
              type="link"
              onClick={async () => {
                await notificationsApi.readAll().catch(() => null);
                void load();
              }}
            >
              全部已读
            </Button>
          )}
        </Flex>
      }
      content={content}
    >
      <Button type="text" aria-label={`通知,${unread} 条未读`}>
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
