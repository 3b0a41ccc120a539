import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INITIAL_PASSWORD_VALID_HOURS } from '../../domain/initial-password.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { errorResponses, idParams, openedVersion } from '../../server/schemas.js';
import { initialPasswordAnswer, userBody, userSchema } from './users.schemas.js';
import { UserService } from './users.service.js';

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const users = new UserService(ctx);

  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: 'user.read' },
        schema: {
          tags: ['用户'],
          summary: '用户列表',
          response: { 200: z.object({ items: z.array(userSchema) }), ...errorResponses },
        },
      },
      async () => ({ items: await users.list() }),
    );

    app.post(
      '/api/users',
      {
        config: { access: 'user.grantRole' },
        schema: {
          tags: ['用户'],
          summary: '新增用户（安全管理员）；系统生成一次性初始密码，只在这次答复中给出',
          description: `管理员角色（系统、安全、审计管理员）互不兼任，也不与业务角色兼任。初始密码由系统生成（管理员不能指定），只保存摘要；本人须在 ${INITIAL_PASSWORD_VALID_HOURS} 小时内登录并修改，过期后登录答 401 INITIAL_PASSWORD_EXPIRED，须重新生成。`,
          body: userBody,
          response: { 201: userSchema.extend(initialPasswordAnswer.shape), ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await users.create(actorOf(request), who(request), request.body);
        reply.status(201).header('cache-control', 'no-store');
        return created;
      },
    );

    app.put(
      '/api/users/:id',
      {
        config: { access: 'user.edit' },
        schema: {
          tags: ['用户'],
          summary: '修改用户（资料、AB 角、不在岗时间；角色、单位、状态由安全管理员修改）',
          params: idParams,
          body: userBody.extend({ version: openedVersion }),
          response: { 200: userSchema, ...errorResponses },
        },
      },
      async (request) => users.update(actorOf(request), who(request), request.params.id, request.body),
    );

    app.post(
      '/api/users/:id/password-reset',
      {
        config: { access: 'user.resetPassword' },
        schema: {
          tags: ['用户'],
          summary:
            '重置用户密码（安全管理员；不能重置管理员的密码）：系统生成新的一次性初始密码，只在这次答复中给出；该用户的登录全部结束，锁定解除',
          params: idParams,
          response: { 200: initialPasswordAnswer, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return users.resetPassword(actorOf(request), who(request), request.params.id);
      },
    );

    app.post(
      '/api/users/:id/totp/reset',
      {
        config: { access: 'user.resetPassword' },
        schema: {
          tags: ['用户'],
          summary: '重置用户的两步验证（丢失手机验证器和恢复码时；安全管理员；不能重置管理员的）',
          params: idParams,
          body: z.object({
            reason: z.string().trim().min(4, '请写明重置原因（如：本人手机丢失，经科室负责人确认）').max(200),
          }),
          response: { 200: userSchema, ...errorResponses },
        },
      },
      async (request) =>
        users.resetTotp(actorOf(request), who(request), request.params.id, request.body.reason),
    );
  };
}
