import { Descriptions, Tag } from 'antd';
import { CONTACT_METHOD_LABELS } from '../../api/labels';
import type { ShownReply } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { useUnits } from '../../lib/useUnits';

/** A reply in the notice's parts: 办理情况, 处理结果, 政策依据, 说服疏导, and who signed it. */
export function ReplyView({ reply, compact }: { reply: ShownReply; compact?: boolean }) {
  const units = useUnits();
  const unit = units.find((u) => u.id === reply.replyingUnitId)?.name;
  const c = reply.citizenContact;
  const items = [
    { key: 'findings', label: '办理情况', children: reply.findings },
    { key: 'result', label: '处理结果', children: reply.result },
    { key: 'basis', label: '政策依据', children: reply.basis },
    ...(reply.unreasonableDemand
      ? [{ key: 'explanation', label: '说服疏导', children: reply.explanation ?? '' }]
      : []),
    {
      key: 'who',
      label: '签发/承办',
      // A draft waiting for the leader has no issuer yet: it says so instead of an empty name.
      children: `签发人${reply.issuer ? ` ${reply.issuer}` : '（待领导签发）'}${reply.issuerUserId ? '（系统签发）' : ''}；承办人 ${reply.handlerName}，电话 ${reply.handlerPhone}${unit ? `；答复单位 ${unit}` : ''}`,
    },
    ...(c
      ? [
          {
            key: 'contact',
            label: '答复群众',
            children: `${fmtTime(c.contactedAt)} 由 ${c.contactedBy} 通过${CONTACT_METHOD_LABELS[c.method] ?? c.method}答复；群众意见：${c.citizenResponse}`,
          },
        ]
      : []),
    {
      key: 'at',
      label: '答复时间',
      children: (
        <>
          {fmtTime(reply.repliedAt)} {reply.viaFax && <Tag color="orange">传真代录</Tag>}
        </>
      ),
    },
  ];
  return <Descriptions size="small" column={1} bordered={!compact} items={items} style={{ marginTop: 4 }} />;
}
