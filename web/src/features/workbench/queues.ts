import { withQuery } from '../../api/early';
import { countsQuery, listPageQuery } from '../../api/order-queries';
import type { Me, OrderQuery } from '../../api/types';
import type { ListDeadline } from '../orders/badges';

// The queues of the home pages, as data: the pages draw them (QueueTabs), and the start-up
// script (web/src/early.ts) asks for the first one before the app has loaded. Nothing here
// imports React or Ant Design, so that script stays a few kilobytes.

export interface QueueTab {
  key: string;
  label: string;
  query: OrderQuery;
  /** Red badge for what needs action now, grey for the rest. */
  urgent?: boolean;
  /**
   * The home page opens on this tab (the first) only when it holds orders, else on the next: a
   * main leader's 待阅批 is first when something waits for the reading, and out of the way when not.
   */
  opensOnlyIfAny?: boolean;
  /** The deadline its rows show: the handling deadline unless said (待签收: the sign-for deadline). */
  deadline?: ListDeadline;
}

const UNIT_TABS: QueueTab[] = [
  // Its own part unsigned, as lead or as co-unit (协办签收 waits here too, not under 办理中).
  // What must be signed first comes first: an urgent order's hour before a routine order's day,
  // and of two routine ones the one dispatched earlier (a newest-first list buried them).
  // Its rows show the sign-for deadline (即将超时、已超时), not the handling deadline days later.
  {
    key: 'sign',
    label: '待签收',
    query: { toSign: '1', sort: 'sign_deadline' },
    urgent: true,
    deadline: 'sign',
  },
  // What is due first comes first (急事急办): an urgent order's hours before a routine one's days,
  // the overdue at the top; a liaison does not look for them under newer orders.
  // The tabs from here to 重办 are the lead's work: an order the unit only assists with is in
  // 协办 while it owes its opinion, and off its to-do once it has given it (the lead may still be
  // handling, redoing or late with it; only a co-unit's own missed opinion counts against it).
  // A return the unit asked for stays its order until the office decides (its clock runs on if
  // refused): in 办理中, tagged 回退待审, not only under 全部.
  {
    key: 'handling',
    label: '办理中',
    query: { state: 'handling,return_requested', role: 'lead', sort: 'deadline' },
  },
  // The unit's leaders sign off the drafted replies here (签发); the liaisons see what waits, in
  // grey: nothing there is theirs to do (their leaders' page makes it red, below).
  { key: 'sign_off', label: '待签发', query: { state: 'pending_sign_off', role: 'lead', sort: 'deadline' } },
  {
    key: 'due_soon',
    label: '预警',
    query: { due: 'due_soon', role: 'lead', sort: 'deadline' },
    urgent: true,
  },
  { key: 'overdue', label: '超期', query: { due: 'overdue', role: 'lead', sort: 'deadline' }, urgent: true },
  // Extended orders whose progress report is overdue (随时报告办理进展情况).
  {
    key: 'progress',
    label: '进展未报',
    query: { progress: 'missed', role: 'lead', sort: 'deadline' },
    urgent: true,
  },
  {
    key: 'redo',
    label: '重办',
    query: { redo: '1', role: 'lead', state: 'pending_sign,handling,return_requested', sort: 'deadline' },
    urgent: true,
  },
  // Signed co-unit parts still owing their opinion (unsigned ones wait under 待签收).
  { key: 'co', label: '协办', query: { coPart: 'open', sort: 'deadline' } },
  { key: 'all', label: '全部', query: {} },
];

const REVIEWER_TABS: QueueTab[] = [
  { key: 'review', label: '待审核', query: { state: 'pending_review', sort: 'oldest' }, urgent: true },
  { key: 'callback', label: '待回访', query: { state: 'pending_callback', sort: 'oldest' }, urgent: true },
  { key: 'redo', label: '重办中', query: { redo: '1', state: 'pending_sign,handling' } },
  { key: 'closed', label: '已办结', query: { state: 'closed' } },
];

const SUPERVISOR_TABS: QueueTab[] = [
  { key: 'open', label: '督办中', query: { escalation: 'open', sort: 'deadline' }, urgent: true },
  { key: 'proposed', label: '建议督办', query: { escalation: 'proposed', sort: 'deadline' } },
  { key: 'reported', label: '已报县领导', query: { escalation: 'reported' } },
  { key: 'concluded', label: '督办办结', query: { escalation: 'concluded' } },
  { key: 'overdue', label: '全县超期', query: { due: 'overdue', sort: 'deadline' } },
];

const DISPATCHER_TABS: QueueTab[] = [
  { key: 'dispatch', label: '待派发', query: { state: 'pending_dispatch', sort: 'oldest' }, urgent: true },
  // The office's own clock (第一时间分发): undispatched orders past or near their dispatch deadline.
  { key: 'dispatch_late', label: '分发超时', query: { dispatch: 'overdue', sort: 'oldest' }, urgent: true },
  { key: 'dispatch_soon', label: '分发即将超时', query: { dispatch: 'due_soon', sort: 'oldest' } },
  { key: 'returns', label: '回退待审', query: { state: 'return_requested', sort: 'oldest' }, urgent: true },
  { key: 'extensions', label: '延期待批', query: { pendingExtension: '1', sort: 'deadline' }, urgent: true },
  // The office's own clock to decide the units' requests (审批时限): those past it, the longest waiting first.
  { key: 'decision_late', label: '审批超时', query: { decision: 'late', sort: 'oldest' }, urgent: true },
  { key: 'fax', label: '传真代录', query: { state: 'pending_sign,handling', sort: 'deadline' } },
  { key: 'overdue', label: '超期', query: { due: 'overdue', sort: 'deadline' }, urgent: true },
  { key: 'due_soon', label: '预警', query: { due: 'due_soon', sort: 'deadline' } },
  { key: 'progress', label: '进展未报', query: { progress: 'missed', sort: 'deadline' } },
  { key: 'escalate', label: '建议督办', query: { escalation: 'proposed', sort: 'deadline' } },
];

/** What the counts endpoint is asked for a queue's tabs. */
export const tabCountQueries = (tabs: QueueTab[]) => tabs.map((t) => t.query);

/** A home page that is a queue: its title, its tabs. */
export interface HomeQueue {
  title: (me: Me) => string;
  tabs: QueueTab[];
  /**
   * The page is the queue and nothing else, so the start-up script can draw its first screen (a
   * phone's cards, a desk's table) before the app has loaded (web/src/early/). The dispatcher's has a button in
   * its title bar and notes over two tabs; the supervision office's has the county's figures above.
   */
  drawnEarly: boolean;
}

/**
 * A unit's leaders sign off its replies (签发): their page opens on what waits for them, with the
 * liaisons' tabs after it.
 */
const UNIT_LEADER_TABS: QueueTab[] = [
  ...UNIT_TABS.filter((t) => t.key === 'sign_off').map((t) => ({ ...t, urgent: true })),
  ...UNIT_TABS.filter((t) => t.key !== 'sign_off'),
];

/**
 * A unit's main leader (主要负责人) reads its leader-instructed and urgent orders personally before
 * the unit may reply (阅批, notice 四): their page opens on what waits for the reading when there is
 * any (it holds up the reply), else on 待签发 as the other leaders' does.
 */
const MAIN_LEADER_TABS: QueueTab[] = [
  {
    key: 'read',
    label: '待阅批',
    // Due first first: the reply waits for the reading, and the reply is due at the handling deadline.
    query: { toRead: '1', sort: 'deadline' },
    urgent: true,
    opensOnlyIfAny: true,
  },
  ...UNIT_LEADER_TABS,
];

const unitTitle = (me: Me) => `${me.unitName} · 工单`;

export const HOME_QUEUES: Record<
  'unit' | 'unitLeader' | 'mainLeader' | 'reviewer' | 'dispatcher' | 'supervision',
  HomeQueue
> = {
  unit: { title: unitTitle, tabs: UNIT_TABS, drawnEarly: true },
  unitLeader: { title: unitTitle, tabs: UNIT_LEADER_TABS, drawnEarly: true },
  // Which tab it opens on is known only once the counts are in: the app draws it.
  mainLeader: { title: unitTitle, tabs: MAIN_LEADER_TABS, drawnEarly: false },
  reviewer: { title: () => '审核回访', tabs: REVIEWER_TABS, drawnEarly: true },
  dispatcher: { title: () => '派单工作台', tabs: DISPATCHER_TABS, drawnEarly: false },
  supervision: { title: () => '专项督办案件', tabs: SUPERVISOR_TABS, drawnEarly: false },
};

/**
 * The queue a user's home page opens on, for a user opening the home page as it is (no tab or
 * filter in the address, no forced step such as a new password showing instead); none otherwise.
 */
export function openingQueue(me: Me, at: { pathname: string; search: string }): HomeQueue | undefined {
  if (at.pathname !== '/' || at.search) return undefined;
  if (me.mustChangePassword || me.mustEnrolTotp) return undefined;
  return homeQueueOf(me);
}

/** The queue a user's home page is, if it is one: a unit's leaders get theirs, its main leader theirs. */
export function homeQueueOf(me: Me): HomeQueue | undefined {
  if (me.home === 'unit' && me.abilities.includes('workflow.leaderRead')) return HOME_QUEUES.mainLeader;
  if (me.home === 'unit' && me.abilities.includes('workflow.signOff')) return HOME_QUEUES.unitLeader;
  return (HOME_QUEUES as Partial<Record<Me['home'], HomeQueue>>)[me.home];
}

/** The reads a queue's page makes first: its first tab's list and the tabs' counts. */
export function queueReads(queue: HomeQueue): [list: string, counts: string] | [] {
  const first = queue.tabs[0];
  if (!first) return [];
  return [
    withQuery('/api/work-orders', { ...listPageQuery(first.query) }),
    withQuery('/api/work-orders/counts', countsQuery(tabCountQueries(queue.tabs))),
  ];
}

/** The reads the home page will make first (queueReads of the openingQueue), or none. */
export function homeQueueUrls(me: Me, at: { pathname: string; search: string }): string[] {
  const queue = openingQueue(me, at);
  return queue ? queueReads(queue) : [];
}
