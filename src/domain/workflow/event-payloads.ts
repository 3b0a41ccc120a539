import type { OfficeRequest } from '../office-decision.js';
import type { ReplyContent } from '../reply-standard.js';
import type { EventType, StoredReply } from './decision.js';
import type { PendingExtension } from './order-snapshot.js';
import type { CallbackResult, RedoReason, SourceChannel } from './states.js';

type Instant = string;
type Deadline = { deadline: Instant };
/** A request category as it was named when the event happened (a later rename leaves history as it was). */
export interface CategoryNamed {
  id: number;
  level1: string;
  level2: string;
  level3: string;
}

/**
 * What each timeline event records, as the rules and services write it (one payload type per
 * event type). The database keeps it as JSON; src/db/event-payloads.ts reads it back, checked,
 * tolerating what older rows lack.
 */
export interface EventPayloads {
  registered: {
    channel: SourceChannel;
    code: string;
    /** An order imported from the city's export: the file and its row. */
    importedFrom?: string;
    importedRow?: number;
  };
  /** Kept for old rows: nothing writes it now. */
  updated: Record<string, never>;
  attachment_added: { attachmentId: number; fileName: string; purpose: string };
  dispatched: {
    leadUnitId: number;
    coUnitIds: number[];
    urgency: 'normal' | 'urgent' | 'leader';
    signBy: Instant | null;
    returnBy: Instant | null;
    handleBy: Instant | null;
    coUnitBy: Instant | null;
    clippedByCity: Array<'handle' | 'sign' | 'coUnit'>;
    note: string | null;
    /** The request category the dispatcher chose for an order registered without one. */
    category?: CategoryNamed | null;
  };
  signed: { late: boolean };
  return_requested: { reason: string; suggestedUnit: string };
  return_approved: { opinion: string | null; dispatchBy: Instant | null };
  return_rejected: { opinion: string };
  extension_requested: PendingExtension;
  extension_approved: {
    previousDeadline: Instant | null;
    newDeadline: Instant;
    progressDueAt: Instant | null;
    opinion: string | null;
  };
  extension_rejected: { opinion: string };
  /** A pending extension that no longer needs a decision (the unit replied meanwhile). */
  extension_withdrawn: { reason: string };
  progress_reported: { content: string; nextDueAt?: Instant | null };
  co_signed: { unitId: number };
  co_opinion_given: { unitId: number; content: string; late: boolean };
  /** The deadline the co-unit let pass, and the event's time (older rows a reply wrote lack it). */
  co_unit_silent: { unitId: number; deadline?: Instant | null };
  /** A co-unit still owing its opinion has less than the due-soon window left (预警): the deadline. */
  co_unit_due_soon: { unitId: number; deadline: Instant };
  co_returned: { unitId: number; reason: string; suggestedUnit: string };
  co_unit_added: { unitId: number; coUnitBy: Instant | null; note: string | null };
  replied: { reply: StoredReply; late: boolean };
  sign_off_requested: { reply: ReplyContent; draftedBy: string };
  signed_off: { issuer: string; draftedBy: string };
  sign_off_sent_back: { comment: string; draftedBy: string };
  leader_read: { instruction: string | null };
  fax_reply_recorded: {
    reply: StoredReply;
    late: boolean;
    /** Entered long after the fax came, or after the deadline it came before (补录): when, and why. */
    backdated?: { recordedAt: Instant; reason: string } | null;
  };
  review_accepted: { opinion: string | null };
  redo_ordered: { reasons: RedoReason[]; opinion: string; handleBy: Instant };
  callback_recorded: { result: CallbackResult; note: string };
  closed: { satisfaction: CallbackResult | null; explanation: string | null };
  voided: { reason: string };
  /** intoCode: events written before 2026-12-07 lack it. */
  merged: { intoOrderId: number; intoCode?: string; reason: string };
  /** On the order another was merged into: that caller's matter is now this order's to answer. */
  merge_received: { fromOrderId: number; fromCode: string; reason: string };
  linked_repeat: { repeatOfId: number; repeatOfCode: string };
  /** 改分类: the office set (from none) or corrected the order's request category. */
  reclassified: { from: CategoryNamed | null; to: CategoryNamed; reason: string | null };
  answered_on_spot: {
    entryId: number;
    versionId: number;
    versionNo: number;
    title: string;
    sourceDocument: string;
    answer: string;
  };
  cluster_raised: { clusterId: number; place: string; orderIds: number[] };
  due_soon: Deadline;
  overdue: Deadline;
  sign_overdue: Deadline;
  dispatch_overdue: Deadline;
  /** request: which of the unit's requests waited (marks recorded before 2026-12-07 lack it). */
  decision_overdue: Deadline & { request?: OfficeRequest };
  progress_missed: Deadline;
  urged: { message: string; auto: boolean; urgeNo: number; unitId: number | null };
  urge_read: { urgeId: number };
  phone_supervised: {
    calledAt: Instant;
    callerName: string;
    calleeName: string;
    calleeUnitId: number;
    summary: string;
    promise: string;
  };
  escalated: { reason: string };
  supervision_finding: { findings: string; measures: string };
  reported_to_leaders: { summary: string };
  supervision_concluded: { conclusion: string };
  on_site_supervised: {
    visitId: number;
    unitId: number;
    visitedAt: Instant;
    place: string;
    requirements: string;
    dueOn: string | null;
  };
  tracking_started: { trackingId: number; unitId: number; reason: string; checkpoints: string[] };
  tracking_followed_up: {
    trackingId: number;
    followUpId: number;
    unitId: number;
    checkpoint: string | null;
    progress: string;
  };
  tracking_ended: { trackingId: number; unitId: number; conclusion: string };
  city_supplemented: { content: string };
  city_cancel_requested: { reason: string };
  city_deadline_changed: {
    previous: Instant | null;
    cityDeadline: Instant;
    cityDeadlineText: string;
    reason?: string | null;
    /** The county's handling deadline, when the city's moved it forward (absent in events before it did). */
    countyDeadline?: Instant | null;
  };
  city_urged: { message: string };
  contact_revealed: { reason: string };
  confidential_changed: { confidential: boolean; reason: string };
}

/** One event of a given type with its own payload: `DecidedEvent` narrows on `type`. */
export type EventOf<T extends EventType> = { [K in T]: { type: K; payload: EventPayloads[K] } }[T];

/**
 * An event the rules or a service decided, keyed by its type. The deadline marks share one
 * payload: `EventOf<'due_soon' | 'overdue'>` is such an event of either type.
 */
export type DecidedEvent = EventOf<EventType>;

/** Builds an event; the payload's type follows from the event type. */
export function eventOf<T extends EventType>(type: T, payload: EventPayloads[T]): EventOf<T> {
  // TypeScript cannot see that {type: T, payload: EventPayloads[T]} is a member of the mapped
  // union for a generic T; for any one T it is exactly that member.
  return { type, payload } as EventOf<T>;
}
