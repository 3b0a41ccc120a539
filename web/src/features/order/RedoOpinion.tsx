import { Alert } from 'antd';
import type { CSSProperties } from 'react';
import { REDO_REASON_LABELS } from '../../api/labels';
import type { OrderDetail } from '../../api/types';
import { fmtDeadline, fmtTime } from '../../lib/time';

/** The unit is working on a redo: handling it again or waiting for its leader's sign-off. */
const REDOING: readonly OrderDetail['state'][] = ['handling', 'pending_sign_off'];

/** The reviewer's latest 退回重办 on the timeline, while the unit is redoing the order. */
export function currentRedo(order: OrderDetail) {
  if (order.redoCount === 0 || !REDOING.includes(order.state)) return null;
  const event = order.timeline.findLast((t) => t.type === 'redo_ordered');
  if (!event) return null;
  const p = event.payload;
  return {
    at: event.at,
    reasons: p.reasons.map((r) => REDO_REASON_LABELS[r] ?? r),
    opinion: p.opinion,
    handleBy: p.handleBy ?? null,
  };
}

/**
 * The reviewer's redo opinion where the unit works — at the top of the order and inside the reply
 * form — not only at the bottom of the timeline, where a liaison on a phone never scrolls.
 */
export function RedoOpinion({ order, style }: { order: OrderDetail; style?: CSSProperties }) {
  const redo = currentRedo(order);
  if (!redo) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="note"
      aria-label="退回重办意见"
      style={{ marginBottom: 12, ...style }}
      title={`退回重办意见（第 ${order.redoCount} 次重办，${fmtTime(redo.at)}）`}
      description={
        <>
          {redo.reasons.length > 0 && <div>重办原因：{redo.reasons.join('、')}</div>}
          <div style={{ whiteSpace: 'pre-wrap' }}>意见：{redo.opinion}</div>
          {redo.handleBy && <div>重办期限：{fmtDeadline(redo.handleBy)}</div>}
        </>
      }
    />
  );
}
