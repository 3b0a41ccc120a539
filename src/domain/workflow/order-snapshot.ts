import type { Urgency } from '../deadlines.js';
import type { CategoryNamed } from './event-payloads.js';
import type { LeaderReading, ReplyDraft, SignOffMode } from './sign-off-types.js';
import type { CallbackResult, OrderState, OrderType } from './states.js';

/** What the workflow needs to know about an order to decide on an action. */
export interface AssignmentSnapshot {
  unitId: number;
  role: 'lead' | 'co';
  /** Active assignments are the units working on the order now; returned ones are history. */
  active: boolean;
  signedAt: Date | null;
  opinionAt: Date | null;
  /** Recorded late (协办超时), once: by the deadline watcher, the lead's reply or its own late opinion. */
  silent?: boolean;
}

/**
 * A co-unit's part that still owes its opinion (its 协办期限 runs): active, not given. A returned
 * part is inactive. `unitId`: only that unit's part (the viewer's own).
 */
export const owesCoOpinion = (a: AssignmentSnapshot, unitId?: number): boolean =>
  a.active && a.role === 'co' && !a.opinionAt && (unitId === undefined || a.unitId === unitId);

export interface PendingExtension {
  requestedAt: string;
  requestedBy: string;
  requestedDeadline: string;
  reason: string;
  mainLeaderName: string;
  scanAttachmentId: number;
}

export interface OrderSnapshot {
  id: number;
  state: OrderState;
  version: number;
  /** 咨询、投诉…: only a consultation may be answered on the spot (直办). */
  type?: OrderType;
  urgency: Urgency;
  needsCitizenReply: boolean;
  cityDeadline: Date | null;
  dispatchedAt: Date | null;
  signBy: Date | null;
  returnBy: Date | null;
  handleBy: Date | null;
  coUnitBy: Date | null;
  /** Under an approved extension: when the next progress report is due (domain/progress-reports.ts). */
  progressDueAt?: Date | null;
  stateBeforeReturn: OrderState | null;
  pendingExtension: PendingExtension | null;
  /** While a unit's request awaits the office: when it came, and by when the office must decide (office-decision.ts). */
  decisionRequestedAt?: Date | null;
  decideBy?: Date | null;
  redoCount: number;
  returnCount?: number;
  extensionCount?: number;
  callbackCount?: number;
  lastCallbackResult: CallbackResult | null;
  /**
   * When each 联系不上 callback of the current round was recorded (callback-attempts.ts), read from
   * the timeline; absent where the order was loaded without it (no workflow action is decided then).
   */
  unreachableAttempts?: Date[];
  urgeCount?: number;
  phoneSupervisionCount?: number;
  escalatedAt?: Date | null;
  escalationReportedAt?: Date | null;
  escalationConcludedAt?: Date | null;
  /** The earlier order this one was linked to as a repeat. */
  repeatOfId?: number | null;
  /**
   * The order's request category (诉求分类) with its names, null when it has none; absent where
   * the order was loaded without it (no workflow action is decided then).
   */
  category?: CategoryNamed | null;
  /** How the lead unit's replies are signed off (签发); 'leader' unless the office switched it. */
  signOffMode?: SignOffMode;
  /** The reply waiting for a leader's sign-off, or the last one sent back with the comment. */
  replyDraft?: ReplyDraft | null;
  /** The main leader's reading (阅批) of a leader-instructed or urgent order. */
  leaderRead?: LeaderReading | null;
  assignments: AssignmentSnapshot[];
}

export const leadAssignment = (o: OrderSnapshot) => o.assignments.find((a) => a.active && a.role === 'lead');
export const activeAssignmentOf = (o: OrderSnapshot, unitId: number) =>
  o.assignments.find((a) => a.active && a.unitId === unitId);
