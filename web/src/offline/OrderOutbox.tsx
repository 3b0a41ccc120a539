import { Alert, Button, Descriptions, Flex, Grid, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ACTION_LABELS, EVENT_LABELS } from '../api/labels';
import type { Action, OrderDetail } from '../api/types';
import { fmtTime } from '../lib/time';
import { type OutboxItem, removeItem } from './outbox';

/**
 * The order's steps waiting in the outbox: what is pending (with 撤销, which leaves the typed
 * text as a draft) and what the server refused when it was sent. A refused step still offered is
 * opened again in its form, which shows the refusal or the 409 view with the user's text; one the
 * order has moved past (a colleague submitted the reply meanwhile) says who did what, and keeps
 * the typed text readable to copy.
 */
export function OrderOutbox({
  userId,
  items,
  order,
  onOpen,
}: {
  userId: number;
  items: OutboxItem[];
  order: OrderDetail;
  onOpen: (action: Action) => void;
}) {
  const [shown, setShown] = useState<OutboxItem | null>(null);
  // On a phone the buttons go under the text: beside it they squeezed it into a narrow column.
  const phone = !Grid.useBreakpoint().md;
  if (items.length === 0) return null;
  const failedButtons = (i: OutboxItem) => (
    <Flex vertical={!phone} gap={phone ? 8 : 4} wrap>
      {order.allowedActions.includes(i.action) ? (
        <Button size="small" type="primary" onClick={() => onOpen(i.action)}>
          查看并重新提交
        </Button>
      ) : (
        <Button size="small" type="primary" onClick={() => setShown(i)}>
          查看填写的内容
        </Button>
      )}
      <Button size="small" onClick={() => removeItem(userId, i.id)}>
        放弃
      </Button>
    </Flex>
  );
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
              <>
                <Typography.Text>{refusalText(i, order)}</Typography.Text>
                {phone && <div style={{ marginTop: 8 }}>{failedButtons(i)}</div>}
              </>
            }
            action={phone ? undefined : failedButtons(i)}
          />
        ),
      )}
      <Modal
        open={shown !== null}
        title={shown ? `您填写的内容：${ACTION_LABELS[shown.action]}` : ''}
        onCancel={() => setShown(null)}
        footer={null}
      >
        {shown && <TypedText item={shown} />}
      </Modal>
    </Flex>
  );
}

/** Why the step was not taken: the server's reason, or what the order became meanwhile, and by whom. */
function refusalText(item: OutboxItem, order: OrderDetail): string {
  const kept = '您填写的内容仍保存在本机';
  const last = order.timeline.filter((e) => e.id > item.lastEventId).at(-1);
  const who = last
    ? `${last.actorName} 于 ${fmtTime(last.at)}「${EVENT_LABELS[last.type] ?? last.type}」，`
    : '';
  if (!order.allowedActions.includes(item.action))
    return `工单已有变化：${who}此操作已不能再提交。${kept}，可查看后复制使用；不需要时请点「放弃」。`;
  // A version conflict's own message tells to reload the page, which the outbox has done already.
  const reason =
    item.error?.code === 'VERSION_CONFLICT'
      ? `工单已有变化：${who}已载入最新内容。`
      : (item.error?.message ?? '');
  return `${reason}${kept}，请核对后重新提交。`;
}

const PART_LABELS: Record<string, string> = {
  findings: '办理情况',
  result: '处理结果',
  basis: '政策依据',
  explanation: '说服疏导',
  issuer: '签发人',
  handlerName: '承办人',
  handlerPhone: '承办人电话',
  content: '内容',
};

/** The text the user typed for the step, each part copyable. */
function TypedText({ item }: { item: OutboxItem }) {
  const reply = item.body.reply as Record<string, unknown> | undefined;
  const parts = Object.entries({ ...(reply ?? {}), content: item.body.content }).filter(
    (entry): entry is [string, string] =>
      entry[0] in PART_LABELS && typeof entry[1] === 'string' && entry[1] !== '',
  );
  if (parts.length === 0) return <Typography.Text type="secondary">这一步没有填写文字。</Typography.Text>;
  return (
    <Descriptions
      column={1}
      size="small"
      items={parts.map(([key, value]) => ({
        key,
        label: PART_LABELS[key],
        children: <Typography.Paragraph copyable={{ text: value }}>{value}</Typography.Paragraph>,
      }))}
    />
  );
}
