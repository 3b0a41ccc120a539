import type { UnitRepository } from '../../db/repositories/unit.repository.js';
import type { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { KnownUnit } from '../../db/repositories/work-order.whole.js';
import { refuse } from '../../domain/refusal.js';
import type { UnitKind } from '../../domain/roles.js';

type UnitLike = { kind: string; active: number; name: string };

/** A unit an order may be given to: there, active, and of the right kind. */
function checkUnit(unit: UnitLike | undefined, kinds: UnitKind[], what: string): asserts unit is UnitLike {
  if (unit?.active !== 1) refuse('invalid', 'UNIT_NOT_FOUND', `${what}不存在或已停用。`);
  if (!kinds.includes(unit.kind as UnitKind)) {
    refuse('invalid', 'UNIT_KIND_INVALID', `「${unit.name}」不能作为${what}。`);
  }
}

/** One unit an order names (e.g. its township), checked. */
export async function requireUnit(units: UnitRepository, id: number, kinds: UnitKind[], what: string) {
  const unit = await units.find(id);
  checkUnit(unit, kinds, what);
  return unit;
}

/**
 * Handling units (departments, townships) an action names, checked in order in one statement;
 * each found is added to `known`, so the answer is built with their names without reading again.
 */
export async function requireHandlingUnits(
  repo: WorkOrderRepository,
  wanted: Array<{ id: number; what: string }>,
  known: Map<number, KnownUnit>,
): Promise<void> {
  const found = new Map((await repo.unitsByIds(wanted.map((w) => w.id))).map((u) => [u.id, u]));
  for (const { id, what } of wanted) {
    const unit = found.get(id);
    checkUnit(unit, ['department', 'township'], what);
    if (unit) known.set(id, { name: unit.name, sign_off_mode: unit.sign_off_mode });
  }
}
