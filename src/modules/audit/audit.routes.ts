import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuditFilter } from '../../db/repositories/audit.repository.js';
import { AUDIT_ACTIONS, type AuditAction, auditActionLabel } from '../../domain/audit-events.js';
import { refuse } from '../../domain/refusal.js';
import { addDays, shanghaiDate, startOfShanghaiDay, toShanghaiIso } from '../../domain/time.js';
import type { AppContext } from '../../server/context.js';
import { who } from '../../server/plugins/auth.js';
import { errorResponses, isoDate } from '../../server/schemas.js';
import { attachmentName, type SheetSpec, streamWorkbook, XLSX_TYPE } from '../statistics/excel.js';
import type { ReadableAuditRow } from './audit.service.js';

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
  account: z
    .object({ username: z.string(), name: z.string() })
    .nullable()
    .describe('操作者账号（登录名、姓名，按现在的账号）；登录失败时账号不存在则为空，看 username'),
  before: z.unknown(),
  after: z.unknown(),
  changes: z
    .array(
      z.object({
        field: z.string(),
        label: z.string().describe('字段的中文名'),
        before: z.string().nullable().describe('改前（可读的文字；null：原先没有）'),
        after: z.string().nullable().describe('改后（可读的文字；null：已去掉）'),
      }),
    )
    .describe('改动了的字段，逐项写成文字；新增时列出各项的值'),
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

type AuditRow = ReadableAuditRow;

/** Who, as the auditor reads it: the account's name and login name, else the name the entry keeps. */
const personOf = (r: AuditRow) =>
  r.account
    ? `${r.account.name}（${r.account.username}）`
    : (r.username ?? (r.user_id ? `#${r.user_id}` : ''));

/** Each field on a line: a value set anew (a creation, an export's conditions) as it is, a change as before → after. */
const changesText = (r: AuditRow) =>
  r.changes
    .map((c) =>
      c.before === null ? `${c.label}：${c.after}` : `${c.label}：${c.before} → ${c.after ?? '（已去掉）'}`,
    )
    .join('\n');

function entryOf(r: AuditRow) {
  return {
    id: r.id,
    seq: r.seq === null ? null : Number(r.seq),
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    target: r.target,
    detail: r.detail,
    account: r.account,
    before: r.before,
    after: r.after,
    changes: r.changes,
    ip: r.ip,
  };
}

const ACTION_KINDS = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

/** What the auditor filters by; the list and its export take the same. */
const filterQuery = z.object({
  action: z
    .string()
    .max(2_000)
    .transform((s) =>
      s
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ACTION_KINDS, { error: '没有这种审计事件' })).max(ACTION_KINDS.length))
    .optional()
    .describe('审计事件种类，多个用逗号分隔'),
  userId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  person: z.string().trim().max(64).optional().describe('姓名或登录名（含登录失败时输入的名字），包含即可'),
  from: isoDate.optional().describe('起始日（北京时间，含）'),
  to: isoDate.optional().describe('截止日（北京时间，含）'),
  ip: z.string().trim().max(64).optional().describe('IP 地址，包含即可'),
  target: z.string().trim().max(200).optional().describe('对象，如 user:12，包含即可'),
});

function auditFilter(q: z.infer<typeof filterQuery>): AuditFilter {
  if (q.from && q.to && q.from > q.to)
    refuse('invalid', 'AUDIT_PERIOD_REVERSED', `起始日 ${q.from} 晚于截止日 ${q.to}，请重新选择时间范围。`);
  return {
    actions: q.action,
    userId: q.userId,
    person: q.person || undefined,
    from: q.from ? startOfShanghaiDay(q.from).toISOString() : undefined,
    until: q.to ? startOfShanghaiDay(addDays(q.to, 1)).toISOString() : undefined,
    ip: q.ip || undefined,
    target: q.target || undefined,
  };
}

function auditSheet(rows: AsyncIterable<AuditRow[]>): SheetSpec<AuditRow> {
  return {
    name: '审计日志',
    columns: [
      { header: '编号', width: 8, value: (r) => (r.seq === null ? null : Number(r.seq)) },
      {
        header: '时间（北京时间）',
        width: 20,
        value: (r) => toShanghaiIso(new Date(r.at)).slice(0, 19).replace('T', ' '),
      },
      { header: '用户', width: 22, value: personOf },
      { header: '操作', width: 22, value: (r) => auditActionLabel(r.action) },
      { header: '事件代码', width: 22, value: (r) => r.action },
      { header: '对象', width: 24, value: (r) => r.target },
      { header: '内容', width: 40, value: (r) => r.detail },
      { header: '改动', width: 50, value: changesText },
      { header: '改前', width: 40, value: (r) => r.before_json },
      { header: '改后', width: 40, value: (r) => r.after_json },
      { header: 'IP', width: 16, value: (r) => r.ip },
      { header: '校验值（HMAC-SM3）', width: 30, value: (r) => r.mac },
    ],
    rows,
  };
}

/** The audit administrator reads the log and verifies its chain; no route edits or deletes an entry. */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit-log',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['审计'],
          summary: '审计日志（登录、账号与权限、设置、导出与查看个人信息等）',
          querystring: filterQuery.extend({
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(entrySchema),
              total: z.number().describe('符合条件的条目数'),
              actions: z.array(z.object({ value: z.string(), label: z.string() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { page, pageSize, ...query } = request.query;
        const { rows, total } = await ctx.audit.page(page, pageSize, auditFilter(query));
        return {
          items: rows.map(entryOf),
          total,
          actions: Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label })),
        };
      },
    );

    app.get(
      '/api/audit-log/export.xlsx',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['审计'],
          summary: '按相同筛选条件导出审计日志为 Excel（流式输出，导出本身也记入审计日志）',
          querystring: filterQuery,
        },
      },
      async (request, reply) => {
        const filter = auditFilter(request.query);
        // Recorded before the file is written: the export is in the log whether or not the download completes.
        await ctx.audit.record(ctx.db.kysely, {
          ...who(request),
          action: 'audit.exported',
          target: 'export:audit-log.xlsx',
          detail: '导出审计日志',
          after: request.query,
        });
        const stream = streamWorkbook([auditSheet(ctx.audit.entries(filter))]);
        reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachmentName(`审计日志_${shanghaiDate(ctx.clock.now())}.xlsx`));
        return reply.send(stream);
      },
    );

    app.post(
      '/api/audit-log/verify',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['审计'],
          summary: '校验审计日志链（HMAC-SM3），指出第一条被改动的条目',
          response: { 200: verifySchema, ...errorResponses },
        },
      },
      async (request) => {
        const result = await ctx.audit.verify();
        await ctx.audit.record(ctx.db.kysely, {
          ...who(request),
          action: 'audit.verified',
          detail: result.ok
            ? `完整，共 ${result.checked} 条`
            : `第 ${result.firstBroken?.seq ?? '?'} 条起被破坏`,
        });
        return result;
      },
    );
  };
}
