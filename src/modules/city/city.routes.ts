import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WorkOrderRepository } from '../../db/repositories/work-order.repository.js';
import { refuse } from '../../domain/refusal.js';
import { orderState } from '../../domain/workflow/states.js';
import type { AppContext } from '../../server/context.js';
import { apiClientOf, keepRawBodies, machineRateLimit } from '../../server/plugins/api-key-auth.js';
import { errorResponses } from '../../server/schemas.js';
import {
  cityOrderAnswer,
  cityOrderBody,
  cityOrderNoParams,
  cityUpdateAnswer,
  cityUpdateBody,
  idempotencyHeaders,
} from './city.schemas.js';
import { receiveCityOrder, receiveCityUpdate } from './city-inbound.service.js';

/** Machine routes authenticate by key: see docs/api.md (「市级平台对接」). */
export const KEY_SECURITY: { [scheme: string]: string[] }[] = [{ bearerKey: [] }, { apiKeyHeader: [] }];

const IDEMPOTENCY_NOTE =
  '重发请带相同的 Idempotency-Key（缺省为市平台工单编号）：返回第一次的结果（响应头 Idempotent-Replayed: true）；同一个键内容不同返回 422。';

/** The city platform's inbound link: orders sent down and the city's later changes to them. */
export function cityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    keepRawBodies(app);

    app.post(
      '/api/city/v1/orders',
      {
        config: {
          access: 'public',
          apiScope: 'city',
          rateLimit: machineRateLimit(ctx.config.API_RATE_PER_MINUTE),
        },
        schema: {
          tags: ['市级平台对接'],
          summary: '市级平台下发工单（恰好登记一次）',
          description: IDEMPOTENCY_NOTE,
          security: KEY_SECURITY,
          headers: idempotencyHeaders,
          body: cityOrderBody,
          response: { 201: cityOrderAnswer, 200: cityOrderAnswer, ...errorResponses },
        },
      },
      async (request, reply) => {
        const client = apiClientOf(request);
        const answer = await receiveCityOrder(
          ctx,
          client,
          request.body,
          request.headers['idempotency-key'],
          request.ip,
        );
        if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
        return reply.status(answer.status as 201).send(answer.body);
      },
    );

    app.post(
      '/api/city/v1/orders/:cityOrderNo/updates',
      {
        config: {
          access: 'public',
          apiScope: 'city',
          rateLimit: machineRateLimit(ctx.config.API_RATE_PER_MINUTE),
        },
        schema: {
          tags: ['市级平台对接'],
          summary: '市级平台变更工单：补充诉求、撤单、变更期限、催办',
          description: `kind 取 supplement / cancel / deadline / urge。${IDEMPOTENCY_NOTE.replace('（缺省为市平台工单编号）', '（缺省按内容去重）')}`,
          security: KEY_SECURITY,
          headers: idempotencyHeaders,
          params: cityOrderNoParams,
          body: cityUpdateBody,
          response: { 201: cityUpdateAnswer, ...errorResponses },
        },
      },
      async (request, reply) => {
        const answer = await receiveCityUpdate(
          ctx,
          apiClientOf(request),
          request.params.cityOrderNo,
          request.body,
          request.headers['idempotency-key'],
          request.ip,
        );
        if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
        return reply.status(answer.status as 201).send(answer.body);
      },
    );

    app.get(
      '/api/city/v1/orders/:cityOrderNo',
      {
        config: {
          access: 'public',
          apiScope: 'city',
          rateLimit: machineRateLimit(ctx.config.API_RATE_PER_MINUTE),
        },
        schema: {
          tags: ['市级平台对接'],
          summary: '查询市平台工单在本县的登记与办理状态',
          security: KEY_SECURITY,
          params: cityOrderNoParams,
          response: { 200: cityOrderAnswer, ...errorResponses },
        },
      },
      async (request) => {
        const row = await new WorkOrderRepository(ctx.db.kysely).findByCityOrderNo(
          request.params.cityOrderNo,
        );
        if (row?.channel !== 'city_platform') {
          return refuse(
            'not_found',
            'CITY_ORDER_NOT_FOUND',
            `市平台工单 ${request.params.cityOrderNo} 未在本县登记。`,
          );
        }
        return {
          id: row.id,
          code: row.code,
          cityOrderNo: request.params.cityOrderNo,
          state: orderState(row.state),
          duplicate: false,
        };
      },
    );
  };
}
