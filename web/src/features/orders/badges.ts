import { STATE_LABELS, URGENCY_LABELS } from '../../../../src/domain/workflow/states';
import type { DeadlineStatus, OrderListItem, OrderState, Urgency } from '../../api/types';

// What an order's tags say and in which colour, as data: the React tags (tags.tsx) draw them with
// Ant Design, and the start-up script (web/src/early/queueView.ts) draws the same tags before
// Ant Design has loaded. Nothing here imports React or Ant Design.

/** One tag: its text, Ant Design's colour name, and an explanation shown on hover. */
export interface Badge {
  label: string;
  color: string;
  title?: string;
}

export const STATE_COLORS = {
  pending_dispatch: 'gold',
  pending_sign: 'blue',
  return_requested: 'purple',
  handling: 'processing',
  pending_sign_off: 'orange',
  pending_review: 'magenta',
  pending_callback: 'geekblue',
  closed: 'success',
  voided: 'default',
} satisfies Record<OrderState, string>;

export const stateBadge = (state: OrderState): Badge => ({
  label: STATE_LABELS[state],
  color: STATE_COLORS[state],
});

/**
 * 预警 orange, 超期 red; nothing while the deadline is comfortably ahead. A deadline that passed
 * while the unit's request awaits the office is not the unit's 超期 (domain/office-decision.ts).
 */
export function deadlineBadge(
  status: DeadlineStatus | null | undefined,
  awaitingOffice = false,
): Badge | null {
  if (status === 'overdue' && awaitingOffice)
    return {
      label: '期限已过（待审批）',
      color: 'orange',
      title: '单位的申请待县热线办审批，期间不计单位超期',
    };
  if (status === 'overdue') return { label: '超期', color: 'red' };
  if (status === 'due_soon') return { label: '预警', color: 'orange' };
  return null;
}

/** The office's own clock while an order waits for dispatch (第一时间分发). */
export function dispatchBadge(status: DeadlineStatus | null | undefined): Badge | null {
  if (status === 'overdue') return { label: '分发超时', color: 'red' };
  if (status === 'due_soon') return { label: '分发即将超时', color: 'orange' };
  return null;
}

/**
 * A unit's request (延期、回退) waiting for the office, with how long it has waited: red once past
 * the office's own limit to decide (审批超时).
 */
export function decisionBadge(d: OrderListItem['decision'] | undefined): Badge | null {
  if (!d) return null;
  const waited = d.waitingHours < 1 ? '不足 1 小时' : `${d.waitingHours} 小时`;
  return d.late
    ? { label: `审批超时 · 已等 ${waited}`, color: 'red', title: '已过县热线办的审批时限，请尽快审批' }
    : { label: `待审批 · 已等 ${waited}`, color: 'purple', title: '单位的申请待县热线办审批' };
}

/** An extended order whose progress report is overdue (随时报告办理进展情况). */
export const progressBadge = (missed: boolean): Badge | null =>
  missed ? { label: '进展未报', color: 'red' } : null;

export const urgencyBadge = (urgency: Urgency): Badge | null =>
  urgency === 'normal'
    ? null
    : { label: URGENCY_LABELS[urgency], color: urgency === 'urgent' ? 'volcano' : 'magenta' };

export const redoBadge = (count: number): Badge | null =>
  count > 0 ? { label: `重办${count > 1 ? ` ×${count}` : ''}`, color: 'purple' } : null;

/** 保密: the caller asked that the units not learn who they are. */
export const confidentialBadge = (confidential: boolean): Badge | null =>
  confidential
    ? { label: '保密', color: 'gold', title: '来电人要求保密：承办单位看不到其姓名、电话和地址' }
    : null;

/** An order's tags in a list, in the order a card shows them. */
export function listBadges(o: OrderListItem): Badge[] {
  return [
    stateBadge(o.state),
    deadlineBadge(o.deadlineStatus, !!o.decision),
    decisionBadge(o.decision),
    dispatchBadge(o.dispatchStatus),
    progressBadge(o.progressMissed),
    urgencyBadge(o.urgency),
    redoBadge(o.redoCount),
    confidentialBadge(o.confidential),
  ].filter((b): b is Badge => b !== null);
}

/**
 * An order's tags in a row of the desk's table: those beside its title and those beside its
 * deadline, one slot each (null where a tag is not shown, as the table leaves the slot empty).
 * The app's table (OrderTable.tsx) and the start-up script's (web/src/early/deskView.ts) both
 * draw a row from this.
 */
export function tableBadges(o: OrderListItem): Record<'byTitle' | 'byDeadline', BadgeSlots> {
  return {
    byTitle: {
      urgency: urgencyBadge(o.urgency),
      redo: redoBadge(o.redoCount),
      confidential: confidentialBadge(o.confidential),
    },
    byDeadline: {
      deadline: deadlineBadge(o.deadlineStatus, !!o.decision),
      decision: decisionBadge(o.decision),
      dispatch: dispatchBadge(o.dispatchStatus),
      progress: progressBadge(o.progressMissed),
    },
  };
}

/** Named slots for tags, in the order they are drawn. */
export type BadgeSlots = Record<string, Badge | null>;

/** The desk's order table: each column's heading and width (null: the rest of the row). */
export const ORDER_TABLE_COLUMNS = {
  code: { title: '工单编号', width: 150 },
  title: { title: '标题', width: null },
  state: { title: '状态', width: 100 },
  type: { title: '类型', width: 70 },
  leadUnit: { title: '牵头单位', width: 180 },
  createdAt: { title: '登记时间', width: 150 },
  handleBy: { title: '办理期限', width: 200 },
} as const;

/**
 * The deadline a card shows its viewer: a co-unit's liaison sees its own 协办意见期限 (earlier than
 * the lead's), everyone else the order's handling deadline. Shared by the cards and the start-up
 * script's cards.
 */
export function cardDeadline(
  o: Pick<OrderListItem, 'handleBy' | 'coUnitBy' | 'leadUnit' | 'state'>,
  me: { unitId: number; unitKind: string },
): { label: string; at: string } | null {
  const handlingUnit = me.unitKind === 'department' || me.unitKind === 'township';
  const coUnit = handlingUnit && o.leadUnit !== null && o.leadUnit.id !== me.unitId;
  if (coUnit && o.coUnitBy && (o.state === 'pending_sign' || o.state === 'handling')) {
    return { label: '协办期限', at: o.coUnitBy };
  }
  return o.handleBy ? { label: '期限', at: o.handleBy } : null;
}
