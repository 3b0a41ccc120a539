import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { errorResponses } from '../../server/schemas.js';

/** The audit administrator reads the log of logins and administrative changes; nothing else. */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit-log',
      {
        config: { access: ['auditor'] },
        schema: {
          tags: ['审计'],
          summary: '审计日志(登录、账号与权限变更)',
          querystring: z.object({
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number(),
                  at: z.string(),
                  userId: z.number().nullable(),
                  username: z.string().nullable(),
                  action: z.string(),
                  detail: z.string(),
                  ip: z.string().nullable(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const rows = await ctx.db.kysely
          .selectFrom('audit_log')
          .selectAll()
          .orderBy('id', 'desc')
          .limit(request.query.pageSize)
          .offset((request.query.page - 1) * request.query.pageSize)
          .execute();
        return {
          items: rows.map((r) => ({
            id: r.id,
            at: r.at,
            userId: r.user_id,
            username: r.username,
            action: r.action,
            detail: r.detail,
            ip: r.ip,
          })),
        };
      },
    );
  };
}
