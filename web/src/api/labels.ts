/**
 * Chinese names for the server's codes. They restate the server's label tables (the app
 * imports nothing at run time from the server); `satisfies Record<…>` keeps them complete.
 */
import type {
  Action,
  CallbackResult,
  ContactMethod,
  OrderState,
  OrderType,
  RedoReason,
  Role,
  SourceChannel,
  Urgency,
} from './types';

export const STATE_LABELS = {
  pending_dispatch: '待派发',
  pending_sign: '待签收',
  return_requested: '回退待审',
  handling: '办理中',
  pending_review: '待审核',
  pending_callback: '待回访',
  closed: '已办结',
  voided: '已作废',
} satisfies Record<OrderState, string>;

export const STATE_COLORS = {
  pending_dispatch: 'gold',
  pending_sign: 'blue',
  return_requested: 'purple',
  handling: 'processing',
  pending_review: 'cyan',
  pending_callback: 'geekblue',
  closed: 'success',
  voided: 'default',
} satisfies Record<OrderState, string>;

export const TYPE_LABELS = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
  other: '其他',
} satisfies Record<OrderType, string>;

export const CHANNEL_LABELS = {
  city_platform: '市级平台',
  phone: '电话',
  fax: '传真',
  walk_in: '来访',
  web: '网络',
  other: '其他',
} satisfies Record<SourceChannel, string>;

export const URGENCY_LABELS = { normal: '普通件', urgent: '急件', leader: '领导批示件' } satisfies Record<
  Urgency,
  string
>;

export const ACTION_LABELS = {
  dispatch: '派发',
  sign: '签收',
  requestReturn: '申请回退',
  approveReturn: '同意回退',
  rejectReturn: '不同意回退',
  requestExtension: '申请延期',
  approveExtension: '同意延期',
  rejectExtension: '不同意延期',
  reportProgress: '报告进展',
  coSign: '协办签收',
  coOpinion: '提交协办意见',
  reply: '办结反馈',
  recordFaxReply: '传真代录',
  acceptReview: '审核通过',
  orderRedo: '退回重办',
  callback: '回访',
  close: '办结',
  void: '作废',
  merge: '合并',
  urge: '催办',
  recordPhoneSupervision: '记录电话督办',
  escalate: '报督查室专项督办',
  recordSupervisionFinding: '记录督查情况',
  reportToLeaders: '报告县政府主要领导',
  concludeSupervision: '督查办结',
} satisfies Record<Action, string>;

export const CALLBACK_LABELS = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  unreachable: '联系不上',
} satisfies Record<CallbackResult, string>;

export const REDO_REASON_LABELS = {
  late: '办理不及时',
  unclear: '办理结果不明确',
  poor_quality: '办理质量不高',
  not_done: '符合政策规定应办未办',
  citizen_unsatisfied: '群众不满意',
} satisfies Record<RedoReason, string>;

export const CONTACT_METHOD_LABELS = {
  phone: '电话',
  visit: '上门/当面',
  sms: '短信',
  other: '其他',
} satisfies Record<ContactMethod, string>;

export const ROLE_LABELS = {
  dispatcher: '派单员',
  reviewer: '审核员',
  unit_liaison: '单位联络员',
  unit_leader: '单位分管领导',
  unit_main_leader: '单位主要负责人',
  supervisor: '督查室督查员',
  county_leader: '县政府领导',
  admin: '系统管理员',
  auditor: '审计管理员',
  city_platform: '市级平台(接口)',
} satisfies Record<Role, string>;

export const ATTACHMENT_PURPOSE_LABELS: Record<string, string> = {
  material: '工单材料',
  extension_scan: '延期申请扫描件',
  fax_reply: '传真答复件',
  photo: '现场照片',
  other: '其他',
};

export const DAY_KIND_LABELS = {
  workday: '工作日',
  weekend: '周末',
  holiday: '节假日',
  makeup: '调休上班',
} as const;

export const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as Array<[K, string]>).map(([value, label]) => ({ value, label }));
