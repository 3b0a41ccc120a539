import type { ReplyContent } from '../reply-standard.js';
import type { DecidedEvent } from './event-payloads.js';
import type { PendingExtension } from './order-snapshot.js';
import type { LeaderReading, ReplyDraft } from './sign-off-types.js';
import type { CallbackResult, OrderState } from './states.js';

/** The closed list of timeline event types (the immutable record of everything that happened). */
export const EVENT_TYPES = [
  'registered',
  'updated',
  'attachment_added',
  'dispatched',
  'signed',
  'return_requested',
  'return_approved',
  'return_rejected',
  'extension_requested',
  'extension_approved',
  'extension_rejected',
  'extension_withdrawn',
  'progress_reported',
  'co_signed',
  'co_opinion_given',
  'co_unit_silent',
  'co_unit_due_soon',
  'co_returned',
  'co_unit_added',
  'replied',
  'sign_off_requested',
  'signed_off',
  'sign_off_sent_back',
  'leader_read',
  'fax_reply_recorded',
  'review_accepted',
  'redo_ordered',
  'callback_recorded',
  'closed',
  'voided',
  'merged',
  'merge_received',
  'linked_repeat',
  'reclassified',
  'answered_on_spot',
  'cluster_raised',
  'due_soon',
  'overdue',
  'sign_overdue',
  'dispatch_overdue',
  'decision_overdue',
  'progress_missed',
  'urged',
  'urge_read',
  'phone_supervised',
  'escalated',
  'supervision_finding',
  'reported_to_leaders',
  'supervision_concluded',
  'on_site_supervised',
  'tracking_started',
  'tracking_followed_up',
  'tracking_ended',
  'city_supplemented',
  'city_cancel_requested',
  'city_deadline_changed',
  'city_urged',
  'contact_revealed',
  'confidential_changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface StoredReply extends ReplyContent {
  repliedAt: string;
  replyingUnitId: number;
  viaFax: boolean;
  scanAttachmentId?: number;
  /** Signed off in Huiyin: the leader's account (the issuer is their name) and when. */
  issuerUserId?: number;
  signedOffAt?: string;
  /** Who drafted it (the liaison) when a leader signed it off. */
  draftedBy?: string;
  /** Typed issuer: the scan of the signed reply (签发件). */
  issuerScanAttachmentId?: number;
}

/** Fields of the order an action sets. Absent means unchanged; null clears. */
export interface OrderPatch {
  urgency?: 'normal' | 'urgent' | 'leader';
  leaderDeadline?: Date | null;
  dispatchedAt?: Date | null;
  signBy?: Date | null;
  returnBy?: Date | null;
  handleBy?: Date | null;
  coUnitBy?: Date | null;
  warnAt?: Date | null;
  /** The office's dispatch deadline and its warning instant (domain/office-clock.ts). */
  dispatchBy?: Date | null;
  dispatchWarnAt?: Date | null;
  /** Under an approved extension: when the unit's next progress report is due. */
  progressDueAt?: Date | null;
  leadUnitId?: number | null;
  stateBeforeReturn?: OrderState | null;
  pendingExtension?: PendingExtension | null;
  /** The office's clock to decide a unit's request (domain/office-decision.ts). */
  decisionRequestedAt?: Date | null;
  decideBy?: Date | null;
  returnCount?: number;
  extensionCount?: number;
  redoCount?: number;
  callbackCount?: number;
  lastCallbackResult?: CallbackResult | null;
  reply?: StoredReply | null;
  repliedAt?: Date | null;
  closedAt?: Date | null;
  voidReason?: string | null;
  mergedIntoId?: number | null;
  repeatOfId?: number | null;
  /** The request category (诉求分类), set or corrected by the office. */
  categoryId?: number | null;
  /** The knowledge version the office answered a consultation from (直办). */
  answeredOnSpotVersionId?: number | null;
  urgeCount?: number;
  phoneSupervisionCount?: number;
  escalatedAt?: Date | null;
  escalationReportedAt?: Date | null;
  escalationConcludedAt?: Date | null;
  replyDraft?: ReplyDraft | null;
  leaderRead?: LeaderReading | null;
}

export type AssignmentChange =
  | { op: 'replaceActive'; leadUnitId: number; coUnitIds: number[]; at: Date }
  | { op: 'deactivateAll' }
  | { op: 'sign'; unitId: number; at: Date; userId: number }
  | { op: 'opinion'; unitId: number; at: Date }
  | { op: 'silent'; unitIds: number[] }
  /** A co-unit's part returned: its assignment ends. */
  | { op: 'coReturned'; unitId: number; at: Date }
  /** The office adds a co-unit to an order already with the units. */
  | { op: 'addCo'; unitId: number; at: Date };

export type { DecidedEvent } from './event-payloads.js';

export interface Decision {
  from: OrderState;
  to: OrderState;
  patch: OrderPatch;
  assignments: AssignmentChange[];
  /** The action's own event first, then any consequences (e.g. silent co-units). */
  events: DecidedEvent[];
}

export const EVENT_LABELS: Record<EventType, string> = {
  registered: '登记工单',
  updated: '修改工单',
  attachment_added: '上传附件',
  dispatched: '派发',
  signed: '签收',
  return_requested: '申请回退',
  return_approved: '同意回退',
  return_rejected: '不同意回退',
  extension_requested: '申请延期',
  extension_approved: '同意延期',
  extension_rejected: '不同意延期',
  extension_withdrawn: '延期申请撤销',
  progress_reported: '报告进展',
  co_signed: '协办签收',
  co_opinion_given: '提交协办意见',
  co_unit_silent: '协办单位逾期未提交意见',
  co_unit_due_soon: '预警：协办意见期限将至',
  co_returned: '协办单位回退',
  co_unit_added: '增加协办单位',
  replied: '办结反馈',
  sign_off_requested: '提交领导签发',
  signed_off: '领导签发',
  sign_off_sent_back: '领导退回修改',
  leader_read: '主要负责人阅批',
  fax_reply_recorded: '传真代录答复',
  review_accepted: '审核通过',
  redo_ordered: '退回重办',
  callback_recorded: '回访',
  closed: '办结',
  voided: '作废',
  merged: '合并',
  merge_received: '合并来电',
  linked_repeat: '关联为重复件',
  reclassified: '修改诉求分类',
  answered_on_spot: '直办答复（引用知识库）',
  cluster_raised: '聚集性诉求提醒',
  due_soon: '预警：办理期限将至',
  overdue: '超期：已过办理期限',
  sign_overdue: '超时未签收',
  dispatch_overdue: '分发超时：县热线办未在分发时限内派发',
  decision_overdue: '审批超时：县热线办未在审批时限内审批单位的申请',
  progress_missed: '进展未报：延期后未按时报告办理进展',
  urged: '催办',
  urge_read: '单位已阅催办',
  phone_supervised: '电话督办',
  escalated: '报督查室专项督办',
  supervision_finding: '督查情况',
  reported_to_leaders: '报告县政府主要领导',
  supervision_concluded: '督查办结',
  on_site_supervised: '现场督办',
  tracking_started: '开始跟踪督办',
  tracking_followed_up: '跟踪督办跟进',
  tracking_ended: '结束跟踪督办',
  city_supplemented: '市平台补充诉求',
  city_cancel_requested: '市平台撤单',
  city_deadline_changed: '市平台变更期限',
  city_urged: '市平台催办',
  contact_revealed: '查看来电人完整联系方式',
  confidential_changed: '修改保密标记',
};
