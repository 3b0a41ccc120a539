import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppRefusal, type RefusalKind } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';
import { apiClientOf, keepRawBodies, machineRateLimit } from '../../server/plugins/api-key-auth.js';
import { idempotencyHeaders } from '../city/city.schemas.js';
import {
  open311Created,
  open311Errors,
  open311ListQuery,
  open311PostBody,
  open311Request,
  open311Service,
} from './open311.schemas.js';
import { Open311Service } from './open311.service.js';

const STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  too_large: 413,
  rule: 400,
  state: 409,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  rate_limited: 429,
  not_found: 404,
};
const tags = ['Open311 GeoReport v2'];
const errors = { 400: open311Errors, 401: open311Errors, 403: open311Errors, 404: open311Errors };

/**
 * Open311 GeoReport v2 (JSON): services are the categories; anyone may read the requests
 * submitted through Open311; submitting needs a key of an API client with the open311 scope.
 * Errors are answered the GeoReport way: a list of { code, description }.
 */
export function open311Routes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new Open311Service(ctx);
  return async (app) => {
    keepRawBodies(app);
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof AppRefusal) {
        return reply.status(STATUS[err.kind]).send([{ code: STATUS[err.kind], description: err.message }]);
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        const list = err.validation
          .map((v) => `${v.instancePath.replace(/^\//, '') || '请求'}：${v.message}`)
          .join('；');
        return reply.status(400).send([{ code: 400, description: `提交的内容不符合要求：${list}` }]);
      }
      request.log.error({ err }, 'open311 failed');
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
      return reply
        .status(status)
        .send([{ code: status, description: status < 500 ? '请求无效。' : '服务器内部错误，请稍后重试。' }]);
    });

    app.get(
      '/open311/v2/services.json',
      {
        config: { access: 'public' },
        schema: { tags, summary: '服务列表（诉求分类）', response: { 200: z.array(open311Service) } },
      },
      async () => service.services(),
    );

    app.get(
      '/open311/v2/requests.json',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '经 Open311 提交的服务请求（缺省近 90 天，最多 1000 条）',
          querystring: open311ListQuery,
          response: { 200: z.array(open311Request), ...errors },
        },
      },
      async (request) => service.list(request.query),
    );

    app.get(
      '/open311/v2/requests/:id.json',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '一条服务请求',
          params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
          response: { 200: z.array(open311Request), ...errors },
        },
      },
      async (request) => service.one(request.params.id),
    );

    app.post(
      '/open311/v2/requests.json',
      {
        config: {
          access: 'public',
          apiScope: 'open311',
          rateLimit: machineRateLimit(ctx.config.API_RATE_PER_MINUTE),
        },
        schema: {
          tags,
          summary: '提交服务请求（JSON 或表单；须 open311 权限的接口密钥）',
          security: [{ bearerKey: [] }, { apiKeyHeader: [] }],
          headers: idempotencyHeaders,
          body: open311PostBody,
          response: { 201: open311Created, ...errors, 409: open311Errors, 422: open311Errors },
        },
      },
      async (request, reply) => {
        const answer = await service.submit(
          apiClientOf(request),
          request.body,
          request.headers['idempotency-key'],
        );
        if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
        return reply.status(201).send(answer.body);
      },
    );
  };
}
