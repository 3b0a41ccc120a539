import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_ACTIONS, auditActionLabel } from '../../domain/audit-events.js';
import type { AppContext } from '../../server/context.js';
import { who } from '../../server/plugins/auth.js';
import { errorResponses } from '../../server/schemas.js';

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

const entrySchema = z.object({
  id: z.number(),
  seq: z.number().nullable(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  target: z.string().nullable(),
  detail: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

const verifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  headSeq: z.number(),
  firstBroken: z
    .object({ id: z.number(), seq: z.number().nullable(), at: z.string(), reason: z.string() })
    .nullable(),
});

/** The audit administrator reads the log and verifies its chain; no route edits or deletes an entry. */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit-log',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['审计'],
          summary: '审计日志(登录、账号与权限、设置、导出与查看个人信息等)',
          querystring: z.object({
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
            action: z.enum(Object.keys(AUDIT_ACTIONS) as [string, ...string[]]).optional(),
            userId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
          }),
          response: {
            200: z.object({
              items: z.array(entrySchema),
              actions: z.array(z.object({ value: z.string(), label: z.string() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { page, pageSize, action, userId } = request.query;
        const rows = await ctx.audit.page(page, pageSize, { action, userId });
        return {
          items: rows.map((r) => ({
            id: r.id,
            seq: r.seq === null ? null : Number(r.seq),
            at: r.at,
            userId: r.user_id,
            username: r.username,
            action: r.action,
            actionLabel: auditActionLabel(r.action),
            target: r.target,
            detail: r.detail,
            before: parseJson(r.before_json),
            after: parseJson(r.after_json),
            ip: r.ip,
          })),
          actions: Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label })),
        };
      },
    );

    app.post(
      '/api/audit-log/verify',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['审计'],
          summary: '校验审计日志链(HMAC-SM3),指出第一条被改动的条目',
          response: { 200: verifySchema, ...errorResponses },
        },
      },
      async (request) => {
        const result = await ctx.audit.verify();
        await ctx.audit.record(ctx.db.kysely, {
          ...who(request),
          action: 'audit.verified',
          detail: result.ok
            ? `完整,共 ${result.checked} 条`
            : `第 ${result.firstBroken?.seq ?? '?'} 条起被破坏`,
        });
        return result;
      },
    );
  };
}
