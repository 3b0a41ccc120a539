import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, Grid, Popover, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { notificationsApi } from '../api/admin';
import type { Notification } from '../api/types';
import { fmtTime } from '../lib/time';
import { whenIdle } from '../lib/whenIdle';

/**
 * Urges, warnings and assignments addressed to the user, pushed live by the server over
 * Server-Sent Events (/api/notifications/stream); reloaded on each page and whenever the
 * stream says something new has arrived. EventSource reconnects by itself after a drop.
 */
export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<Notification[]>([]);
  const [open, setOpen] = useState(false);
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const location = useLocation();

  // The newest notification the list holds: the stream's answers are compared with it, the first
  // one too (a notice made between the page's load and the stream's opening is new to the list).
  const newestListed = useRef<number | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await notificationsApi.list(20);
      setUnread(r.unread);
      setItems(r.items);
      newestListed.current = r.items[0]?.id ?? 0;
    } catch {
      /* the bell stays as it was */
    }
  }, []);

  // Refreshed on every page change, once the page has drawn (whenIdle: the page's requests first).
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh on every page change
  useEffect(() => whenIdle(() => void load()), [location.pathname, load]);
  useEffect(() => {
    let stream: EventSource | null = null;
    const cancel = whenIdle(() => {
      stream = new EventSource('/api/notifications/stream');
      stream.addEventListener('unread', (e) => {
        const data = JSON.parse((e as MessageEvent<string>).data) as {
          unread: number;
          latest: { id: number } | null;
        };
        setUnread(data.unread);
        if (data.latest && data.latest.id !== newestListed.current) void load();
      });
    });
    return () => {
      cancel();
      stream?.close();
    };
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
    <div style={screens.sm ? { width: 320, maxHeight: 420, overflowY: 'auto' } : undefined}>
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

  const title = (
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
  );
  const bell = (
    <Button
      type="text"
      aria-label={`通知，${unread} 条未读`}
      onClick={screens.sm ? undefined : () => setOpen(true)}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );

  // On a phone a popover beside the bell would run off the screen: the panel takes the screen's width.
  if (!screens.sm) {
    return (
      <>
        {bell}
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="top"
          size="auto"
          title={title}
          rootClassName="notification-panel"
        >
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={title}
      content={content}
    >
      {bell}
    </Popover>
  );
}
