import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  ATTACHMENT_PURPOSE_LABELS,
  CALLBACK_LABELS,
  categoryPath,
  OFFICE_REQUEST_LABELS,
  REDO_REASON_LABELS,
  URGENCY_LABELS,
} from '../../api/labels';
import type { TimelineEvent } from '../../api/types';
import { fmtDeadline, fmtTime } from '../../lib/time';
import { ReplyView } from './ReplyView';

const s = (v: string | null | undefined) => (v?.trim() ? v : null);
const Late = ({ late }: { late: boolean | undefined }) =>
  late === true ? <Typography.Text type="danger">（逾期）</Typography.Text> : null;

function Line({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {children}
    </div>
  );
}

/** The content of a timeline event, in words (never raw JSON). */
export function EventContent({
  event,
  unitName,
}: {
  event: TimelineEvent;
  unitName: (id: number | null | undefined) => string;
}) {
  switch (event.type) {
    case 'dispatched': {
      const p = event.payload;
      return (
        <>
          <Line label="牵头单位">{unitName(p.leadUnitId)}</Line>
          <Line label="协办单位">{p.coUnitIds.map(unitName).join('、')}</Line>
          <Line label="紧急程度">{URGENCY_LABELS[p.urgency]}</Line>
          <Line label="签收期限">{fmtDeadline(s(p.signBy))}</Line>
          <Line label="办理期限">{fmtDeadline(s(p.handleBy))}</Line>
          {s(p.coUnitBy) && <Line label="协办意见期限">{fmtDeadline(s(p.coUnitBy))}</Line>}
          {(p.clippedByCity?.length ?? 0) > 0 && <Line label="说明">已按市平台期限提前</Line>}
          <Line label="派单说明">{s(p.note)}</Line>
          {p.category && <Line label="诉求分类">{categoryPath(p.category)}</Line>}
        </>
      );
    }
    case 'signed':
      return <Late late={event.payload.late} />;
    case 'return_requested':
      return (
        <>
          <Line label="回退理由">{s(event.payload.reason)}</Line>
          <Line label="建议承办单位">{s(event.payload.suggestedUnit)}</Line>
        </>
      );
    case 'return_approved':
    case 'return_rejected':
    case 'review_accepted':
    case 'extension_rejected':
      return <Line label="意见">{s(event.payload.opinion)}</Line>;
    case 'extension_withdrawn':
      return <Line label="原因">{s(event.payload.reason)}</Line>;
    case 'extension_requested': {
      const p = event.payload;
      return (
        <>
          <Line label="申请延期至">{fmtDeadline(s(p.requestedDeadline))}</Line>
          <Line label="理由">{s(p.reason)}</Line>
          <Line label="主要负责人签字">{s(p.mainLeaderName)}</Line>
        </>
      );
    }
    case 'extension_approved': {
      const p = event.payload;
      return (
        <>
          <Line label="新的办理期限">{fmtDeadline(s(p.newDeadline) ?? s(p.handleBy))}</Line>
          <Line label="意见">{s(p.opinion)}</Line>
        </>
      );
    }
    case 'progress_reported':
      return <Line label="进展">{s(event.payload.content)}</Line>;
    case 'co_signed':
      return <Line label="协办单位">{unitName(event.payload.unitId)}</Line>;
    case 'co_opinion_given':
      return (
        <>
          <Line label="协办单位">{unitName(event.payload.unitId)}</Line>
          <Line label="协办意见">{s(event.payload.content)}</Line>
          <Late late={event.payload.late} />
        </>
      );
    case 'co_returned':
      return (
        <>
          <Line label="协办单位">{unitName(event.payload.unitId)}</Line>
          <Line label="回退理由">{s(event.payload.reason)}</Line>
          <Line label="建议协办单位">{s(event.payload.suggestedUnit)}</Line>
        </>
      );
    case 'co_unit_added': {
      const p = event.payload;
      return (
        <>
          <Line label="增加的协办单位">{unitName(p.unitId)}</Line>
          <Line label="协办意见期限">{p.coUnitBy ? fmtDeadline(p.coUnitBy) : '—'}</Line>
          {p.note ? <Line label="说明">{s(p.note)}</Line> : null}
        </>
      );
    }
    case 'co_unit_silent':
      // Recorded at the deadline it let pass (whoever saw it first, and however late): named, so a
      // record listed after later events says why it bears an earlier time.
      return (
        <>
          <Line label="未按期提交意见的协办单位">{unitName(event.payload.unitId)}</Line>
          {event.payload.deadline ? (
            <Line label="协办意见期限">{fmtDeadline(event.payload.deadline)}</Line>
          ) : null}
        </>
      );
    case 'co_unit_due_soon':
      return (
        <>
          <Line label="协办单位">{unitName(event.payload.unitId)}</Line>
          <Line label="协办意见期限">{fmtDeadline(event.payload.deadline)}</Line>
        </>
      );
    case 'replied':
      return (
        <>
          <Late late={event.payload.late} />
          <ReplyView reply={event.payload.reply} compact />
        </>
      );
    case 'fax_reply_recorded': {
      const backdated = event.payload.backdated;
      return (
        <>
          <Late late={event.payload.late} />
          {backdated && (
            <Line label="补录">{`${fmtTime(backdated.recordedAt)} 录入，说明：${backdated.reason}`}</Line>
          )}
          <ReplyView reply={event.payload.reply} compact />
        </>
      );
    }
    case 'redo_ordered': {
      const p = event.payload;
      return (
        <>
          <Line label="重办原因">{p.reasons.map((r) => REDO_REASON_LABELS[r] ?? r).join('、')}</Line>
          <Line label="意见">{s(p.opinion)}</Line>
          <Line label="重办期限">{fmtDeadline(s(p.handleBy))}</Line>
        </>
      );
    }
    case 'callback_recorded':
      return (
        <>
          <Line label="回访结果">{CALLBACK_LABELS[event.payload.result]}</Line>
          <Line label="记录">{s(event.payload.note)}</Line>
        </>
      );
    case 'closed': {
      const p = event.payload;
      return (
        <>
          <Line label="满意度">{p.satisfaction ? CALLBACK_LABELS[p.satisfaction] : null}</Line>
          <Line label="说明">{s(p.explanation)}</Line>
        </>
      );
    }
    case 'voided':
      return <Line label="原因">{s(event.payload.reason)}</Line>;
    case 'merged':
      return (
        <>
          <Line label="并入工单">
            <Link to={`/orders/${event.payload.intoOrderId}`}>{event.payload.intoCode ?? '查看'}</Link>
          </Line>
          <Line label="原因">{s(event.payload.reason)}</Line>
        </>
      );
    case 'merge_received':
      return (
        <>
          <Line label="合并的工单">{event.payload.fromCode}</Line>
          <Line label="原因">{s(event.payload.reason)}</Line>
        </>
      );
    case 'urged':
      return (
        <>
          <Line label="催办内容">{s(event.payload.message)}</Line>
          {event.payload.auto && <Typography.Text type="secondary">（系统自动催办）</Typography.Text>}
        </>
      );
    case 'phone_supervised': {
      const p = event.payload;
      return (
        <>
          <Line label="通话时间">{fmtTime(s(p.calledAt))}</Line>
          <Line label="督办人 → 接听人">{`${p.callerName} → ${p.calleeName}（${unitName(p.calleeUnitId)}）`}</Line>
          <Line label="通话内容">{s(p.summary)}</Line>
          <Line label="对方承诺">{s(p.promise)}</Line>
        </>
      );
    }
    case 'escalated':
      return <Line label="理由">{s(event.payload.reason)}</Line>;
    case 'supervision_finding':
      return (
        <>
          <Line label="督查情况">{s(event.payload.findings)}</Line>
          <Line label="督办措施">{s(event.payload.measures)}</Line>
        </>
      );
    case 'reported_to_leaders':
      return <Line label="报告内容">{s(event.payload.summary)}</Line>;
    case 'supervision_concluded':
    case 'tracking_ended':
      return <Line label="结论">{s(event.payload.conclusion)}</Line>;
    case 'on_site_supervised': {
      const p = event.payload;
      return (
        <>
          <Line label="时间地点">{`${fmtTime(p.visitedAt)} ${p.place}（${unitName(p.unitId)}）`}</Line>
          <Line label="承诺/要求">{`${p.requirements}${p.dueOn ? `（${p.dueOn} 前完成）` : ''}`}</Line>
        </>
      );
    }
    case 'tracking_started':
      return (
        <>
          <Line label="被督办单位">{unitName(event.payload.unitId)}</Line>
          <Line label="事由">{s(event.payload.reason)}</Line>
          <Line label="跟进日期">{event.payload.checkpoints.join('、')}</Line>
        </>
      );
    case 'tracking_followed_up':
      return <Line label="办理进展">{s(event.payload.progress)}</Line>;
    case 'city_supplemented':
      return <Line label="补充内容">{s(event.payload.content)}</Line>;
    case 'city_cancel_requested':
      return <Line label="撤单原因">{s(event.payload.reason)}</Line>;
    case 'city_deadline_changed':
      return (
        <>
          <Line label="原市平台期限">{fmtTime(event.payload.previous ?? '')}</Line>
          <Line label="新市平台期限">{fmtTime(event.payload.cityDeadline)}</Line>
        </>
      );
    case 'city_urged':
      return <Line label="催办内容">{s(event.payload.message)}</Line>;
    case 'decision_overdue': {
      const { request, deadline } = event.payload;
      return (
        <>
          <Line label="申请">{request ? OFFICE_REQUEST_LABELS[request] : null}</Line>
          <Line label="审批时限">{fmtDeadline(deadline)}</Line>
        </>
      );
    }
    case 'due_soon':
    case 'overdue':
    case 'sign_overdue':
    case 'dispatch_overdue':
    case 'progress_missed': {
      const p = event.payload;
      return <Line label="期限">{fmtDeadline(s(p.deadline) ?? s(p.handleBy) ?? s(p.signBy))}</Line>;
    }
    case 'attachment_added': {
      const { fileName, purpose } = event.payload;
      return <Line label="附件">{`${fileName}（${ATTACHMENT_PURPOSE_LABELS[purpose] ?? purpose}）`}</Line>;
    }
    case 'answered_on_spot': {
      const p = event.payload;
      return (
        <>
          <Line label="引用知识条目">
            《{p.title}》第 {p.versionNo} 版（{p.sourceDocument}）
          </Line>
          <Line label="答复内容">{s(p.answer)}</Line>
        </>
      );
    }
    case 'registered': {
      // An order the office imported from the city's export says so (the file and its row).
      const p = event.payload;
      return p.importedFrom ? (
        <Line label="来源">{`由市平台导出表导入（${p.importedFrom} 第 ${p.importedRow ?? ''} 行）`}</Line>
      ) : null;
    }
    case 'sign_off_requested':
      return <Line label="起草人">{event.payload.draftedBy}</Line>;
    case 'signed_off':
      return (
        <>
          <Line label="签发人">{event.payload.issuer}</Line>
          <Line label="起草人">{event.payload.draftedBy}</Line>
        </>
      );
    case 'sign_off_sent_back':
      return (
        <>
          <Line label="修改意见">{event.payload.comment}</Line>
          <Line label="起草人">{event.payload.draftedBy}</Line>
        </>
      );
    case 'leader_read':
      return <Line label="批示">{event.payload.instruction}</Line>;
    case 'linked_repeat':
      return <Line label="重复的工单">{event.payload.repeatOfCode}</Line>;
    case 'reclassified': {
      const p = event.payload;
      return (
        <>
          <Line label="原分类">{p.from ? categoryPath(p.from) : '未分类'}</Line>
          <Line label="改为">{categoryPath(p.to)}</Line>
          <Line label="原因">{s(p.reason)}</Line>
        </>
      );
    }
    case 'cluster_raised':
      return <Line label="地点">{event.payload.place}</Line>;
    case 'contact_revealed':
      return <Line label="查看理由">{event.payload.reason}</Line>;
    case 'confidential_changed':
      return <Line label="原因">{event.payload.reason}</Line>;
    case 'urge_read':
    case 'updated':
      return null;
  }
}
