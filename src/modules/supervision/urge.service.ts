import { UrgeRepository } from '../../db/repositories/urge.repository.js';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import { refuse } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import { eventActor } from '../work-orders/event-actor.js';
import { WorkOrderService } from '../work-orders/work-order.service.js';

/** The unit records that it has read an urge (催办已阅); repeated urges stay counted on the order. */
export class UrgeService {
  private readonly orders: WorkOrderService;

  constructor(private readonly ctx: AppContext) {
    this.orders = new WorkOrderService(ctx);
  }

  /** Marks the urge read and adds its timeline event in one transaction; reading it again changes nothing. */
  async acknowledge(orderId: number, urgeId: number, actor: Actor, ip: string) {
    await this.orders.loadVisible(orderId, actor);
    const now = this.ctx.clock.now();
    return this.ctx.db.kysely.transaction().execute(async (trx) => {
      const urges = new UrgeRepository(trx);
      const urge = await urges.find(orderId, urgeId);
      if (!urge || urge.unit_id !== actor.unitId)
        refuse('not_found', 'URGE_NOT_FOUND', '没有发给本单位的这条催办。');
      if (urge.read_at) return { id: urge.id, readAt: urge.read_at };
      await urges.markRead(urge.id, now.toISOString(), actor.userId);
      await new WorkOrderRepository(trx).addEvent(orderId, 'urge_read', eventActor(actor, ip), now, {
        urgeId: urge.id,
      });
      return { id: urge.id, readAt: now.toISOString() };
    });
  }
}
