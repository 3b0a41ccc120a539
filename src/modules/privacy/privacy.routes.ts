import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import { orderDetail } from '../work-orders/work-order.detail.js';
import { detailResponse } from '../work-orders/work-order.responses.js';
import { WorkOrderService } from '../work-orders/work-order.service.js';
import { PrivacyService } from './privacy.service.js';

const reason = z.string().max(200, '理由不超过 200 字');

/** Revealing a masked phone (the handling unit) and marking an order 保密 (the office). */
export function privacyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new PrivacyService(ctx);
  const orders = new WorkOrderService(ctx);
  return async (app) => {
    app.post(
      '/api/work-orders/:id/reveal-contact',
      {
        config: { access: 'workOrder.revealPhone' },
        schema: {
          tags: ['个人信息'],
          summary: '承办单位说明理由后查看来电人的完整电话和地址（记入流转记录和审计日志）',
          description: '理由至少 4 个字（标点和空格不计）。保密件一律拒绝（403 CONFIDENTIAL_ORDER）。',
          params: idParams,
          body: z.object({ reason }),
          response: {
            200: z.object({ citizenName: z.string(), citizenPhone: z.string(), citizenAddress: z.string() }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        service.reveal(request.params.id, request.body.reason, actorOf(request), who(request)),
    );

    app.post(
      '/api/work-orders/:id/confidential',
      {
        config: { access: 'workOrder.setConfidential' },
        schema: {
          tags: ['个人信息'],
          summary: '标记或取消保密件（来电人要求对承办单位保密身份），记入流转记录和审计日志',
          params: idParams,
          body: z.object({
            version: z.number().int().positive(),
            confidential: z.boolean(),
            reason: reason.trim().min(2, '请说明原因（如「来电人要求保密」）'),
          }),
          response: { 200: detailResponse, ...errorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await service.setConfidential(request.params.id, request.body, actor, who(request));
        return orderDetail(ctx, orders, request.params.id, actor);
      },
    );
  };
}
