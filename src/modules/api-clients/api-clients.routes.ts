import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_SCOPES } from '../../domain/api-scopes.js';
import type { AppContext } from '../../server/context.js';
import { who } from '../../server/plugins/auth.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import { ApiClientService } from './api-clients.service.js';

const settingsBody = z.object({
  scopes: z.array(z.enum(API_SCOPES)).min(1, '至少选择一项接口权限'),
  unitId: z
    .number()
    .int()
    .positive()
    .nullable()
    .default(null)
    .describe('客户端代表的单位（市级平台填市级平台单位）'),
  requireSignature: z.boolean().default(false).describe('要求每个请求带 HMAC-SHA256 签名'),
  allowedAddresses: z
    .array(z.string().max(60))
    .max(100)
    .default([])
    .describe('允许调用的来源地址：IP 或网段（如 10.1.2.3、10.1.0.0/16），最多 20 项；空表示不限'),
});
const createBody = settingsBody.extend({ name: z.string().trim().min(2, '名称至少 2 个字').max(40) });

const clientSchema = z.object({
  id: z.number(),
  name: z.string(),
  scopes: z.array(z.enum(API_SCOPES)),
  unitId: z.number().nullable(),
  requireSignature: z.boolean(),
  allowedAddresses: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  keys: z.array(
    z.object({
      prefix: z.string(),
      createdAt: z.string(),
      expiresAt: z.string().nullable(),
      live: z.boolean(),
    }),
  ),
  last24h: z.object({
    calls: z.number(),
    errors: z.number(),
    errorRate: z.number(),
    lastCallAt: z.string().nullable(),
  }),
});
const keyAnswer = z.object({
  id: z.number(),
  key: z.string().describe('接口密钥：只显示这一次，系统只保存其摘要'),
  oldKeysExpireAt: z.string().nullable(),
});

/** The administrator's page of machine clients: create, change, rotate keys, revoke, see their calls. */
export function apiClientRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new ApiClientService(ctx);
  const admin = { access: 'apiClient.manage' as const };
  const tags = ['接口客户端'];

  return async (app) => {
    app.get(
      '/api/api-clients',
      {
        config: admin,
        schema: {
          tags,
          summary: '接口客户端列表，含近 24 小时调用次数与错误率',
          response: { 200: z.array(clientSchema), ...errorResponses },
        },
      },
      async () => service.overview(),
    );

    app.post(
      '/api/api-clients',
      {
        config: admin,
        schema: {
          tags,
          summary: '新增接口客户端（密钥只显示一次）',
          body: createBody,
          response: { 201: keyAnswer, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { id, key } = await service.create(request.body, who(request));
        return reply.status(201).send({ id, key, oldKeysExpireAt: null });
      },
    );

    app.put(
      '/api/api-clients/:id',
      {
        config: admin,
        schema: {
          tags,
          summary: '修改接口权限、代表单位、是否须签名、允许的来源地址',
          params: idParams,
          body: settingsBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await service.update(request.params.id, request.body, who(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/api-clients/:id/rotate',
      {
        config: admin,
        schema: {
          tags,
          summary: '轮换密钥：发新密钥，旧密钥在并行期后失效',
          params: idParams,
          body: z.object({ overlapHours: z.number().min(0).max(720).default(24) }),
          response: { 200: keyAnswer, ...errorResponses },
        },
      },
      async (request) => {
        const { key, oldKeysExpireAt } = await service.rotate(
          request.params.id,
          request.body.overlapHours,
          who(request),
        );
        return { id: request.params.id, key, oldKeysExpireAt };
      },
    );

    app.post(
      '/api/api-clients/:id/revoke',
      {
        config: admin,
        schema: {
          tags,
          summary: '吊销接口客户端（立即生效）',
          params: idParams,
          body: z.object({ reason: z.string().trim().min(2, '请填写吊销原因').max(200) }),
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await service.revoke(request.params.id, request.body.reason, who(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/api-clients/:id/calls',
      {
        config: admin,
        schema: {
          tags,
          summary: '最近 50 次调用',
          params: idParams,
          response: {
            200: z.array(
              z.object({
                at: z.string(),
                method: z.string(),
                route: z.string(),
                status: z.number(),
                errorCode: z.string().nullable(),
                durationMs: z.number(),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request) => service.lastCalls(request.params.id),
    );
  };
}
