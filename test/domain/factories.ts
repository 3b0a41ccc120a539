import { AppRefusal } from '../../src/domain/refusal.js';
import type { CitizenContact, ReplyContent } from '../../src/domain/reply-standard.js';
import type { Actor, Role } from '../../src/domain/roles.js';
import type { Decision } from '../../src/domain/workflow/decision.js';
import type { AssignmentSnapshot, OrderSnapshot } from '../../src/domain/workflow/order-snapshot.js';
import type { WorkflowContext } from '../../src/domain/workflow/preconditions.js';
import { calendar, settings } from './calendar-fixture.js';

export const OFFICE = 100;
export const LEAD = 201;
export const CO = 202;
export const CO2 = 203;
export const OTHER_UNIT = 204;

const actor = (userId: number, unitId: number, roles: Role[], name: string): Actor => ({
  userId,
  unitId,
  roles,
  name,
});

export const actors = {
  dispatcher: actor(1, OFFICE, ['dispatcher'], '张派单'),
  reviewer: actor(2, OFFICE, ['reviewer'], '李审核'),
  lead: actor(11, LEAD, ['unit_liaison'], '王联络'),
  leadLeader: actor(12, LEAD, ['unit_leader'], '赵分管'),
  leadMainLeader: actor(13, LEAD, ['unit_main_leader'], '刘主任'),
  co: actor(21, CO, ['unit_liaison'], '钱协办'),
  co2: actor(22, CO2, ['unit_main_leader'], '孙主任'),
  otherUnit: actor(31, OTHER_UNIT, ['unit_liaison'], '周旁观'),
  admin: actor(41, OFFICE, ['admin'], '吴管理'),
  auditor: actor(42, OFFICE, ['auditor'], '郑审计'),
  supervisor: actor(43, 300, ['supervisor'], '冯督查'),
  countyLeader: actor(44, 400, ['county_leader'], '陈县长'),
} as const;
export type ActorKey = keyof typeof actors;

export function ctxOf(who: Actor, now: Date, overrides: Partial<WorkflowContext> = {}): WorkflowContext {
  return { actor: who, now, calendar, settings: settings(), ...overrides };
}

export function assignment(
  unitId: number,
  role: 'lead' | 'co',
  over: Partial<AssignmentSnapshot> = {},
): AssignmentSnapshot {
  return { unitId, role, active: true, signedAt: null, opinionAt: null, ...over };
}

/** A fresh, registered order: waiting to be dispatched. */
export function newOrder(over: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    id: 1,
    state: 'pending_dispatch',
    version: 1,
    urgency: 'normal',
    needsCitizenReply: false,
    cityDeadline: null,
    dispatchedAt: null,
    signBy: null,
    returnBy: null,
    handleBy: null,
    coUnitBy: null,
    stateBeforeReturn: null,
    pendingExtension: null,
    redoCount: 0,
    returnCount: 0,
    extensionCount: 0,
    callbackCount: 0,
    lastCallbackResult: null,
    // Most rules are about the order, not how the unit signs its reply off: these fixtures use the
    // typed issuer so a reply is one step; test/domain/sign-off.test.ts covers the default (leader).
    signOffMode: 'typed',
    replyDraft: null,
    leaderRead: null,
    assignments: [],
    ...over,
  };
}

export const citizenContact = (contactedAt: string, over: Partial<CitizenContact> = {}): CitizenContact => ({
  contactedAt,
  method: 'phone',
  contactedBy: '李明',
  citizenResponse: '群众表示认可',
  ...over,
});

/** A reply that meets the notice's 规范回复. */
export function goodReply(over: Partial<ReplyContent> = {}): ReplyContent {
  return {
    findings: '经现场核实,群众反映的幸福小区东门3盏路灯自3月初起不亮,属我局管护范围。',
    result: '我局已于3月5日更换损坏灯具,现已全部恢复照明。',
    basis: '《县城市照明设施管理办法》第十二条',
    unreasonableDemand: false,
    explanation: null,
    issuer: '王志强',
    handlerName: '李明',
    handlerPhone: '13912345678',
    citizenContact: null,
    ...over,
  };
}

/** Runs `fn` and returns the AppRefusal it throws; fails if it throws nothing or something else. */
export function refusalOf(fn: () => unknown): AppRefusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppRefusal) return e;
    throw e;
  }
  throw new Error('expected an AppRefusal, but nothing was thrown');
}

/**
 * A small in-memory stand-in for persistence: applies a decision's state, patch and assignment
 * changes to a snapshot, as the repository would in one transaction.
 */
export function applyDecision(order: OrderSnapshot, d: Decision): OrderSnapshot {
  if (d.from !== order.state)
    throw new Error(`decision from ${d.from} applied to an order in ${order.state}`);
  const next: OrderSnapshot = { ...order, state: d.to, version: order.version + 1 };
  const p = d.patch;
  if ('urgency' in p && p.urgency !== undefined) next.urgency = p.urgency;
  if ('dispatchedAt' in p) next.dispatchedAt = p.dispatchedAt ?? null;
  if ('signBy' in p) next.signBy = p.signBy ?? null;
  if ('returnBy' in p) next.returnBy = p.returnBy ?? null;
  if ('handleBy' in p) next.handleBy = p.handleBy ?? null;
  if ('coUnitBy' in p) next.coUnitBy = p.coUnitBy ?? null;
  if ('stateBeforeReturn' in p) next.stateBeforeReturn = p.stateBeforeReturn ?? null;
  if ('pendingExtension' in p) next.pendingExtension = p.pendingExtension ?? null;
  if ('decisionRequestedAt' in p) next.decisionRequestedAt = p.decisionRequestedAt ?? null;
  if ('decideBy' in p) next.decideBy = p.decideBy ?? null;
  if ('lastCallbackResult' in p) next.lastCallbackResult = p.lastCallbackResult ?? null;
  if (p.redoCount !== undefined) next.redoCount = p.redoCount;
  if (p.returnCount !== undefined) next.returnCount = p.returnCount;
  if (p.extensionCount !== undefined) next.extensionCount = p.extensionCount;
  if (p.callbackCount !== undefined) next.callbackCount = p.callbackCount;
  if (p.urgeCount !== undefined) next.urgeCount = p.urgeCount;
  if (p.phoneSupervisionCount !== undefined) next.phoneSupervisionCount = p.phoneSupervisionCount;
  if ('escalatedAt' in p) next.escalatedAt = p.escalatedAt ?? null;
  if ('escalationReportedAt' in p) next.escalationReportedAt = p.escalationReportedAt ?? null;
  if ('escalationConcludedAt' in p) next.escalationConcludedAt = p.escalationConcludedAt ?? null;
  if ('replyDraft' in p) next.replyDraft = p.replyDraft ?? null;
  if ('leaderRead' in p) next.leaderRead = p.leaderRead ?? null;
  // The category's names come with the event that set it (as the whole order reads them back).
  if (p.categoryId !== undefined) {
    for (const e of d.events) {
      if (e.type === 'reclassified') next.category = e.payload.to;
      if (e.type === 'dispatched' && e.payload.category) next.category = e.payload.category;
    }
  }

  let assignments = order.assignments.map((a) => ({ ...a }));
  for (const change of d.assignments) {
    switch (change.op) {
      case 'replaceActive':
        assignments = [
          ...assignments.map((a) => ({ ...a, active: false })),
          assignment(change.leadUnitId, 'lead'),
          ...change.coUnitIds.map((id) => assignment(id, 'co')),
        ];
        break;
      case 'deactivateAll':
        assignments = assignments.map((a) => ({ ...a, active: false }));
        break;
      case 'sign':
      case 'opinion': {
        const target = assignments.find((a) => a.active && a.unitId === change.unitId);
        if (!target)
          throw new Error(`${change.op} for unit ${change.unitId}, which has no active assignment`);
        if (change.op === 'sign') target.signedAt = change.at;
        else target.opinionAt = change.at;
        break;
      }
      case 'coReturned':
        assignments = assignments.map((a) =>
          a.active && a.role === 'co' && a.unitId === change.unitId ? { ...a, active: false } : a,
        );
        break;
      case 'addCo':
        assignments = [...assignments, assignment(change.unitId, 'co')];
        break;
      case 'silent':
        for (const id of change.unitIds) {
          if (!assignments.some((a) => a.active && a.role === 'co' && a.unitId === id)) {
            throw new Error(`silent unit ${id} is not an active co-unit`);
          }
          const target = assignments.find((a) => a.active && a.unitId === id);
          if (target) target.silent = true;
        }
        break;
    }
  }
  next.assignments = assignments;
  return next;
}
