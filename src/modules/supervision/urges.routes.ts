import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses } from '../../server/schemas.js';
import { UrgeService } from './urge.service.js';

/** HTTP for the urge use cases in UrgeService. */
export function urgeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new UrgeService(ctx);
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
      async (request) =>
        service.acknowledge(request.params.id, request.params.urgeId, actorOf(request), request.ip),
    );
  };
}
