import { Alert, Card, Typography } from 'antd';
import type { OrderDetail } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { ReplyView } from './ReplyView';

/** 阅批 status of a leader-instructed or urgent order, as the unit and the office see it. */
export function LeaderReadNotice({ order }: { order: OrderDetail }) {
  const r = order.leaderRead;
  if (!r.required) return null;
  return r.at ? (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 12 }}
      title={`主要负责人 ${r.byName} 已于 ${fmtTime(r.at)} 阅批`}
      description={r.instruction ? `阅批意见：${r.instruction}` : undefined}
    />
  ) : (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title="待主要负责人阅批：阅批后本单位才能提交答复"
    />
  );
}

/**
 * At the top of the order, while a reply sent back by the unit's leader waits to be changed: on a
 * phone the draft's card is screens down, and the page otherwise just says 办理中.
 */
export function SentBackNotice({ order }: { order: OrderDetail }) {
  const sentBack = order.signOff.draft?.sentBack;
  if (!sentBack || order.state !== 'handling') return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={`答复被 ${sentBack.byName} 于 ${fmtTime(sentBack.at)} 退回修改，请按意见修改后重新提交签发`}
      description={sentBack.comment}
    />
  );
}

/** The reply drafted for a leader's sign-off (待签发), or the one sent back with the comment. */
export function SignOffCard({ order }: { order: OrderDetail }) {
  const draft = order.signOff.draft;
  if (!draft) return null;
  const waiting = order.state === 'pending_sign_off';
  return (
    <Card size="small" title={waiting ? '待签发的答复' : '被退回修改的答复'}>
      <Typography.Text type="secondary">
        {draft.submittedByName} 于 {fmtTime(draft.submittedAt)} 提交签发
      </Typography.Text>
      {draft.sentBack && !waiting && (
        <Alert
          type="error"
          showIcon
          style={{ margin: '8px 0' }}
          title={`${draft.sentBack.byName} 于 ${fmtTime(draft.sentBack.at)} 退回修改`}
          description={draft.sentBack.comment}
        />
      )}
      <ReplyView reply={{ ...draft.reply, repliedAt: draft.submittedAt }} compact />
    </Card>
  );
}
