import { toSnapshot } from '../../db/repositories/work-order.mapping.js';
import type { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import type { WholeOrder } from '../../db/repositories/work-order.whole.js';
import type { WorkOrderRow } from '../../db/schema.js';
import { can, type OrderSubject } from '../../domain/policy.js';
import type { Actor } from '../../domain/roles.js';
import type { OrderSnapshot } from '../../domain/workflow/index.js';
import { notFound } from './order-refusals.js';

/** An order the actor may see, whole, with its workflow snapshot and its subject for the policy. */
export interface VisibleOrder {
  whole: WholeOrder;
  snapshot: OrderSnapshot;
  subject: OrderSubject;
}

/** Loads an order the actor may see, or refuses with 404 (another unit's order is "not there"). */
export async function loadVisible(
  repo: WorkOrderRepository,
  id: number,
  actor: Actor,
): Promise<{ row: WorkOrderRow; snapshot: OrderSnapshot; subject: OrderSubject }> {
  const found = await repo.findWithSignOffMode(id);
  if (!found) return notFound();
  const units = await repo.assignments(id);
  const subject = visibleTo(actor, found.row, units);
  return { row: found.row, snapshot: toSnapshot(found.row, units, found.signOffMode), subject };
}

/** As `loadVisible`, with everything the order's page shows, in one statement. */
export async function loadWholeVisible(
  repo: WorkOrderRepository,
  id: number,
  actor: Actor,
): Promise<VisibleOrder> {
  const whole = await repo.whole(id);
  if (!whole) return notFound();
  return visibleWhole(whole, actor);
}

export function visibleWhole(whole: WholeOrder, actor: Actor): VisibleOrder {
  const subject = visibleTo(actor, whole.row, whole.assignments);
  const snapshot = toSnapshot(
    whole.row,
    whole.assignments,
    whole.leadSignOffMode ?? 'leader',
    whole.events,
    whole.category,
  );
  return { whole, snapshot, subject };
}

/** Whether the actor may see the order, from its assignments; refuses with 404 otherwise. */
function visibleTo(
  actor: Actor,
  row: WorkOrderRow,
  units: ReadonlyArray<{ unit_id: number; active: number; returned_at: string | null }>,
): OrderSubject {
  // A co-unit that returned its part still reads what it returned (it can no longer act on it).
  const activeUnitIds = units.filter((u) => u.active === 1 || u.returned_at !== null).map((u) => u.unit_id);
  const subject: OrderSubject = { kind: 'order', channel: row.channel, activeUnitIds };
  if (!can(actor, 'workOrder.read', subject)) return notFound();
  return subject;
}
