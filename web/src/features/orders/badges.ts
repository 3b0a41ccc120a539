import { formatSpan } from '../../../../src/domain/deadline-text';
import { HOUR_MS } from '../../../../src/domain/time';
import { STATE_LABELS, URGENCY_LABELS } from '../../../../src/domain/workflow/states';
import type { DeadlineStatus, OrderDetail, OrderListItem, OrderState, Urgency } from '../../api/types';

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

/** The clocks an order runs, as its page lists them. */
export type ClockKind = keyof OrderDetail['deadlines'];

/** A duty's clock as it runs out, and once past. */
const RUNS_OUT = { soon: '即将超时', late: '已超时' } as const;

/**
 * The words of each duty's clock, for the order's page and the lists alike: `soon` as it runs out,
 * `late` once past. The handling deadline has the notice's own words, 预警 and 超期. Every other
 * clock — signing for the order, a co-unit's opinion, the office's dispatch, a progress report — is
 * 即将超时, then 已超时 or the name of its figure (分发超时, 进展未报), as the figures name them
 * (超时签收, 协办超时). The return window is no duty: open (可回退) until it closes (已关闭).
 */
export const CLOCK_WORDS = {
  handle: { soon: '预警', late: '超期' },
  sign: RUNS_OUT,
  coUnit: RUNS_OUT,
  dispatch: { soon: RUNS_OUT.soon, late: '分发超时' },
  progressReport: { soon: RUNS_OUT.soon, late: '进展未报' },
} as const satisfies Record<Exclude<ClockKind, 'return'>, { soon: string; late: string }>;

/** A duty's clock running out (orange) or past (red) in its words; nothing otherwise. */
export const runningOut = (
  kind: Exclude<ClockKind, 'return'>,
  status: DeadlineStatus | null | undefined,
): Badge | null =>
  status === 'overdue'
    ? { label: CLOCK_WORDS[kind].late, color: 'red' }
    : status === 'due_soon'
      ? { label: CLOCK_WORDS[kind].soon, color: 'orange' }
      : null;

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
  return runningOut('handle', status);
}

/** The office's own clock while an order waits for dispatch (第一时间分发); in a list, named. */
export function dispatchBadge(status: DeadlineStatus | null | undefined): Badge | null {
  if (status === 'overdue') return { label: CLOCK_WORDS.dispatch.late, color: 'red' };
  if (status === 'due_soon') return { label: `分发${CLOCK_WORDS.dispatch.soon}`, color: 'orange' };
  return null;
}

/**
 * A unit's request (延期、回退) waiting for the office, with how long it has waited: red once past
 * the office's own limit to decide (审批超时).
 */
export function decisionBadge(d: OrderListItem['decision'] | undefined): Badge | null {
  if (!d) return null;
  const waited = formatSpan(d.waitingHours * HOUR_MS, true);
  return d.late
    ? { label: `审批超时 · 已等 ${waited}`, color: 'red', title: '已过县热线办的审批时限，请尽快审批' }
    : { label: `待审批 · 已等 ${waited}`, color: 'purple', title: '单位的申请待县热线办审批' };
}

/**
 * The lead's sign-for clock while the order waits for its signing (待签收): 即将超时 orange,
 * 已超时 red, as the server reads it (the order's page reads it the same way).
 */
export const signBadge = (status: DeadlineStatus | null | undefined): Badge | null =>
  runningOut('sign', status);

/** An extended order whose progress report is overdue (随时报告办理进展情况). */
export const progressBadge = (missed: boolean): Badge | null =>
  missed ? { label: CLOCK_WORDS.progressReport.late, color: 'red' } : null;

export const urgencyBadge = (urgency: Urgency): Badge | null =>
  urgency === 'normal'
    ? null
    : { label: URGENCY_LABELS[urgency], color: urgency === 'urgent' ? 'volcano' : 'magenta' };

export const redoBadge = (count: number): Badge | null =>
  count > 0 ? { label: `重办${count > 1 ? ` ×${count}` : ''}`, color: 'purple' } : null;

/**
 * An order back with the office because its unit returned it (回退), waiting to go out again: the
 * dispatcher reads why before choosing the next unit (the order's page lists the returns). No
 * tooltip: the start-up script draws this too, and its bytes are counted (web-build.test.ts).
 */
export const returnedBadge = (count: number, state: OrderState): Badge | null =>
  count > 0 && state === 'pending_dispatch'
    ? { label: `已回退${count > 1 ? ` ×${count}` : ''}`, color: 'orange' }
    : null;

/** 保密: the caller asked that the units not learn who they are. */
export const confidentialBadge = (confidential: boolean): Badge | null =>
  confidential
    ? { label: '保密', color: 'gold', title: '来电人要求保密：承办单位看不到其姓名、电话和地址' }
    : null;

/**
 * An order's tags in a list, in the order a card shows them; `deadline` is the tag of the
 * deadline the list shows (rowDeadline's `badge`).
 */
export function listBadges(o: OrderListItem, deadline: Badge | null): Badge[] {
  return [
    stateBadge(o.state),
    deadline,
    decisionBadge(o.decision),
    dispatchBadge(o.dispatchStatus),
    progressBadge(o.progressMissed),
    urgencyBadge(o.urgency),
    redoBadge(o.redoCount),
    returnedBadge(o.returnCount, o.state),
    confidentialBadge(o.confidential),
  ].filter((b): b is Badge => b !== null);
}

/**
 * An order's tags in a row of the desk's table: those beside its title and those beside its
 * deadline, one slot each (null where a tag is not shown, as the table leaves the slot empty);
 * `deadline` is the tag of the deadline the row shows (rowDeadline's `badge`).
 * The app's table (OrderTable.tsx) and the start-up script's (web/src/early/deskView.ts) both
 * draw a row from this.
 */
export function tableBadges(
  o: OrderListItem,
  deadline: Badge | null,
): Record<'byTitle' | 'byDeadline', BadgeSlots> {
  return {
    byTitle: {
      urgency: urgencyBadge(o.urgency),
      redo: redoBadge(o.redoCount),
      returned: returnedBadge(o.returnCount, o.state),
      confidential: confidentialBadge(o.confidential),
    },
    byDeadline: {
      deadline,
      decision: decisionBadge(o.decision),
      dispatch: dispatchBadge(o.dispatchStatus),
      progress: progressBadge(o.progressMissed),
    },
  };
}

/** Named slots for tags, in the order they are drawn. */
export type BadgeSlots = Record<string, Badge | null>;

/**
 * Which deadline a list shows: the handling deadline (办理期限), or in a unit's 待签收 the
 * sign-for deadline (签收期限), which is what must be met there first.
 */
export type ListDeadline = 'handle' | 'sign';

/** The desk's order table: each column's heading and width (null: the rest of the row). */
export const ORDER_TABLE_COLUMNS = {
  code: { title: '工单编号', width: 150 },
  title: { title: '标题', width: null },
  state: { title: '状态', width: 100 },
  type: { title: '类型', width: 70 },
  leadUnit: { title: '牵头单位', width: 180 },
  createdAt: { title: '登记时间', width: 150 },
  deadline: { title: '办理期限', width: 200 },
} as const;

/** The heading of the table's deadline column. */
export const deadlineTitle = (kind: ListDeadline) => (kind === 'sign' ? '签收期限' : '办理期限');

type Viewer = { unitId: number; unitKind: string };

/** The viewer is a handling unit looking at an order another unit leads: it is a co-unit there. */
const viewedAsCoUnit = (o: Pick<OrderListItem, 'leadUnit'>, me: Viewer) =>
  (me.unitKind === 'department' || me.unitKind === 'township') &&
  o.leadUnit !== null &&
  o.leadUnit.id !== me.unitId;

/**
 * A row's deadline in a list showing `kind`, and the tag of its status: the handling deadline
 * (预警、超期), or in 待签收 the lead's sign-for deadline (即将超时、已超时). A co-unit sees the
 * deadline it is held to, its 协办意见期限, named (`label`; null for the column's own deadline), with
 * its own clock's 即将超时 or 已超时 (协办超时 is its figure; the lead's 超期 and signing are not):
 * in 待签收, where a co-unit has no sign-for clock, always; elsewhere while the order is signed for
 * or handled (its opinion is due before the lead's reply). The app's table and cards and the
 * start-up script's draw a row from this.
 */
export function rowDeadline(
  o: OrderListItem,
  me: Viewer,
  kind: ListDeadline,
): { label: string | null; at: string | null; badge: Badge | null } {
  if (
    viewedAsCoUnit(o, me) &&
    (kind === 'sign' || (o.coUnitBy && (o.state === 'pending_sign' || o.state === 'handling')))
  )
    return { label: '协办期限', at: o.coUnitBy, badge: runningOut('coUnit', o.coUnitStatus) };
  if (kind === 'handle')
    return { label: null, at: o.handleBy, badge: deadlineBadge(o.deadlineStatus, !!o.decision) };
  return { label: null, at: o.signBy, badge: signBadge(o.signStatus) };
}

/** A row's deadline as a card shows it: always named (签收期限, 期限, 协办期限). */
export function cardDeadline(
  o: OrderListItem,
  me: Viewer,
  kind: ListDeadline,
): { label: string; at: string | null; badge: Badge | null } {
  const d = rowDeadline(o, me, kind);
  return { ...d, label: d.label ?? (kind === 'sign' ? '签收期限' : '期限') };
}
