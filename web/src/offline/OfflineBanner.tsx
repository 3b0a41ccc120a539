import { Alert, Button, Flex } from 'antd';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { ACTION_LABELS } from '../api/labels';
import type { Me } from '../api/types';
import { useConnection } from './connection';
import { type OutboxItem, useOutbox } from './outbox';
import { sendOutbox } from './send';

const OFFLINE = '网络已断开，正在显示离线保存的内容；操作将在联网后发送。';
const UNREACHABLE = '网络不稳定，连接不上服务器，正在显示离线保存的内容；操作将在联网后发送。';

/** While steps wait and the phone says it is online, tried again this often (a weak link drops requests silently). */
const RETRY_MS = 30_000;
/**
 * When an unanswered app asks the server whether it is back: soon at first (a phone that has
 * just found a signal says "online" a moment before anything gets through), then every 15 s.
 */
const PING_AFTER_MS = [2_000, 4_000, 8_000, 15_000];

function ItemLinks({ items }: { items: OutboxItem[] }) {
  return (
    <Flex vertical gap={2}>
      {items.map((i) => (
        <span key={i.id}>
          <Link to={`/orders/${i.orderId}`}>
            {i.orderCode} {i.orderTitle}
          </Link>
          ：{ACTION_LABELS[i.action]}
        </span>
      ))}
    </Flex>
  );
}

/**
 * Says plainly when the phone is offline and what waits to be sent, and sends the waiting steps
 * when the connection returns (and every half minute while any wait).
 */
export function OfflineBanner({ me }: { me: Me }) {
  const connection = useConnection();
  const online = connection === 'online';
  const items = useOutbox(me.id);
  const pending = items.filter((i) => i.state === 'pending');
  const failed = items.filter((i) => i.state === 'failed');
  const waiting = pending.length > 0;

  // Tried whenever the phone claims a connection: on a weak signal a send may get through.
  const phoneOnline = connection !== 'offline';
  useEffect(() => {
    if (!phoneOnline || !waiting) return;
    void sendOutbox(me);
    const timer = window.setInterval(() => void sendOutbox(me), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [phoneOnline, waiting, me]);

  // The server answers again after a spell without answers: send what waits now, not at the next retry.
  const wasUnreachable = useRef(false);
  useEffect(() => {
    if (connection === 'unreachable') wasUnreachable.current = true;
    else if (connection === 'online' && wasUnreachable.current) {
      wasUnreachable.current = false;
      if (waiting) void sendOutbox(me);
    }
  }, [connection, waiting, me]);

  const retry = async () => {
    await api.get('/api/health').catch(() => undefined);
    void sendOutbox(me);
  };

  // Not answered but not offline: ask the server now and then, so the banner goes when it answers.
  useEffect(() => {
    if (connection !== 'unreachable') return;
    let attempt = 0;
    let timer = 0;
    const ping = () => {
      const wait = PING_AFTER_MS[Math.min(attempt++, PING_AFTER_MS.length - 1)];
      timer = window.setTimeout(() => {
        void api.get('/api/health').catch(() => undefined);
        ping();
      }, wait);
    };
    ping();
    return () => window.clearTimeout(timer);
  }, [connection]);

  return (
    <>
      {!online && (
        <Alert
          type="warning"
          showIcon
          banner
          style={{ marginBottom: 8 }}
          role="status"
          title={connection === 'offline' ? OFFLINE : UNREACHABLE}
          action={
            connection === 'unreachable' ? (
              <Button size="small" onClick={retry}>
                重试
              </Button>
            ) : undefined
          }
          description={waiting ? `待发送 ${pending.length} 项操作。` : undefined}
        />
      )}
      {online && waiting && (
        <Alert
          type="info"
          showIcon
          banner
          style={{ marginBottom: 8 }}
          role="status"
          title={`正在发送离线时保存的 ${pending.length} 项操作……`}
          action={
            <Button size="small" onClick={() => void sendOutbox(me)}>
              立即发送
            </Button>
          }
        />
      )}
      {failed.length > 0 && (
        <Alert
          type="error"
          showIcon
          banner
          style={{ marginBottom: 8 }}
          role="alert"
          title={`${failed.length} 项离线操作未能发送，填写的内容仍保存在本机；请打开工单查看原因：`}
          description={<ItemLinks items={failed} />}
        />
      )}
    </>
  );
}
