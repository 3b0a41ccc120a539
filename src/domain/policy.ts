import { type Actor, hasRole, UNIT_ROLES } from './roles.js';

/**
 * Which work orders an actor may see. The office, the supervision office and the county's
 * leaders see every order; a unit's people see the orders their unit is working on (as lead
 * or co-unit); the city platform sees the orders it sent down; administrators and auditors
 * see none (separation of duties).
 */
export type OrderScope =
  | { kind: 'all' }
  | { kind: 'unit'; unitId: number }
  | { kind: 'city' }
  | { kind: 'none' };

export function orderScope(actor: Actor): OrderScope {
  if (hasRole(actor, 'dispatcher', 'reviewer', 'supervisor', 'county_leader')) return { kind: 'all' };
  if (hasRole(actor, ...UNIT_ROLES)) return { kind: 'unit', unitId: actor.unitId };
  if (hasRole(actor, 'city_platform')) return { kind: 'city' };
  return { kind: 'none' };
}

export interface OrderVisibilityFacts {
  channel: string;
  /** Units with an active assignment on the order. */
  activeUnitIds: number[];
}

export function canSeeOrder(actor: Actor, facts: OrderVisibilityFacts): boolean {
  const scope = orderScope(actor);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'unit':
      return facts.activeUnitIds.includes(scope.unitId);
    case 'city':
      return facts.channel === 'city_platform';
    case 'none':
      return false;
  }
}
