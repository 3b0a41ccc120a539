import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/domain/workflow/commands.js';
import { decide } from '../../src/domain/workflow/decide.js';
import type { EventType } from '../../src/domain/workflow/decision.js';
import type { OrderSnapshot } from '../../src/domain/workflow/order-snapshot.js';
import { allowedActions, availabilities } from '../../src/domain/workflow/preconditions.js';
import { relationsOf } from '../../src/domain/workflow/relations.js';
import { ORDER_STATES, type OrderState } from '../../src/domain/workflow/states.js';
import { ACTIONS, type Action, type Relation, TRANSITIONS } from '../../src/domain/workflow/transitions.js';
import { sh } from './calendar-fixture.js';
import { type ActorKey, actors, ctxOf, refusalOf } from './factories.js';
import { reach, step, T, validCommand } from './workflow-fixture.js';

const EVENT_OF: Record<Action, EventType> = {
  dispatch: 'dispatched',
  sign: 'signed',
  requestReturn: 'return_requested',
  approveReturn: 'return_approved',
  rejectReturn: 'return_rejected',
  requestExtension: 'extension_requested',
  approveExtension: 'extension_approved',
  rejectExtension: 'extension_rejected',
  reportProgress: 'progress_reported',
  coSign: 'co_signed',
  coOpinion: 'co_opinion_given',
  coReturn: 'co_returned',
  addCoUnit: 'co_unit_added',
  reply: 'replied',
  submitForSignOff: 'sign_off_requested',
  signOff: 'signed_off',
  sendBackSignOff: 'sign_off_sent_back',
  leaderRead: 'leader_read',
  recordFaxReply: 'fax_reply_recorded',
  acceptReview: 'review_accepted',
  orderRedo: 'redo_ordered',
  callback: 'callback_recorded',
  close: 'closed',
  void: 'voided',
  merge: 'merged',
  linkRepeat: 'linked_repeat',
  reclassify: 'reclassified',
  answerOnSpot: 'answered_on_spot',
  urge: 'urged',
  recordPhoneSupervision: 'phone_supervised',
  escalate: 'escalated',
  recordSupervisionFinding: 'supervision_finding',
  reportToLeaders: 'reported_to_leaders',
  concludeSupervision: 'supervision_concluded',
};
const ACTOR_OF: Record<Relation, ActorKey> = {
  dispatcher: 'dispatcher',
  reviewer: 'reviewer',
  lead: 'lead',
  co: 'co',
  supervisor: 'supervisor',
  leadLeader: 'leadLeader',
  leadMainLeader: 'leadMainLeader',
  office: 'dispatcher',
};
const RELATIONS = Object.keys(ACTOR_OF) as Relation[];
const OUTSIDERS: ActorKey[] = ['otherUnit', 'admin', 'auditor', 'countyLeader'];
const SUPERVISION_OFFICE_ACTIONS: readonly Action[] = [
  'recordSupervisionFinding',
  'reportToLeaders',
  'concludeSupervision',
];

/** An order in `state` on which `action` passes its side conditions, and the moment to act. */
function prepared(action: Action, state: OrderState): { order: OrderSnapshot; now: Date } {
  // 阅批 is for leader-instructed and urgent orders; submitting for sign-off, for units that sign off.
  let order = reach(state, action === 'submitForSignOff' ? { signOffMode: 'leader' } : {});
  if (action === 'leaderRead') order = { ...order, urgency: 'urgent' };
  // to the supervision office only once overdue, urged and phoned (通知三)
  if (action === 'escalate') order = { ...order, urgeCount: 2, phoneSupervisionCount: 1 };
  const now =
    action === 'requestReturn' || action === 'coReturn'
      ? sh('2026-03-03T09:00')
      : action === 'escalate'
        ? sh('2026-03-20T09:00')
        : T.later;
  if (action === 'approveExtension' || action === 'rejectExtension') {
    // requested while handling; it may still wait once the reply waits for its sign-off
    const handling = state === 'handling' ? order : reach('handling');
    const requested = step(handling, 'lead', validCommand('requestExtension', now), now).order;
    order = { ...order, pendingExtension: requested.pendingExtension };
  }
  if (action === 'coOpinion') order = step(order, 'co', { action: 'coSign' }, now).order;
  if (action === 'orderRedo' && state === 'pending_callback') {
    order = step(
      order,
      'reviewer',
      { action: 'callback', result: 'unsatisfied', note: '群众仍不满意' },
      now,
    ).order;
  }
  if (action === 'close') order = step(order, 'reviewer', validCommand('callback', now), now).order;
  // only a consultation is answered on the spot (直办)
  if (action === 'answerOnSpot') order = { ...order, type: 'consult' };
  // the supervision office works only on escalated cases, in any state they may have reached since
  if (SUPERVISION_OFFICE_ACTIONS.includes(action)) order = { ...order, escalatedAt: T.dispatch };
  return { order, now };
}

describe('every row of the transition table, through decide()', () => {
  const cases = TRANSITIONS.flatMap((row) => row.from.map((from) => ({ row, from })));

  it('has a row for every action', () => {
    expect(new Set(TRANSITIONS.map((r) => r.action))).toEqual(new Set(ACTIONS));
  });

  it.each(cases.map(({ row, from }) => [row.action, from, row.who, row.to] as const))(
    '%s from %s by %s → %s',
    (action, from, who, to) => {
      const { order, now } = prepared(action, from);
      expect(order.state).toBe(from);
      const ctx = ctxOf(actors[ACTOR_OF[who]], now);
      expect(allowedActions(order, ctx)).toContain(action);
      const decision = decide(order, validCommand(action, now), ctx);
      const expected = to === 'same' ? from : to === 'previous' ? order.stateBeforeReturn : to;
      expect(decision.from).toBe(from);
      expect(decision.to).toBe(expected);
      expect(decision.events[0]?.type).toBe(EVENT_OF[action]);
    },
  );
});

describe('wrong actor → forbidden (NOT_ALLOWED_FOR_ACTOR)', () => {
  it.each(ACTIONS)('%s is refused to everyone outside the office and the order’s units', (action) => {
    const row = TRANSITIONS.find((r) => r.action === action);
    const from = row?.from[0] as OrderState;
    const { order, now } = prepared(action, from);
    for (const who of OUTSIDERS) {
      const r = refusalOf(() => decide(order, validCommand(action, now), ctxOf(actors[who], now)));
      expect(r.code).toBe('NOT_ALLOWED_FOR_ACTOR');
      expect(r.kind).toBe('forbidden');
      expect(r.message).toContain('无权');
      expect(r.details).toEqual({ action });
    }
  });

  it.each(TRANSITIONS.map((r) => [r.action, r.who] as const))(
    '%s is refused to relations other than %s',
    (action, who) => {
      const { order, now } = prepared(
        action,
        TRANSITIONS.find((r) => r.action === action)?.from[0] as OrderState,
      );
      const owners = new Set(TRANSITIONS.filter((r) => r.action === action).map((r) => r.who));
      // a unit's leaders are also the unit (they may do what its liaisons do): not "other" to it
      const alsoOwner = (x: Relation) =>
        [...relationsOf(order, actors[ACTOR_OF[x]])].some((r) => owners.has(r));
      for (const other of RELATIONS.filter((x) => !owners.has(x) && !alsoOwner(x))) {
        expect(owners.has(who)).toBe(true);
        const r = refusalOf(() =>
          decide(order, validCommand(action, now), ctxOf(actors[ACTOR_OF[other]], now)),
        );
        expect(r.code).toBe('NOT_ALLOWED_FOR_ACTOR');
      }
    },
  );

  it('the message names who may do it', () => {
    const r = refusalOf(() =>
      decide(reach('pending_dispatch'), validCommand('dispatch', T.later), ctxOf(actors.lead, T.later)),
    );
    expect(r.message).toBe('「派发」只能由县热线办派单员操作，您无权进行此操作。');
    const co = refusalOf(() => decide(reach('pending_sign'), { action: 'sign' }, ctxOf(actors.co, T.later)));
    expect(co.message).toContain('牵头单位');
    const review = refusalOf(() =>
      decide(reach('pending_review'), { action: 'acceptReview' }, ctxOf(actors.dispatcher, T.later)),
    );
    expect(review.message).toContain('县热线办审核员');
  });

  it('the actor is checked before the state', () => {
    const r = refusalOf(() =>
      decide(reach('closed'), validCommand('dispatch', T.later), ctxOf(actors.reviewer, T.later)),
    );
    expect(r.code).toBe('NOT_ALLOWED_FOR_ACTOR');
  });
});

describe('wrong state → INVALID_STATE naming the current state', () => {
  it('replying to an order not yet signed for', () => {
    const r = refusalOf(() =>
      decide(reach('pending_sign'), validCommand('reply', T.later), ctxOf(actors.lead, T.later)),
    );
    expect(r.code).toBe('INVALID_STATE');
    expect(r.kind).toBe('state');
    expect(r.message).toBe('工单当前状态为「待签收」，不能办结反馈；只有「办理中」状态的工单才能办结反馈。');
    expect(r.details).toEqual({ action: 'reply', state: 'pending_sign' });
  });

  it('closing an order under review names 待审核', () => {
    const r = refusalOf(() =>
      decide(reach('pending_review'), { action: 'close' }, ctxOf(actors.reviewer, T.later)),
    );
    expect(r.message).toContain('工单当前状态为「待审核」');
    expect(r.message).toContain('「待回访」');
  });

  const labels: Record<OrderState, string> = {
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
  const cases = ACTIONS.flatMap((action) =>
    [...new Set(TRANSITIONS.filter((r) => r.action === action).map((r) => r.who))].flatMap((who) => {
      const from = new Set(
        TRANSITIONS.filter((r) => r.action === action && r.who === who).flatMap((r) => r.from),
      );
      return ORDER_STATES.filter((s) => !from.has(s)).map((state) => [action, who, state] as const);
    }),
  );

  it.each(cases)('%s by %s in %s', (action, who, state) => {
    const order = reach(state);
    const actor = actors[ACTOR_OF[who]];
    const hasRelation =
      who === 'dispatcher' ||
      who === 'reviewer' ||
      who === 'office' ||
      who === 'supervisor' ||
      order.assignments.some((a) => a.active && a.unitId === actor.unitId);
    const r = refusalOf(() => decide(order, validCommand(action, T.later), ctxOf(actor, T.later)));
    if (!hasRelation) {
      expect(r.code).toBe('NOT_ALLOWED_FOR_ACTOR');
      return;
    }
    expect(r.code).toBe('INVALID_STATE');
    expect(r.kind).toBe('state');
    expect(r.message).toContain(`工单当前状态为「${labels[state]}」`);
  });
});

describe('allowedActions lists exactly what is allowed', () => {
  const FAX_VOID_MERGE = ['recordFaxReply', 'void', 'merge', 'linkRepeat', 'reclassify'];
  /**
   * The office's supervision of a unit that holds the order (督查督办); escalation only once the
   * order is overdue and has been urged and phoned (see the test below).
   */
  const SUPERVISION = ['urge', 'recordPhoneSupervision'];
  const allowed = (order: OrderSnapshot, who: ActorKey, now = T.later) =>
    allowedActions(order, ctxOf(actors[who], now));

  it('pending_dispatch', () => {
    expect(allowed(reach('pending_dispatch'), 'dispatcher')).toEqual([
      'dispatch',
      'void',
      'merge',
      'linkRepeat',
      'reclassify',
    ]);
    // 改分类 is the whole office's, in every state but 已作废.
    expect(allowed(reach('pending_dispatch'), 'reviewer')).toEqual(['reclassify']);
    expect(allowed(reach('pending_dispatch'), 'lead')).toEqual([]);
  });

  it('pending_sign', () => {
    const o = reach('pending_sign');
    expect(allowed(o, 'lead', sh('2026-03-03T09:00'))).toEqual(['sign', 'requestReturn']);
    expect(allowed(o, 'lead')).toEqual(['sign']); // the return window has closed
    expect(allowed(o, 'co')).toEqual(['coSign']);
    expect(allowed(o, 'dispatcher')).toEqual(['addCoUnit', ...FAX_VOID_MERGE, ...SUPERVISION]);
    expect(allowed(o, 'reviewer')).toEqual(['reclassify']);
    expect(allowed(o, 'supervisor')).toEqual([]); // not escalated
    expect(allowed(o, 'otherUnit')).toEqual([]);
  });

  it('handling', () => {
    const o = reach('handling');
    expect(allowed(o, 'lead', sh('2026-03-03T09:00'))).toEqual([
      'requestReturn',
      'requestExtension',
      'reportProgress',
      'reply',
    ]);
    expect(allowed(o, 'lead')).toEqual(['requestExtension', 'reportProgress', 'reply']);
    expect(allowed(o, 'lead', sh('2026-03-10T09:00'))).toEqual(['reportProgress', 'reply']);
    expect(allowed(o, 'dispatcher')).toEqual(['addCoUnit', ...FAX_VOID_MERGE, ...SUPERVISION]);
    const pending = step(o, 'lead', validCommand('requestExtension', T.later), T.later).order;
    expect(allowed(pending, 'lead')).toEqual(['reportProgress', 'reply']);
    expect(allowed(pending, 'dispatcher')).toEqual([
      'approveExtension',
      'rejectExtension',
      'addCoUnit',
      ...FAX_VOID_MERGE,
      ...SUPERVISION,
    ]);
    const signed = step(o, 'co', { action: 'coSign' }, T.later).order;
    expect(allowed(o, 'co')).toEqual(['coSign']);
    expect(allowed(signed, 'co')).toEqual(['coOpinion']);
    expect(allowed(step(signed, 'co', validCommand('coOpinion', T.later), T.later).order, 'co')).toEqual([]);
  });

  it('escalate: offered once overdue, urged and phoned, and said why not before', () => {
    const o = reach('handling');
    const overdue = sh('2026-03-20T09:00');
    expect(allowed(o, 'dispatcher', overdue)).not.toContain('escalate');
    const why = availabilities(o, ctxOf(actors.dispatcher, overdue)).find((a) => a.action === 'escalate');
    expect(why && 'whyNot' in why ? why.whyNot.message : '').toContain('已催办 0 次（须至少 2 次）');
    const pressed = { ...o, urgeCount: 2, phoneSupervisionCount: 1 };
    expect(allowed(pressed, 'dispatcher', overdue)).toContain('escalate');
    const early = availabilities(pressed, ctxOf(actors.dispatcher, T.later)).find(
      (a) => a.action === 'escalate',
    );
    expect(early && 'whyNot' in early ? early.whyNot.code : '').toBe('ESCALATION_NOT_DUE');
    expect(early && 'whyNot' in early ? early.whyNot.message : '').toContain('尚未届满');
    expect(allowed(pressed, 'dispatcher', overdue).filter((a) => a === 'escalate')).toHaveLength(1);
  });

  it('return_requested', () => {
    const o = reach('return_requested');
    expect(allowed(o, 'dispatcher')).toEqual([
      'approveReturn',
      'rejectReturn',
      'void',
      'merge',
      'linkRepeat',
      'reclassify',
    ]);
    expect(allowed(o, 'lead')).toEqual([]);
    expect(allowed(o, 'co')).toEqual(['coSign']);
  });

  it('pending_review and pending_callback', () => {
    expect(allowed(reach('pending_review'), 'reviewer')).toEqual(['acceptReview', 'orderRedo', 'reclassify']);
    expect(allowed(reach('pending_review'), 'dispatcher')).toEqual([
      'void',
      'merge',
      'linkRepeat',
      'reclassify',
    ]);
    expect(allowed(reach('pending_review'), 'lead')).toEqual([]);
    const o = reach('pending_callback');
    expect(allowed(o, 'reviewer')).toEqual(['callback', 'reclassify']);
    const ok = step(o, 'reviewer', validCommand('callback', T.later), T.later).order;
    expect(allowed(ok, 'reviewer')).toEqual(['callback', 'close', 'reclassify']);
    const bad = step(
      o,
      'reviewer',
      { action: 'callback', result: 'unsatisfied', note: '群众仍不满意' },
      T.later,
    ).order;
    expect(allowed(bad, 'reviewer')).toEqual(['orderRedo', 'callback', 'close', 'reclassify']);
  });

  it('nothing on a voided order, for anyone; on a closed one only the office’s 改分类', () => {
    for (const who of Object.keys(actors) as ActorKey[]) {
      expect(allowed(reach('voided'), who)).toEqual([]);
      const office = who === 'dispatcher' || who === 'reviewer';
      expect(allowed(reach('closed'), who)).toEqual(office ? ['reclassify'] : []);
    }
  });

  it('an actor with several roles gets the union', () => {
    const both = { ...actors.dispatcher, roles: ['dispatcher', 'reviewer'] as const };
    expect(allowedActions(reach('pending_review'), ctxOf(both, T.later))).toEqual([
      'acceptReview',
      'orderRedo',
      'void',
      'merge',
      'linkRepeat',
      'reclassify',
    ]);
  });

  it('whatever allowedActions offers, decide() accepts with a valid command', () => {
    for (const state of ORDER_STATES) {
      for (const who of Object.keys(actors) as ActorKey[]) {
        const o = reach(state);
        for (const action of allowed(o, who)) {
          const command: Command = validCommand(action, T.later);
          expect(() => decide(o, command, ctxOf(actors[who], T.later))).not.toThrow();
        }
      }
    }
  });
});
