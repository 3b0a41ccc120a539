import type { EventActor } from '../../db/repositories/work-order.repository.js';
import type { Actor } from '../../domain/roles.js';

/** Who a timeline event records: the signed-in person, their unit and where they called from. */
export function eventActor(actor: Actor, ip: string | null): EventActor {
  return { userId: actor.userId, unitId: actor.unitId, name: actor.name, ip };
}
