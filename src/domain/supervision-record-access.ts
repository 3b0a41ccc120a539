import { can } from './policy.js';
import type { Actor } from './roles.js';

/**
 * A 现场督办 / 跟踪督办 record concerns one unit: the office, the supervision office and the
 * leaders read every record on the orders they see; a unit reads those about itself only.
 */
export function maySeeSupervisionRecord(actor: Actor, unitId: number | null): boolean {
  return can(actor, 'supervision.readRecords', { kind: 'unit', unitId: unitId ?? -1 });
}
