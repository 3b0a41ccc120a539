import { Alert, Button, Flex, Typography } from 'antd';
import { ACTION_LABELS } from '../api/labels';
import type { Action } from '../api/types';
import { fmtTime } from '../lib/time';
import { type OutboxItem, removeItem } from './outbox';

/**
 * The order's steps waiting in the outbox: what is pending (with 撤销, which leaves the typed
 * text as a draft) and what the server refused when it was sent (opened again in its form,
 * which shows the refusal or the 409 view with the user's text).
 */
export function OrderOutbox({
  userId,
  items,
  onOpen,
}: {
  userId: number;
  items: OutboxItem[];
  onOpen: (action: Action) => void;
}) {
  if (items.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      {items.map((i) =>
        i.state === 'pending' ? (
          <Alert
            key={i.id}
            type="info"
            showIcon
            title={`待发送：${ACTION_LABELS[i.action]}`}
            description={`${fmtTime(i.queuedAt)} 离线时保存，联网后自动发送。`}
            action={
              <Button size="small" onClick={() => removeItem(userId, i.id)}>
                撤销
              </Button>
            }
          />
        ) : (
          <Alert
            key={i.id}
            type="error"
            showIcon
            title={`未能发送：${ACTION_LABELS[i.action]}`}
            description={
              <Typography.Text>{i.error?.message} 您填写的内容已保留，请核对后重新提交。</Typography.Text>
            }
            action={
              <Flex vertical gap={4}>
                <Button size="small" type="primary" onClick={() => onOpen(i.action)}>
                  查看并重新提交
                </Button>
                <Button size="small" onClick={() => removeItem(userId, i.id)}>
                  放弃
                </Button>
              </Flex>
            }
          />
        ),
      )}
    </Flex>
  );
}
