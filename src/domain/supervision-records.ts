import { substanceLength } from './knowledge/entries.js';
import { refuse } from './refusal.js';
import { type IsoDate, isIsoDate, shanghaiDate } from './time.js';

/**
 * 现场督办 and 跟踪督办 (notice section 三: 「要采取现场督办、跟踪督办等多种措施」). Each record
 * concerns one unit handling the order: an on-site visit says when and where, who went, whom they
 * met at the unit, what was found and what the unit promised or was required to do by when; a
 * tracking supervision has checkpoints, a follow-up recorded at each, and ends with a conclusion.
 * Pure: the service passes in the facts it read and writes what comes back.
 */

const invalid = (code: string, message: string): never => refuse('invalid', code, message);

function words(value: string | null | undefined, min: number, code: string, message: string): string {
  const t = (value ?? '').trim();
  if (substanceLength(t) < min) invalid(code, message);
  return t;
}

export interface OnSiteVisitInput {
  unitId: number;
  visitedAt: Date;
  place: string;
  visitors: string;
  metWith: string;
  findings: string;
  requirements: string;
  /** By when the unit is to do what it promised or was required to do; null when not set. */
  dueOn: IsoDate | null;
}

export interface OrderFacts {
  now: Date;
  /** The units handling the order now (active assignments). */
  unitIds: readonly number[];
  /** Closed, voided or merged: nothing left to supervise. */
  finished: boolean;
}

/** A new visit or tracking: on an order still being handled, about a unit handling it. */
function checkUnit(unitId: number, facts: OrderFacts) {
  if (facts.finished) refuse('state', 'ORDER_FINISHED', '工单已办结或作废，不能再开始现场督办或跟踪督办。');
  if (!facts.unitIds.includes(unitId))
    invalid('SUPERVISED_UNIT_INVALID', '被督办的单位须是本工单当前的承办单位（牵头或协办）。');
}

/** Checks an on-site visit; returns it trimmed. */
export function checkOnSiteVisit(input: OnSiteVisitInput, facts: OrderFacts): OnSiteVisitInput {
  checkUnit(input.unitId, facts);
  if (Number.isNaN(input.visitedAt.getTime()) || input.visitedAt.getTime() > facts.now.getTime())
    invalid('VISIT_TIME_INVALID', '现场督办的时间不能晚于现在。');
  const visit = {
    unitId: input.unitId,
    visitedAt: input.visitedAt,
    place: words(input.place, 2, 'VISIT_PLACE_REQUIRED', '请填写现场督办的地点。'),
    visitors: words(input.visitors, 2, 'VISIT_VISITORS_REQUIRED', '请填写参加现场督办的人员。'),
    metWith: words(
      input.metWith,
      2,
      'VISIT_MET_WITH_REQUIRED',
      '请填写在现场见到的承办单位人员（姓名、职务）。',
    ),
    findings: words(input.findings, 5, 'VISIT_FINDINGS_REQUIRED', '请写明现场发现的情况（至少 5 个字）。'),
    requirements: words(
      input.requirements,
      4,
      'VISIT_REQUIREMENTS_REQUIRED',
      '请写明承办单位的承诺或督办提出的要求（至少 4 个字）。',
    ),
    dueOn: input.dueOn,
  };
  if (visit.dueOn !== null) {
    if (!isIsoDate(visit.dueOn)) invalid('VISIT_DUE_INVALID', '完成期限不是有效日期。');
    if (visit.dueOn < shanghaiDate(visit.visitedAt))
      invalid('VISIT_DUE_INVALID', '完成期限不能早于现场督办的日期。');
  }
  return visit;
}

export interface TrackingStartInput {
  unitId: number;
  reason: string;
  /** The dates on which the supervising office follows up. */
  checkpoints: string[];
}

export const MAX_CHECKPOINTS = 20;

/** Checks the start of a tracking supervision; the checkpoints come back sorted, without repeats. */
export function checkTrackingStart(
  input: TrackingStartInput,
  facts: OrderFacts & { unitsUnderTracking: readonly number[] },
): TrackingStartInput {
  checkUnit(input.unitId, facts);
  if (facts.unitsUnderTracking.includes(input.unitId))
    refuse('state', 'TRACKING_ALREADY_OPEN', '该单位办理本工单已在跟踪督办中，请在原记录上登记跟进。');
  const reason = words(input.reason, 4, 'TRACKING_REASON_REQUIRED', '请写明跟踪督办的事由（至少 4 个字）。');
  const checkpoints = [...new Set(input.checkpoints)].sort();
  if (checkpoints.length === 0)
    invalid('TRACKING_CHECKPOINTS_REQUIRED', '请至少设定一个跟进日期（跟踪督办按这些日期跟进）。');
  if (checkpoints.length > MAX_CHECKPOINTS)
    invalid('TRACKING_CHECKPOINTS_TOO_MANY', `跟进日期最多设定 ${MAX_CHECKPOINTS} 个。`);
  const today = shanghaiDate(facts.now);
  for (const c of checkpoints) {
    if (!isIsoDate(c)) invalid('TRACKING_CHECKPOINT_INVALID', `跟进日期 ${c} 不是有效日期。`);
    if (c < today) invalid('TRACKING_CHECKPOINT_PAST', `跟进日期 ${c} 已经过去，请设定今天或以后的日期。`);
  }
  return { unitId: input.unitId, reason, checkpoints };
}

export interface TrackingFacts {
  startedAt: Date;
  endedAt: Date | null;
  checkpoints: readonly IsoDate[];
  /** The checkpoints already followed up. */
  followedCheckpoints: readonly IsoDate[];
  followUps: number;
}

export interface FollowUpInput {
  followedAt: Date;
  /** The checkpoint this follow-up answers; null for one in between. */
  checkpoint: IsoDate | null;
  method: string;
  progress: string;
}

function open(t: TrackingFacts) {
  if (t.endedAt !== null) refuse('state', 'TRACKING_ENDED', '该跟踪督办已经结束，不能再登记。');
}

export function checkFollowUp(input: FollowUpInput, tracking: TrackingFacts, now: Date): FollowUpInput {
  open(tracking);
  const at = input.followedAt.getTime();
  // Times are entered to the minute: a follow-up in the minute tracking started is after it.
  const startedMinute = Math.floor(tracking.startedAt.getTime() / 60_000) * 60_000;
  if (Number.isNaN(at) || at > now.getTime() || at < startedMinute)
    invalid('FOLLOW_UP_TIME_INVALID', '跟进时间须在跟踪督办开始之后，且不能晚于现在。');
  if (input.checkpoint !== null) {
    if (!tracking.checkpoints.includes(input.checkpoint))
      invalid('FOLLOW_UP_CHECKPOINT_INVALID', '所选跟进日期不在本次跟踪督办设定的日期中。');
    if (tracking.followedCheckpoints.includes(input.checkpoint))
      refuse('state', 'FOLLOW_UP_CHECKPOINT_DONE', `${input.checkpoint} 的跟进已经登记过。`);
  }
  return {
    followedAt: input.followedAt,
    checkpoint: input.checkpoint,
    method: words(input.method, 2, 'FOLLOW_UP_METHOD_REQUIRED', '请填写跟进方式（如电话、现场、书面）。'),
    progress: words(
      input.progress,
      5,
      'FOLLOW_UP_PROGRESS_REQUIRED',
      '请写明承办单位的办理进展（至少 5 个字）。',
    ),
  };
}

/** Ends a tracking supervision: only after at least one follow-up, and with a conclusion. */
export function checkTrackingEnd(conclusion: string, tracking: TrackingFacts): string {
  open(tracking);
  if (tracking.followUps === 0)
    refuse('rule', 'TRACKING_NO_FOLLOW_UP', '跟踪督办至少登记一次跟进后才能结束。');
  return words(conclusion, 5, 'TRACKING_CONCLUSION_REQUIRED', '请写明跟踪督办的结论（至少 5 个字）。');
}

export type CheckpointStatus = 'done' | 'due' | 'missed' | 'ahead';
export const CHECKPOINT_STATUS_LABELS: Record<CheckpointStatus, string> = {
  done: '已跟进',
  due: '今日跟进',
  missed: '逾期未跟进',
  ahead: '待跟进',
};

/** Each checkpoint's status on `today`: followed up, due today, missed (past, not followed) or ahead. */
export function checkpointStatuses(
  tracking: Pick<TrackingFacts, 'checkpoints' | 'followedCheckpoints' | 'endedAt'>,
  today: IsoDate,
): Array<{ date: IsoDate; status: CheckpointStatus }> {
  return tracking.checkpoints.map((date) => {
    if (tracking.followedCheckpoints.includes(date)) return { date, status: 'done' as const };
    if (date < today) return { date, status: 'missed' as const };
    if (date === today && tracking.endedAt === null) return { date, status: 'due' as const };
    return { date, status: 'ahead' as const };
  });
}

/** The timeline events of these records: shown, like the records, only to those who may read them. */
export const SUPERVISION_RECORD_EVENTS: readonly string[] = [
  'on_site_supervised',
  'tracking_started',
  'tracking_followed_up',
  'tracking_ended',
];
