import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BulletinRow } from '../../db/repositories/bulletin.repository.js';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses, idParams, isoDate } from '../../server/schemas.js';
import { BulletinService } from './bulletin.service.js';
import { bulletinDocx, bulletinPdf } from './bulletin-documents.js';

const bulletinSchema = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  body: z.string(),
  figures: z.record(z.string(), z.unknown()),
  status: z.enum(['draft', 'published']),
  version: z.number(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  /** Why the draft cannot be published yet (its period is not over, or its figures were taken before it was); null otherwise. */
  publishProblem: z.string().nullable(),
});

const view = (r: BulletinRow, publishProblem: string | null) => ({
  id: r.id,
  // The issue number is given at publication; a draft has none yet.
  number: r.issue_no === null ? '（发布时编号）' : `热线通〔${r.issue_year}〕${r.issue_no}号`,
  title: r.title,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  body: r.body,
  figures: JSON.parse(r.figures) as Record<string, unknown>,
  status: r.status as 'draft' | 'published',
  version: r.version,
  createdAt: r.created_at,
  publishedAt: r.published_at,
  publishProblem,
});

/** HTTP for the bulletins (通报) held by BulletinService, and their Word/PDF export. */
export function bulletinRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new BulletinService(ctx);
  const shown = (r: BulletinRow) => view(r, service.publishProblem(r, ctx.clock.now()));

  return async (app) => {
    app.post(
      '/api/bulletins',
      {
        config: { access: 'bulletin.manage' },
        schema: {
          tags: ['通报'],
          summary: '按统计期起草通报（自动填入各单位超期、重办、答复质量、重复投诉数字）',
          body: z.object({ from: isoDate, to: isoDate }),
          response: { 201: bulletinSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const row = await service.draft(request.body.from, request.body.to, actorOf(request));
        reply.status(201);
        return shown(row);
      },
    );

    app.get(
      '/api/bulletins',
      {
        config: { access: 'bulletin.read' },
        schema: {
          tags: ['通报'],
          summary: '通报列表（单位只看已发布的）',
          response: { 200: z.object({ items: z.array(bulletinSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: (await service.list(actorOf(request))).map(shown) }),
    );

    app.get(
      '/api/bulletins/:id',
      {
        config: { access: 'bulletin.read' },
        schema: {
          tags: ['通报'],
          summary: '通报',
          params: idParams,
          response: { 200: bulletinSchema, ...errorResponses },
        },
      },
      async (request) => shown(await service.visible(request.params.id, actorOf(request))),
    );

    app.put(
      '/api/bulletins/:id',
      {
        config: { access: 'bulletin.manage' },
        schema: {
          tags: ['通报'],
          summary: '修改通报草稿',
          params: idParams,
          body: z.object({
            version: z.number().int(),
            title: z.string().trim().min(4).max(200),
            body: z.string().trim().min(10).max(20000),
          }),
          response: { 200: bulletinSchema, ...errorResponses },
        },
      },
      async (request) => shown(await service.update(request.params.id, actorOf(request), request.body)),
    );

    app.post(
      '/api/bulletins/:id/publish',
      {
        config: { access: 'bulletin.manage' },
        schema: {
          tags: ['通报'],
          summary: '发布通报，通知各承办单位',
          params: idParams,
          body: z.object({ version: z.number().int() }),
          response: { 200: bulletinSchema, ...errorResponses },
        },
      },
      async (request) =>
        shown(await service.publish(request.params.id, request.body.version, actorOf(request))),
    );

    app.get(
      '/api/bulletins/:id/document',
      {
        config: { access: 'bulletin.read' },
        schema: {
          tags: ['通报'],
          summary: '导出通报文件（Word 或 PDF，公文格式）',
          params: idParams,
          querystring: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }),
        },
      },
      async (request, reply) => {
        const row = shown(await service.visible(request.params.id, actorOf(request)));
        const doc = { title: row.title, body: row.body, number: row.number };
        const pdf = request.query.format === 'pdf';
        const buffer = pdf ? await bulletinPdf(doc) : await bulletinDocx(doc);
        reply.header(
          'content-type',
          pdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        reply.header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`${row.title}.${request.query.format}`)}`,
        );
        return reply.send(buffer);
      },
    );
  };
}
