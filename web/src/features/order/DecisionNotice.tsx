import { Alert } from 'antd';
import type { OrderDetail } from '../../api/types';
import { useMe } from '../../app/auth';
import { fmtTime } from '../../lib/time';

/** The states in which the lead unit holds the order and acts on it. */
const HELD: readonly OrderDetail['state'][] = ['pending_sign', 'handling'];

/**
 * The office's 「不同意」 on the lead unit's last request to return the order or extend its deadline,
 * at the top of the order with the office's reason, while the unit holds it: at the top a phone
 * showed only 「回退期限 已关闭」, the reason being in the timeline at the bottom.
 */
export function DecisionNotice({ order }: { order: OrderDetail }) {
  const me = useMe();
  if (order.leadUnit?.id !== me.unitId || !HELD.includes(order.state)) return null;
  const lastReturn = order.timeline.findLast(
    (e) => e.type === 'return_requested' || e.type === 'return_approved' || e.type === 'return_rejected',
  );
  const lastExtension = order.timeline.findLast(
    (e) =>
      e.type === 'extension_requested' || e.type === 'extension_approved' || e.type === 'extension_rejected',
  );
  const refusals = [
    ...(lastReturn?.type === 'return_rejected'
      ? [{ kind: 'return', at: lastReturn.at, opinion: lastReturn.payload.opinion }]
      : []),
    ...(lastExtension?.type === 'extension_rejected'
      ? [{ kind: 'extension', at: lastExtension.at, opinion: lastExtension.payload.opinion }]
      : []),
  ];
  return refusals.map((r) => (
    <Alert
      key={r.kind}
      type="info"
      showIcon
      role="note"
      aria-label={r.kind === 'return' ? '不同意回退' : '不同意延期'}
      style={{ marginBottom: 12 }}
      title={`县热线办不同意${r.kind === 'return' ? '回退' : '延期'}（${fmtTime(r.at)}）`}
      description={
        <>
          <div style={{ whiteSpace: 'pre-wrap' }}>意见：{r.opinion}</div>
          <div>{r.kind === 'return' ? '工单仍由本单位办理。' : '办理期限不变，请在期限内办结反馈。'}</div>
        </>
      }
    />
  ));
}
