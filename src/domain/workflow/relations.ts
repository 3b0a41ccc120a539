import { type Actor, hasRole, UNIT_ROLES } from '../roles.js';
import type { OrderSnapshot } from './order-snapshot.js';
import type { Relation } from './transitions.js';

/** How an actor stands to an order: which rows of the transition table may apply to them. */
export function relationsOf(order: OrderSnapshot, actor: Actor): Set<Relation> {
  const relations = new Set<Relation>();
  if (hasRole(actor, 'dispatcher')) relations.add('dispatcher');
  if (hasRole(actor, 'reviewer')) relations.add('reviewer');
  if (hasRole(actor, 'supervisor')) relations.add('supervisor');
  if (hasRole(actor, ...UNIT_ROLES)) {
    for (const a of order.assignments) {
      if (a.active && a.unitId === actor.unitId) relations.add(a.role);
    }
  }
  return relations;
}

export const RELATION_LABELS: Record<Relation, string> = {
  dispatcher: '县热线办派单员',
  reviewer: '县热线办审核员',
  lead: '牵头单位',
  co: '协办单位',
  supervisor: '县委县政府督查室',
};
