import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Urgency } from '../../src/domain/deadlines.js';
import { AppRefusal } from '../../src/domain/refusal.js';
import type { ReplyContent } from '../../src/domain/reply-standard.js';
import type { Actor } from '../../src/domain/roles.js';
import { DAY_MS, HOUR_MS } from '../../src/domain/time.js';
import type { Command } from '../../src/domain/workflow/commands.js';
import { decide } from '../../src/domain/workflow/decide.js';
import type { OrderSnapshot } from '../../src/domain/workflow/order-snapshot.js';
import { allowedActions, checkPreconditions } from '../../src/domain/workflow/preconditions.js';
import {
  CALLBACK_RESULTS,
  ORDER_STATES,
  type OrderState,
  REDO_REASONS,
} from '../../src/domain/workflow/states.js';
import { DEFAULT_ESCALATION_RULE, escalationReasons } from '../../src/domain/workflow/supervision.js';
import {
  ACTIONS,
  type Action,
  ESCALATION_STATES,
  type Relation,
  TRANSITIONS,
} from '../../src/domain/workflow/transitions.js';
import { sh } from './calendar-fixture.js';
import {
  type ActorKey,
  actors,
  applyDecision,
  CO,
  CO2,
  citizenContact,
  ctxOf,
  goodReply,
  LEAD,
  newOrder,
  OTHER_UNIT,
} from './factories.js';
import { categoryChoice, citation } from './workflow-fixture.js';

const ACTOR_KEYS = Object.keys(actors) as ActorKey[];
const UNITS = [LEAD, CO, CO2, OTHER_UNIT];
const TEXTS = [
  '',
  '短',
  '不归本单位',
  '已完成现场勘查,正在制定维修方案。',
  '群众要求的赔偿超出政策规定,已说服疏导。',
];

/** The actor's relations to the order, worked out independently of relationsOf(). */
function relations(order: OrderSnapshot, actor: Actor): Set<Relation> {
  const r = new Set<Relation>();
  if (actor.roles.includes('dispatcher')) r.add('dispatcher');
  if (actor.roles.includes('reviewer')) r.add('reviewer');
  if (actor.roles.includes('supervisor')) r.add('supervisor');
  if (actor.roles.includes('dispatcher') || actor.roles.includes('reviewer')) r.add('office');
  const unitRole = actor.roles.some(
    (x) => x === 'unit_liaison' || x === 'unit_leader' || x === 'unit_main_leader',
  );
  for (const a of order.assignments) {
    if (!unitRole || !a.active || a.unitId !== actor.unitId) continue;
    r.add(a.role);
    if (a.role !== 'lead') continue;
    if (actor.roles.some((x) => x === 'unit_leader' || x === 'unit_main_leader')) r.add('leadLeader');
    if (actor.roles.includes('unit_main_leader')) r.add('leadMainLeader');
  }
  return r;
}

/** Raw material for a command; turned into one of the action's shape, valid or not. */
interface Knobs {
  pick: number;
  text: number;
  ms: number;
  flag: boolean;
  units: number[];
}
/** Mostly inputs that pass, so that the walks get somewhere; sometimes anything. */
const knobs: fc.Arbitrary<Knobs> = fc.record({
  pick: fc.nat(),
  text: fc.oneof(
    { weight: 1, arbitrary: fc.nat({ max: TEXTS.length - 1 }) },
    { weight: 4, arbitrary: fc.constantFrom(3, 4) },
  ),
  ms: fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: -3 * DAY_MS, max: 12 * DAY_MS }) },
    { weight: 3, arbitrary: fc.integer({ min: HOUR_MS, max: 8 * DAY_MS }) },
  ),
  flag: fc.oneof({ weight: 1, arbitrary: fc.constant(false) }, { weight: 3, arbitrary: fc.constant(true) }),
  units: fc.subarray(UNITS),
});

function replyFor(k: Knobs, now: Date): ReplyContent {
  const contact = citizenContact(new Date(now.getTime() - Math.abs(k.ms) / 4).toISOString());
  switch (k.pick % 4) {
    case 0:
      return goodReply({ citizenContact: contact });
    case 1:
      return goodReply();
    case 2:
      return goodReply({ findings: '您反映的问题已转交相关部门处理。', result: '已收悉。', basis: '' });
    default:
      return goodReply({ unreasonableDemand: true, explanation: TEXTS[k.text], citizenContact: contact });
  }
}

function commandFor(action: Action, k: Knobs, now: Date, order: OrderSnapshot): Command {
  const text = TEXTS[k.text] ?? '';
  const later = new Date(now.getTime() + k.ms);
  switch (action) {
    case 'dispatch': {
      const urgency = ([undefined, 'normal', 'urgent', 'leader'] as const)[k.pick % 4] as Urgency | undefined;
      return {
        action,
        leadUnitId: UNITS[k.pick % UNITS.length] ?? LEAD,
        // now and then the lead is also named as a co-unit, which is refused
        coUnitIds: k.pick % 7 === 0 ? k.units : k.units.filter((u) => u !== UNITS[k.pick % UNITS.length]),
        urgency,
        leaderDeadline: k.flag ? later : null,
      };
    }
    case 'sign':
    case 'coSign':
    case 'acceptReview':
      return { action };
    case 'requestReturn':
    case 'coReturn':
      return { action, reason: text, suggestedUnit: k.flag ? '县住建局' : '' };
    case 'addCoUnit':
      // now and then the lead or a unit already helping, which is refused
      return { action, unitId: k.pick % 3 === 0 ? (UNITS[k.pick % UNITS.length] ?? OTHER_UNIT) : OTHER_UNIT };
    case 'approveReturn':
      return { action, opinion: text };
    case 'rejectReturn':
    case 'rejectExtension':
      return { action, opinion: text };
    case 'requestExtension':
      return {
        action,
        reason: text,
        // mostly after the current deadline, as it must be
        requestedDeadline:
          k.pick % 5 === 0 ? later : new Date((order.handleBy ?? now).getTime() + Math.abs(k.ms)),
        mainLeaderName: k.pick % 6 === 0 ? '' : '刘局长',
        scanAttachmentId: 1,
      };
    case 'approveExtension':
      return { action, newDeadline: k.flag ? later : null };
    case 'reportProgress':
    case 'coOpinion':
      return { action, content: text };
    case 'reply':
      return { action, reply: replyFor(k, now), issuerScanAttachmentId: k.pick % 9 === 0 ? null : 5 };
    case 'submitForSignOff':
      return { action, reply: { ...replyFor(k, now), issuer: '' } };
    case 'signOff':
      return { action };
    case 'sendBackSignOff':
      return { action, comment: text };
    case 'leaderRead':
      return { action, instruction: k.flag ? text : null };
    case 'recordFaxReply':
      return {
        action,
        reply: replyFor(k, now),
        scanAttachmentId: 3,
        faxReceivedAt: new Date(now.getTime() - k.ms / 8),
      };
    case 'orderRedo':
      return {
        action,
        reasons: k.flag ? [REDO_REASONS[k.pick % REDO_REASONS.length] ?? 'late'] : [],
        opinion: text,
      };
    case 'callback':
      return {
        action,
        result: CALLBACK_RESULTS[k.pick % CALLBACK_RESULTS.length] ?? 'satisfied',
        note: text,
      };
    case 'close':
      return k.flag ? { action, explanation: text } : { action };
    case 'void':
      return { action, reason: text };
    case 'merge':
      return { action, intoOrderId: k.flag ? 2 : 1, intoCode: 'HY202603020002', reason: text };
    case 'linkRepeat':
      return { action, repeatOfId: k.flag ? 2 : 1, repeatOfCode: 'HY202603020002' };
    case 'reclassify':
      // now and then a category that is missing or disabled, which is refused
      return {
        action,
        category:
          k.pick % 5 === 0
            ? { id: 99, found: null }
            : categoryChoice({ id: 1 + (k.pick % 3), active: k.pick % 7 !== 0 }),
        reason: k.flag ? text : null,
      };
    case 'answerOnSpot':
      // now and then a citation that is not the current version, which is refused
      return { action, citation: citation({ isCurrent: k.pick % 3 !== 0 }), answer: text };
    case 'urge':
      return { action, message: text };
    case 'recordPhoneSupervision':
      return {
        action,
        calledAt: new Date(now.getTime() - k.ms / 8),
        calleeName: k.flag ? '王联络' : '',
        calleeUnitId: UNITS[k.pick % UNITS.length] ?? LEAD,
        summary: text,
        promise: k.flag ? '三日内办结' : '',
      };
    case 'escalate':
      return { action, reason: text };
    case 'recordSupervisionFinding':
      return { action, findings: text, measures: k.flag ? '限期整改' : '' };
    case 'reportToLeaders':
      return { action, summary: text };
    case 'concludeSupervision':
      return { action, conclusion: text };
  }
}

interface Move {
  who: ActorKey;
  /** See chooseMove. */
  guided: boolean;
  action: Action;
  advance: number;
  k: Knobs;
}
const move: fc.Arbitrary<Move> = fc.record({
  who: fc.constantFrom(...ACTOR_KEYS),
  guided: fc.oneof({ weight: 1, arbitrary: fc.constant(false) }, { weight: 3, arbitrary: fc.constant(true) }),
  action: fc.constantFrom(...ACTIONS),
  advance: fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 6 * HOUR_MS }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 * DAY_MS }) },
  ),
  k: knobs,
});

const UNIT_ACTORS: Record<number, ActorKey[]> = {
  [LEAD]: ['lead', 'leadLeader', 'leadMainLeader'],
  [CO]: ['co'],
  [CO2]: ['co2'],
  [OTHER_UNIT]: ['otherUnit'],
};

/**
 * Guided moves follow a row of the table open in the current state (void and merge seldom, so
 * that walks get far) with an actor who has that relation; free moves try anything by anyone.
 * The guide only steers the walk: what decide() does is checked against the table independently.
 */
function chooseMove(order: OrderSnapshot, m: Move, now: Date): { who: ActorKey; action: Action } {
  const free = { who: m.who, action: m.action };
  if (!m.guided) return free;
  // An overdue order in the unit's hands is pressed as the office would: urged, phoned, then sent
  // to the supervision office (escalation needs all three, so an unsteered walk seldom gets there).
  const overdue = order.handleBy !== null && order.handleBy.getTime() <= now.getTime();
  if (
    overdue &&
    !order.escalatedAt &&
    ESCALATION_STATES.includes(order.state) &&
    (m.k.pick >>> 5) % 3 === 0
  ) {
    if (escalationReasons(order, now, DEFAULT_ESCALATION_RULE).length > 0)
      return { who: 'dispatcher', action: 'escalate' };
    const urged = (order.urgeCount ?? 0) >= DEFAULT_ESCALATION_RULE.minUrges;
    return { who: 'dispatcher', action: urged ? 'recordPhoneSupervision' : 'urge' };
  }
  const rare = (a: Action) => a === 'void' || a === 'merge';
  // the supervision office's rows only once escalated, and escalation only once
  // and the reply the unit's sign-off mode does not use, and 阅批 where it is not needed or done
  const pointless = (a: Action, who: string) =>
    (who === 'supervisor' && !order.escalatedAt) ||
    (a === 'escalate' && escalationReasons(order, now, DEFAULT_ESCALATION_RULE).length === 0) ||
    (a === 'reply' && order.signOffMode === 'leader') ||
    (a === 'submitForSignOff' && order.signOffMode === 'typed') ||
    (a === 'leaderRead' && (order.urgency === 'normal' || !!order.leaderRead));
  const rows = TRANSITIONS.filter(
    (r) =>
      r.from.includes(order.state) &&
      !pointless(r.action, r.who) &&
      (!rare(r.action) || (m.k.pick >>> 9) % 8 === 0),
  );
  const row = rows[m.k.pick % Math.max(1, rows.length)];
  if (!row) return free;
  if (row.who === 'dispatcher' || row.who === 'reviewer' || row.who === 'supervisor') {
    return { who: row.who, action: row.action };
  }
  // The office's rows either of its roles may take (改分类).
  if (row.who === 'office')
    return { who: (m.k.pick >>> 4) % 2 ? 'dispatcher' : 'reviewer', action: row.action };
  const leaders: Partial<Record<Relation, ActorKey[]>> = {
    leadLeader: ['leadLeader', 'leadMainLeader'],
    leadMainLeader: ['leadMainLeader'],
  };
  const role = row.who === 'co' ? 'co' : 'lead';
  const units = order.assignments.filter((a) => a.active && a.role === role).map((a) => a.unitId);
  const unit = units[(m.k.pick >>> 3) % Math.max(1, units.length)];
  const candidates = unit === undefined ? [] : (leaders[row.who] ?? UNIT_ACTORS[unit] ?? []);
  const who = candidates[(m.k.pick >>> 5) % Math.max(1, candidates.length)];
  return who ? { who, action: row.action } : free;
}

const start = fc.record({
  at: fc.integer({ min: sh('2026-01-05T00:00').getTime(), max: sh('2026-10-20T00:00').getTime() }),
  urgency: fc.constantFrom<Urgency>('normal', 'urgent', 'leader'),
  signOffMode: fc.constantFrom('leader' as const, 'typed' as const),
  needsCitizenReply: fc.boolean(),
  cityAfter: fc.option(fc.integer({ min: HOUR_MS, max: 20 * DAY_MS }), { nil: null }),
});

function checkInvariants(o: OrderSnapshot): void {
  expect(ORDER_STATES).toContain(o.state);
  const leads = o.assignments.filter((a) => a.active && a.role === 'lead');
  if (o.state === 'pending_dispatch') expect(o.assignments.filter((a) => a.active)).toEqual([]);
  if (
    [
      'pending_sign',
      'return_requested',
      'handling',
      'pending_sign_off',
      'pending_review',
      'pending_callback',
      'closed',
    ].includes(o.state)
  ) {
    expect(leads).toHaveLength(1);
    expect(o.handleBy).not.toBeNull();
    expect(o.dispatchedAt).not.toBeNull();
  }
  if (o.state === 'return_requested') expect(['pending_sign', 'handling']).toContain(o.stateBeforeReturn);
  else if (o.state !== 'voided') expect(o.stateBeforeReturn).toBeNull();
  if (o.pendingExtension)
    expect(['handling', 'pending_sign_off', 'return_requested', 'voided']).toContain(o.state);
  if (o.state === 'pending_sign_off') expect(o.replyDraft?.sentBack ?? null).toBeNull();
  if (o.lastCallbackResult) expect(['pending_callback', 'closed', 'voided']).toContain(o.state);
  if (o.cityDeadline && o.handleBy)
    expect(o.handleBy.getTime()).toBeLessThanOrEqual(o.cityDeadline.getTime());
}

describe('random sequences of actions by random actors (properties)', () => {
  it('decide() either follows a row of TRANSITIONS or refuses with an AppRefusal', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(start, fc.array(move, { minLength: 5, maxLength: 60, size: 'max' }), (s, moves) => {
        let order = newOrder({
          urgency: s.urgency,
          signOffMode: s.signOffMode,
          needsCitizenReply: s.needsCitizenReply,
          cityDeadline: s.cityAfter === null ? null : new Date(s.at + s.cityAfter),
        });
        let now = s.at;
        // a model of where a return request came from, kept apart from the order's own field
        let returnedFrom: OrderState | null = null;
        for (const m of moves) {
          now += m.advance;
          const { who, action } = chooseMove(order, m, new Date(now));
          const actor = actors[who];
          const ctx = ctxOf(actor, new Date(now));
          const allowed = allowedActions(order, ctx);
          let preconditionsHold = true;
          try {
            checkPreconditions(order, action, ctx);
          } catch (e) {
            if (!(e instanceof AppRefusal)) throw e;
            preconditionsHold = false;
          }
          expect(allowed.includes(action)).toBe(preconditionsHold);

          const mine = relations(order, actor);
          const before = structuredClone(order);
          let decision: ReturnType<typeof decide>;
          try {
            decision = decide(order, commandFor(action, m.k, new Date(now), order), ctx);
          } catch (e) {
            if (!(e instanceof AppRefusal)) throw e; // never another error
            expect(e.code).toMatch(/^[A-Z_]+$/);
            expect(e.message).toMatch(/[\u4e00-\u9fff]/);
            if (mine.size === 0) expect(e.code).toBe('NOT_ALLOWED_FOR_ACTOR');
            expect(order).toEqual(before); // decide() is pure
            continue;
          }
          expect(order).toEqual(before);
          expect(preconditionsHold).toBe(true);
          const row = TRANSITIONS.find(
            (r) => r.action === action && r.from.includes(order.state) && mine.has(r.who),
          );
          expect(row, `${action} by ${who} from ${order.state}`).toBeDefined();
          const expected: OrderState | null =
            row?.to === 'same'
              ? order.state
              : row?.to === 'previous'
                ? returnedFrom
                : (row?.to as OrderState);
          expect(decision.from).toBe(order.state);
          expect(decision.to).toBe(expected);
          expect(decision.events.length).toBeGreaterThan(0);
          // 协办超时 is recorded once per co-unit's part, whichever action comes to it: never again.
          for (const e of decision.events)
            if (e.type === 'co_unit_silent')
              expect(
                order.assignments.find((a) => a.active && a.unitId === e.payload.unitId)?.silent,
              ).toBeFalsy();
          seen.add(`${action}:${order.state}`);
          if (action === 'requestReturn') returnedFrom = order.state;
          order = applyDecision(order, decision);
          checkInvariants(order);
          if (order.state === 'closed' || order.state === 'voided') {
            // only an escalated case the supervision office has not concluded stays open to it, and
            // a closed order's category to the hotline office (改分类)
            const supervised = order.state === 'closed' && order.escalatedAt && !order.escalationConcludedAt;
            for (const who of ACTOR_KEYS) {
              const left = allowedActions(order, ctxOf(actors[who], new Date(now)));
              if (who === 'supervisor' && supervised) expect(left.length).toBeGreaterThan(0);
              else if (order.state === 'closed' && (who === 'dispatcher' || who === 'reviewer'))
                expect(left).toEqual(['reclassify']);
              else expect(left).toEqual([]);
            }
          }
        }
      }),
      // A fixed seed: the walks below must reach most of the table, and how far 300 random walks
      // get varies from run to run (7 rows missed once in a while against a bound of 6). A test
      // that fails one run in many is a bug; the property itself holds for every seed.
      { numRuns: 300, seed: 20_261_205 },
    );
    // the random walks reached most of the table (a guard against a generator that never gets anywhere)
    // (the supervision office's rows need an escalated order that then moves on: rarer)
    const rows = (office: boolean) =>
      TRANSITIONS.filter((r) => (r.who === 'supervisor') === office).flatMap((r) =>
        r.from.map((f) => `${r.action}:${f}`),
      );
    // (待签发 comes only after a reply that passes the standard in a unit that signs off, and 直办
    // needs a consultation with a knowledge entry in force: too seldom for a bound; every one of
    // their rows is walked in workflow-access.test.ts)
    const missed = (office: boolean) =>
      rows(office).filter(
        (r) => !seen.has(r) && !r.endsWith(':pending_sign_off') && !r.startsWith('answerOnSpot:'),
      );
    expect(missed(false).length).toBeLessThanOrEqual(6);
    expect(missed(true).length).toBeLessThanOrEqual((rows(true).length * 2) / 3);
  }, 60_000);
});
