import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import { refuse } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses } from '../../server/schemas.js';
import { eventActor, WorkOrderService } from '../work-orders/work-order.service.js';

/** The unit records that it has read an urge (催办已阅); repeated urges stay counted on the order. */
export function urgeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new WorkOrderService(ctx);
  return async (app) => {
    app.post(
      '/api/work-orders/:id/urges/:urgeId/read',
      {
        config: { access: 'urge.acknowledge' },
        schema: {
          tags: ['督查督办'],
          summary: '单位阅知催办',
          params: z.object({
            id: z.coerce.number().int().positive(),
            urgeId: z.coerce.number().int().positive(),
          }),
          response: { 200: z.object({ id: z.number(), readAt: z.string() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await service.loadVisible(request.params.id, actor);
        const now = ctx.clock.now();
        return ctx.db.kysely.transaction().execute(async (trx) => {
          const urge = await trx
            .selectFrom('urges')
            .selectAll()
            .where('id', '=', request.params.urgeId)
            .where('order_id', '=', request.params.id)
            .executeTakeFirst();
          if (!urge || urge.unit_id !== actor.unitId)
            refuse('not_found', 'URGE_NOT_FOUND', '没有发给本单位的这条催办。');
          if (urge.read_at) return reply.send({ id: urge.id, readAt: urge.read_at });
          await trx
            .updateTable('urges')
            .set({ read_at: now.toISOString(), read_by: actor.userId })
            .where('id', '=', urge.id)
            .execute();
          await new WorkOrderRepository(trx).addEvent(
            request.params.id,
            'urge_read',
            eventActor(actor, request.ip),
            now,
            {
              urgeId: urge.id,
            },
          );
          return { id: urge.id, readAt: now.toISOString() };
        });
      },
    );
  };
}
