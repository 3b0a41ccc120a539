import type { OrderState } from './states.js';

/**
 * The transition table: which action may be taken from which state by whom, and where it
 * leads. It is the single statement of the workflow; the rest of the program asks it.
 *
 * `who` is the actor's relation to the order: the hotline office's dispatcher or reviewer,
 * the order's lead unit, or one of its co-units.
 */
export type Relation =
  | 'dispatcher'
  | 'reviewer'
  | 'lead'
  | 'co'
  | 'supervisor'
  /** A leader (分管领导 or 主要负责人) of the lead unit: signs its replies off (签发). */
  | 'leadLeader'
  /** The lead unit's main leader (主要负责人): reads leader-instructed and urgent orders (阅批). */
  | 'leadMainLeader'
  /** Anyone of the hotline office, dispatcher or reviewer: what either may do (改分类). */
  | 'office';

export const ACTIONS = [
  'dispatch',
  'sign',
  'requestReturn',
  'approveReturn',
  'rejectReturn',
  'requestExtension',
  'approveExtension',
  'rejectExtension',
  'reportProgress',
  'coSign',
  'coOpinion',
  'coReturn',
  'addCoUnit',
  'reply',
  'submitForSignOff',
  'signOff',
  'sendBackSignOff',
  'leaderRead',
  'recordFaxReply',
  'acceptReview',
  'orderRedo',
  'callback',
  'close',
  'void',
  'merge',
  'linkRepeat',
  'reclassify',
  'answerOnSpot',
  'urge',
  'recordPhoneSupervision',
  'escalate',
  'recordSupervisionFinding',
  'reportToLeaders',
  'concludeSupervision',
] as const;
export type Action = (typeof ACTIONS)[number];

/** `same` keeps the state (a side process); `previous` returns to the state before a return request. */
export type Target = OrderState | 'same' | 'previous';

export interface Transition {
  action: Action;
  from: readonly OrderState[];
  who: Relation;
  to: Target;
}

const OPEN: readonly OrderState[] = [
  'pending_dispatch',
  'pending_sign',
  'return_requested',
  'handling',
  'pending_sign_off',
  'pending_review',
  'pending_callback',
];
const UNIT_AT_WORK: readonly OrderState[] = [
  'pending_sign',
  'return_requested',
  'handling',
  'pending_sign_off',
];
/** The unit holds the order and its clock runs: what urges and escalation are about. */
const UNIT_HOLDS: readonly OrderState[] = ['pending_sign', 'handling', 'pending_sign_off'];
/** Where the unit has not yet produced a reply: what may go to the supervision office (通知三). */
export const ESCALATION_STATES: readonly OrderState[] = ['pending_sign', 'handling'];
/** An escalated case stays with the supervision office until it concludes it, even after the order closes. */
const SUPERVISED: readonly OrderState[] = [...OPEN, 'closed'];
/** Every state but 已作废: a voided order is not counted anywhere, and nothing of it changes. */
const NOT_VOIDED: readonly OrderState[] = [...OPEN, 'closed'];

export const TRANSITIONS: readonly Transition[] = [
  { action: 'dispatch', from: ['pending_dispatch'], who: 'dispatcher', to: 'pending_sign' },
  { action: 'sign', from: ['pending_sign'], who: 'lead', to: 'handling' },
  { action: 'requestReturn', from: ['pending_sign', 'handling'], who: 'lead', to: 'return_requested' },
  { action: 'approveReturn', from: ['return_requested'], who: 'dispatcher', to: 'pending_dispatch' },
  { action: 'rejectReturn', from: ['return_requested'], who: 'dispatcher', to: 'previous' },
  { action: 'requestExtension', from: ['handling'], who: 'lead', to: 'same' },
  // A request made while handling may still be waiting when the reply waits for its sign-off.
  { action: 'approveExtension', from: ['handling', 'pending_sign_off'], who: 'dispatcher', to: 'same' },
  { action: 'rejectExtension', from: ['handling', 'pending_sign_off'], who: 'dispatcher', to: 'same' },
  { action: 'reportProgress', from: ['handling'], who: 'lead', to: 'same' },
  { action: 'coSign', from: UNIT_AT_WORK, who: 'co', to: 'same' },
  { action: 'coOpinion', from: UNIT_AT_WORK, who: 'co', to: 'same' },
  // A co-unit's part goes back at once (the lead keeps the order); the office sees the suggestion.
  { action: 'coReturn', from: UNIT_AT_WORK, who: 'co', to: 'same' },
  // The office adds a co-unit while the units work (e.g. the one a returning co-unit suggested).
  { action: 'addCoUnit', from: UNIT_HOLDS, who: 'dispatcher', to: 'same' },
  // A unit whose replies its leaders sign off in Huiyin (签发, the default) cannot reply directly.
  { action: 'reply', from: ['handling'], who: 'lead', to: 'pending_review' },
  { action: 'submitForSignOff', from: ['handling'], who: 'lead', to: 'pending_sign_off' },
  { action: 'signOff', from: ['pending_sign_off'], who: 'leadLeader', to: 'pending_review' },
  { action: 'sendBackSignOff', from: ['pending_sign_off'], who: 'leadLeader', to: 'handling' },
  // 阅批 (notice 四): before the reply, so it is open while the unit holds the order.
  { action: 'leaderRead', from: UNIT_HOLDS, who: 'leadMainLeader', to: 'same' },
  {
    action: 'recordFaxReply',
    from: ['pending_sign', 'handling', 'pending_sign_off'],
    who: 'dispatcher',
    to: 'pending_review',
  },
  { action: 'acceptReview', from: ['pending_review'], who: 'reviewer', to: 'pending_callback' },
  { action: 'orderRedo', from: ['pending_review', 'pending_callback'], who: 'reviewer', to: 'handling' },
  { action: 'callback', from: ['pending_callback'], who: 'reviewer', to: 'same' },
  { action: 'close', from: ['pending_callback'], who: 'reviewer', to: 'closed' },
  { action: 'void', from: OPEN, who: 'dispatcher', to: 'voided' },
  { action: 'merge', from: OPEN, who: 'dispatcher', to: 'voided' },
  // A repeat the office keeps as its own order but ties to the earlier one (issue 12): counted as 重复投诉.
  { action: 'linkRepeat', from: OPEN, who: 'dispatcher', to: 'same' },
  // 改分类: an order registered without its request category, or with the wrong one, is classified
  // by the office at any time, also after closing (quality checks correct it): figures by category
  // read the order's category.
  { action: 'reclassify', from: NOT_VOIDED, who: 'office', to: 'same' },
  // 直办 (issue 12): a consultation the office answers from the knowledge base, closed without a unit.
  { action: 'answerOnSpot', from: ['pending_dispatch'], who: 'dispatcher', to: 'closed' },
  // Supervision (督查督办, notice section 三): side processes that never move the order's state.
  { action: 'urge', from: UNIT_HOLDS, who: 'dispatcher', to: 'same' },
  { action: 'recordPhoneSupervision', from: UNIT_HOLDS, who: 'dispatcher', to: 'same' },
  { action: 'escalate', from: ESCALATION_STATES, who: 'dispatcher', to: 'same' },
  { action: 'recordSupervisionFinding', from: SUPERVISED, who: 'supervisor', to: 'same' },
  { action: 'reportToLeaders', from: SUPERVISED, who: 'supervisor', to: 'same' },
  { action: 'concludeSupervision', from: SUPERVISED, who: 'supervisor', to: 'same' },
];

export function transitionsFor(action: Action): Transition[] {
  return TRANSITIONS.filter((t) => t.action === action);
}

/**
 * The states in which a unit's part may be signed for: the lead's (签收) and a co-unit's (协办签收),
 * as the table above allows them. A unit's 待签收 lists its unsigned parts in these states.
 */
export const SIGNING_STATES: Readonly<Record<'lead' | 'co', readonly OrderState[]>> = {
  lead: transitionsFor('sign').flatMap((t) => t.from),
  co: transitionsFor('coSign').flatMap((t) => t.from),
};

/**
 * The states in which a co-unit gives its opinion, as the table allows it. A unit's 协办 lists its
 * signed co-unit parts without an opinion in these states: what it still owes the lead.
 */
export const CO_OPINION_STATES: readonly OrderState[] = transitionsFor('coOpinion').flatMap((t) => t.from);

/**
 * The states in which the lead unit's main leader may read an order (阅批), as the table allows
 * it: while the unit holds the order. A main leader's 待阅批 lists the unread ones in these states.
 */
export const LEADER_READING_STATES: readonly OrderState[] = transitionsFor('leaderRead').flatMap(
  (t) => t.from,
);

export function resolveTarget(t: Transition, from: OrderState, beforeReturn: OrderState | null): OrderState {
  if (t.to === 'same') return from;
  if (t.to === 'previous') return beforeReturn ?? 'pending_sign';
  return t.to;
}

export const ACTION_LABELS: Record<Action, string> = {
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
  coReturn: '协办回退',
  addCoUnit: '增加协办单位',
  reply: '办结反馈',
  submitForSignOff: '提交领导签发',
  signOff: '签发',
  sendBackSignOff: '退回修改',
  leaderRead: '阅批',
  recordFaxReply: '传真代录',
  acceptReview: '审核通过',
  orderRedo: '退回重办',
  callback: '回访',
  close: '办结',
  void: '作废',
  merge: '合并',
  linkRepeat: '关联为重复件',
  reclassify: '改分类',
  answerOnSpot: '直办答复',
  urge: '催办',
  recordPhoneSupervision: '记录电话督办',
  escalate: '报督查室专项督办',
  recordSupervisionFinding: '记录督查情况',
  reportToLeaders: '报告县政府主要领导',
  concludeSupervision: '督查办结',
};
