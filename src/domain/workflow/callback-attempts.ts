import { formatInstant } from '../deadline-text.js';
import { shanghaiDate } from '../time.js';
import type { CallbackResult } from './states.js';

/**
 * Before an order may be closed on 联系不上, the office must have tried to reach the citizen
 * several times and not all on one day: a single unanswered call is not a callback, and an
 * unreachable citizen is left out of the unit's 满意率 (docs/figures.md), so closing on one call
 * would let an unhappy citizen be marked unreachable. The rule: at least `minAttempts` recorded
 * 联系不上 callbacks in the current round, on at least `minDays` different Beijing days.
 *
 * A constant, not a setting of the 时限设置 page: it is a rule of how a callback is done rather
 * than a time limit, and the office has not asked to vary it. Change it here (one place).
 */
export const UNREACHABLE_CLOSE_RULE = { minAttempts: 3, minDays: 2 } as const;

/** What the rule reads of an order's timeline: each event's type and time, and a callback's result. */
export interface CallbackTimelineEntry {
  type: string;
  at: Date;
  /** For a callback_recorded event: its result. */
  callbackResult?: CallbackResult;
}

/**
 * The times of the 联系不上 callbacks of the current round, oldest first: those recorded since the
 * office last accepted the unit's reply (审核通过, the one way into 待回访). A redo and a new reply
 * start a new round; the attempts of the earlier one were about an earlier answer.
 */
export function unreachableAttemptsOf(timeline: readonly CallbackTimelineEntry[]): Date[] {
  let attempts: Date[] = [];
  for (const e of timeline) {
    if (e.type === 'review_accepted') attempts = [];
    else if (e.type === 'callback_recorded' && e.callbackResult === 'unreachable') attempts.push(e.at);
  }
  return attempts.sort((a, b) => a.getTime() - b.getTime());
}

export interface UnreachableShortfall {
  message: string;
  details: { attempts: string[]; minAttempts: number; minDays: number };
}

/**
 * Why an order whose last callback was 联系不上 may not be closed yet, or null when enough
 * attempts have been made: how many, when, and what is still needed.
 */
export function unreachableShortfall(
  attempts: readonly Date[],
  rule: { minAttempts: number; minDays: number } = UNREACHABLE_CLOSE_RULE,
): UnreachableShortfall | null {
  const days = [...new Set(attempts.map((a) => shanghaiDate(a)))];
  const moreDays = Math.max(0, rule.minDays - days.length);
  const moreAttempts = Math.max(rule.minAttempts - attempts.length, moreDays);
  if (moreAttempts === 0) return null;
  const when = attempts.map((a) => formatInstant(a, false)).join('、');
  const made =
    attempts.length === 0
      ? '本轮尚未记录「联系不上」的回访'
      : `已回访 ${attempts.length} 次均联系不上（${when}）`;
  const rulePart = `以「联系不上」办结须至少回访 ${rule.minAttempts} 次，且不在同一天（至少 ${rule.minDays} 个不同日期）`;
  const sameDays = days.map((d) => d.slice(5)).join('、');
  const still =
    moreDays > 0 && days.length > 0
      ? `还须再回访 ${moreAttempts} 次，其中至少 ${moreDays} 次在 ${sameDays} 以外的日子`
      : `还须再回访 ${moreAttempts} 次`;
  return {
    message: `${made}；${rulePart}。${still}；接通后按群众的实际答复记录回访结果。`,
    details: {
      attempts: attempts.map((a) => a.toISOString()),
      minAttempts: rule.minAttempts,
      minDays: rule.minDays,
    },
  };
}
