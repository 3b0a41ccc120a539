import { Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  ATTACHMENT_PURPOSE_LABELS,
  CALLBACK_LABELS,
  REDO_REASON_LABELS,
  URGENCY_LABELS,
} from '../../api/labels';
import type { CallbackResult, RedoReason, StoredReply, TimelineEvent, Urgency } from '../../api/types';
import { fmtDeadline, fmtTime } from '../../lib/time';
import { ReplyView } from './ReplyView';

type P = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

function Line({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div>
      <Typography.Text type="secondary">{label}:</Typography.Text>
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
  unitName: (id: unknown) => string;
}) {
  const p = event.payload as P;
  const late = p.late === true ? <Typography.Text type="danger">(逾期)</Typography.Text> : null;
  switch (event.type) {
    case 'dispatched': {
      const co = Array.isArray(p.coUnitIds) ? (p.coUnitIds as unknown[]).map(unitName).join('、') : '';
      return (
        <>
          <Line label="牵头单位">{unitName(p.leadUnitId)}</Line>
          <Line label="协办单位">{co}</Line>
          <Line label="紧急程度">{URGENCY_LABELS[p.urgency as Urgency]}</Line>
          <Line label="签收期限">{fmtDeadline(s(p.signBy))}</Line>
          <Line label="办理期限">{fmtDeadline(s(p.handleBy))}</Line>
          {s(p.coUnitBy) && <Line label="协办意见期限">{fmtDeadline(s(p.coUnitBy))}</Line>}
          {Array.isArray(p.clippedByCity) && p.clippedByCity.length > 0 && (
            <Line label="说明">已按市平台期限提前</Line>
          )}
          <Line label="派单说明">{s(p.note)}</Line>
        </>
      );
    }
    case 'signed':
      return late;
    case 'return_requested':
      return (
        <>
          <Line label="回退理由">{s(p.reason)}</Line>
          <Line label="建议承办单位">{s(p.suggestedUnit)}</Line>
        </>
      );
    case 'return_approved':
    case 'return_rejected':
    case 'review_accepted':
    case 'extension_rejected':
      return <Line label="意见">{s(p.opinion)}</Line>;
    case 'extension_requested':
      return (
        <>
          <Line label="申请延期至">{fmtDeadline(s(p.requestedDeadline))}</Line>
          <Line label="理由">{s(p.reason)}</Line>
          <Line label="主要负责人签字">{s(p.mainLeaderName)}</Line>
        </>
      );
    case 'extension_approved':
      return (
        <>
          <Line label="新的办理期限">{fmtDeadline(s(p.newDeadline) ?? s(p.handleBy))}</Line>
          <Line label="意见">{s(p.opinion)}</Line>
        </>
      );
    case 'progress_reported':
      return <Line label="进展">{s(p.content)}</Line>;
    case 'co_signed':
      return <Line label="协办单位">{unitName(p.unitId)}</Line>;
    case 'co_opinion_given':
      return (
        <>
          <Line label="协办单位">{unitName(p.unitId)}</Line>
          <Line label="协办意见">{s(p.content)}</Line>
          {late}
        </>
      );
    case 'co_returned':
      return (
        <>
          <Line label="协办单位">{unitName(p.unitId)}</Line>
          <Line label="回退理由">{s(p.reason)}</Line>
          <Line label="建议协办单位">{s(p.suggestedUnit)}</Line>
        </>
      );
    case 'co_unit_added':
      return (
        <>
          <Line label="增加的协办单位">{unitName(p.unitId)}</Line>
          <Line label="协办意见期限">{p.coUnitBy ? fmtDeadline(String(p.coUnitBy)) : '—'}</Line>
          {p.note ? <Line label="说明">{s(p.note)}</Line> : null}
        </>
      );
    case 'co_unit_silent':
      return <Line label="未按期提交意见的协办单位">{unitName(p.unitId)}</Line>;
    case 'replied':
    case 'fax_reply_recorded':
      return (
        <>
          {late}
          {p.reply ? <ReplyView reply={p.reply as StoredReply} compact /> : null}
        </>
      );
    case 'redo_ordered':
      return (
        <>
          <Line label="重办原因">
            {Array.isArray(p.reasons)
              ? (p.reasons as RedoReason[]).map((r) => REDO_REASON_LABELS[r] ?? r).join('、')
              : null}
          </Line>
          <Line label="意见">{s(p.opinion)}</Line>
          <Line label="重办期限">{fmtDeadline(s(p.handleBy))}</Line>
        </>
      );
    case 'callback_recorded':
      return (
        <>
          <Line label="回访结果">{CALLBACK_LABELS[p.result as CallbackResult]}</Line>
          <Line label="记录">{s(p.note)}</Line>
        </>
      );
    case 'closed':
      return (
        <>
          <Line label="满意度">
            {p.satisfaction ? CALLBACK_LABELS[p.satisfaction as CallbackResult] : null}
          </Line>
          <Line label="说明">{s(p.explanation)}</Line>
        </>
      );
    case 'voided':
    case 'merged':
      return <Line label="原因">{s(p.reason)}</Line>;
    case 'urged':
      return (
        <>
          <Line label="催办内容">{s(p.message)}</Line>
          {p.auto === true && <Typography.Text type="secondary">(系统自动催办)</Typography.Text>}
        </>
      );
    case 'phone_supervised':
      return (
        <>
          <Line label="通话时间">{fmtTime(s(p.calledAt))}</Line>
          <Line label="督办人 → 接听人">
            {`${s(p.callerName) ?? ''} → ${s(p.calleeName) ?? ''}(${unitName(p.calleeUnitId)})`}
          </Line>
          <Line label="通话内容">{s(p.summary)}</Line>
          <Line label="对方承诺">{s(p.promise)}</Line>
        </>
      );
    case 'escalated':
      return <Line label="理由">{s(p.reason)}</Line>;
    case 'supervision_finding':
      return (
        <>
          <Line label="督查情况">{s(p.findings)}</Line>
          <Line label="督办措施">{s(p.measures)}</Line>
        </>
      );
    case 'reported_to_leaders':
      return <Line label="报告内容">{s(p.summary)}</Line>;
    case 'supervision_concluded':
    case 'tracking_ended':
      return <Line label="结论">{s(p.conclusion)}</Line>;
    case 'on_site_supervised':
      return (
        <>
          <Line label="时间地点">{`${fmtTime(s(p.visitedAt) ?? '')} ${s(p.place) ?? ''}(${unitName(p.unitId)})`}</Line>
          <Line label="承诺/要求">{`${s(p.requirements) ?? ''}${p.dueOn ? `(${s(p.dueOn)} 前完成)` : ''}`}</Line>
        </>
      );
    case 'tracking_started':
      return (
        <>
          <Line label="被督办单位">{unitName(p.unitId)}</Line>
          <Line label="事由">{s(p.reason)}</Line>
          <Line label="跟进日期">{Array.isArray(p.checkpoints) ? p.checkpoints.join('、') : null}</Line>
        </>
      );
    case 'tracking_followed_up':
      return <Line label="办理进展">{s(p.progress)}</Line>;
    case 'city_supplemented':
      return <Line label="补充内容">{s(p.content)}</Line>;
    case 'city_cancel_requested':
      return <Line label="撤单原因">{s(p.reason)}</Line>;
    case 'city_deadline_changed':
      return (
        <>
          <Line label="原市平台期限">{fmtTime(s(p.previous) ?? '')}</Line>
          <Line label="新市平台期限">{fmtTime(s(p.cityDeadline) ?? '')}</Line>
        </>
      );
    case 'city_urged':
      return <Line label="催办内容">{s(p.message)}</Line>;
    case 'due_soon':
    case 'overdue':
    case 'sign_overdue':
    case 'dispatch_overdue':
    case 'progress_missed':
      return <Line label="期限">{fmtDeadline(s(p.deadline) ?? s(p.handleBy) ?? s(p.signBy))}</Line>;
    case 'attachment_added':
      return (
        <Line label="附件">
          {`${s(p.fileName) ?? ''}(${ATTACHMENT_PURPOSE_LABELS[s(p.purpose) ?? ''] ?? s(p.purpose) ?? ''})`}
        </Line>
      );
    case 'answered_on_spot':
      return (
        <>
          <Line label="引用知识条目">
            《{s(p.title)}》第 {String(p.versionNo)} 版({s(p.sourceDocument)})
          </Line>
          <Line label="答复内容">{s(p.answer)}</Line>
        </>
      );
    case 'registered':
      // An order the office imported from the city's export says so (the file and its row).
      return s(p.importedFrom) ? (
        <Line label="来源">{`由市平台导出表导入(${s(p.importedFrom)} 第 ${String(p.importedRow ?? '')} 行)`}</Line>
      ) : null;
    case 'urge_read':
      return null;
    default:
      return <OtherPayload p={p} />;
  }
}

/** Anything not known by name: its values in plain text, times in Beijing time. */
function OtherPayload({ p }: { p: P }) {
  const entries = Object.entries(p).filter(([, v]) => typeof v === 'string' || typeof v === 'number');
  if (entries.length === 0) return null;
  return (
    <>
      {entries.map(([k, v]) => (
        <div key={k}>{typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? fmtTime(v) : String(v)}</div>
      ))}
    </>
  );
}
