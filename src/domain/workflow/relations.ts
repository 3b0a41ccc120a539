import { type Capability, can } from '../policy.js';
import type { Actor } from '../roles.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { type Action, type Relation, transitionsFor } from './transitions.js';

/** The capability that lets an actor take a row of the transition table at all. */
export const RELATION_CAPABILITY: Record<Relation, Capability> = {
  dispatcher: 'workflow.dispatch',
  reviewer: 'workflow.review',
  supervisor: 'workflow.supervise',
  lead: 'workflow.unit',
  co: 'workflow.unit',
  leadLeader: 'workflow.signOff',
  leadMainLeader: 'workflow.leaderRead',
  office: 'workflow.reclassify',
};

/** The capability an action's route requires: every row of one action belongs to one capability. */
export function actionCapability(action: Action): Capability {
  const [first, ...rest] = transitionsFor(action).map((t) => RELATION_CAPABILITY[t.who]);
  if (!first || rest.some((c) => c !== first)) throw new Error(`action ${action} has no single capability`);
  return first;
}

/** How an actor stands to an order: which rows of the transition table may apply to them. */
export function relationsOf(order: OrderSnapshot, actor: Actor): Set<Relation> {
  const relations = new Set<Relation>();
  if (can(actor, 'workflow.dispatch')) relations.add('dispatcher');
  if (can(actor, 'workflow.review')) relations.add('reviewer');
  if (can(actor, 'workflow.supervise')) relations.add('supervisor');
  if (can(actor, 'workflow.reclassify')) relations.add('office');
  for (const a of order.assignments) {
    if (!a.active) continue;
    const unit = { kind: 'unit', unitId: a.unitId } as const;
    if (can(actor, 'workflow.unit', unit)) relations.add(a.role);
    if (a.role === 'lead' && can(actor, 'workflow.signOff', unit)) relations.add('leadLeader');
    if (a.role === 'lead' && can(actor, 'workflow.leaderRead', unit)) relations.add('leadMainLeader');
  }
  return relations;
}

export const RELATION_LABELS: Record<Relation, string> = {
  dispatcher: '县热线办派单员',
  reviewer: '县热线办审核员',
  lead: '牵头单位',
  co: '协办单位',
  supervisor: '县委县政府督查室',
  leadLeader: '牵头单位的分管领导或主要负责人',
  leadMainLeader: '牵头单位的主要负责人',
  office: '县热线办派单员或审核员',
};
