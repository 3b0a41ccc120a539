import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import {
  callerHistoryQuery,
  callerHistoryResponse,
  repeatProbeBody,
  repeatsResponse,
} from './repeats.schemas.js';
import { RepeatService } from './repeats.service.js';

/** The dispatcher's assistant: repeats caught before dispatch, and the caller's history. */
export function repeatRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new RepeatService(ctx);
  return async (app) => {
    app.post(
      '/api/assistant/repeats',
      {
        config: { access: 'assistant.use' },
        schema: {
          tags: ['派单助手'],
          summary:
            '登记时查找可能的重复件：同一号码、同一地址、同乡镇内容相近的在办及近期工单，按相似程度排序',
          body: repeatProbeBody,
          response: { 200: repeatsResponse, ...errorResponses },
        },
      },
      async (request) => service.find(request.body),
    );
    app.get(
      '/api/work-orders/:id/repeats',
      {
        config: { access: 'assistant.use' },
        schema: {
          tags: ['派单助手'],
          summary: '本工单可能重复的更早工单（派发前核对）',
          params: idParams,
          response: { 200: repeatsResponse, ...errorResponses },
        },
      },
      async (request) => service.forOrder(request.params.id, actorOf(request)),
    );
    app.get(
      '/api/assistant/caller-history',
      {
        config: { access: 'assistant.use' },
        schema: {
          tags: ['派单助手'],
          summary: '来电人的历史工单（按电话号码），含办理结果与满意度',
          querystring: callerHistoryQuery,
          response: { 200: callerHistoryResponse, ...errorResponses },
        },
      },
      async (request) => service.callerHistory(request.query.phone, actorOf(request)),
    );
    app.get(
      '/api/work-orders/:id/caller-history',
      {
        config: { access: 'workOrder.callerHistory' },
        schema: {
          tags: ['派单助手'],
          summary: '本工单来电人的其他工单（单位只看到本单位办理的）',
          params: idParams,
          response: { 200: callerHistoryResponse, ...errorResponses },
        },
      },
      async (request) => service.callerHistoryOfOrder(request.params.id, actorOf(request)),
    );
  };
}
