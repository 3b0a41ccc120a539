/** The states of a work order (see docs/domain.md, "A work order's life"). */
export const ORDER_STATES = [
  'pending_dispatch',
  'pending_sign',
  'return_requested',
  'handling',
  'pending_sign_off',
  'pending_review',
  'pending_callback',
  'closed',
  'voided',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** A state as stored (text), checked: a value outside the workflow is a broken row, not a state. */
export function orderState(stored: string): OrderState {
  const found = ORDER_STATES.find((s) => s === stored);
  if (!found) throw new Error(`unknown order state ${stored}`);
  return found;
}

export const STATE_LABELS: Record<OrderState, string> = {
  pending_dispatch: '待派发',
  pending_sign: '待签收',
  return_requested: '回退待审',
  handling: '办理中',
  pending_sign_off: '待签发',
  pending_review: '待审核',
  pending_callback: '待回访',
  closed: '已办结',
  voided: '已作废',
};

export const FINAL_STATES: readonly OrderState[] = ['closed', 'voided'];
export const isOpen = (state: OrderState): boolean => !FINAL_STATES.includes(state);

/** The one state the office's dispatch clock (分发时限, 第一时间分发) runs in. */
export const DISPATCH_CLOCK_STATE: OrderState = 'pending_dispatch';

/**
 * States in which a unit's handling clock runs (due soon / overdue apply). A reply waiting for
 * the unit's leader to sign it off (待签发) has not reached the office: the clock still runs.
 */
export const UNIT_CLOCK_STATES: readonly OrderState[] = [
  'pending_sign',
  'return_requested',
  'handling',
  'pending_sign_off',
];

export const ORDER_TYPES = [
  'consult',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
  'other',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
export const ORDER_TYPE_LABELS: Record<OrderType, string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
  other: '其他',
};

export const SOURCE_CHANNELS = ['city_platform', 'phone', 'fax', 'walk_in', 'web', 'other'] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];
export const SOURCE_LABELS: Record<SourceChannel, string> = {
  city_platform: '市级平台',
  phone: '电话',
  fax: '传真',
  walk_in: '来访',
  web: '网络',
  other: '其他',
};

export const URGENCY_LABELS = { normal: '普通件', urgent: '急件', leader: '领导批示件' } as const;

export const CALLBACK_RESULTS = ['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'] as const;
export type CallbackResult = (typeof CALLBACK_RESULTS)[number];
export const CALLBACK_LABELS: Record<CallbackResult, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  unreachable: '联系不上',
};

export const REDO_REASONS = ['late', 'unclear', 'poor_quality', 'not_done', 'citizen_unsatisfied'] as const;
export type RedoReason = (typeof REDO_REASONS)[number];
export const REDO_REASON_LABELS: Record<RedoReason, string> = {
  late: '办理不及时',
  unclear: '办理结果不明确',
  poor_quality: '办理质量不高',
  not_done: '符合政策规定应办未办',
  citizen_unsatisfied: '群众不满意',
};
