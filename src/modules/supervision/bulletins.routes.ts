import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bulletinTitle, criticised, draftBulletin } from '../../domain/bulletin.js';
import type { Notice } from '../../domain/notification-policy.js';
import { can } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import { shanghaiDate } from '../../domain/time.js';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses, idParams, isoDate } from '../../server/schemas.js';
import { Notifier } from '../notifications/notifier.js';
import { bulletinDocx, bulletinPdf } from './bulletin-documents.js';
import { bulletinFigures } from './bulletin-figures.js';

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
});

type Row = Awaited<ReturnType<typeof loadRow>>;
async function loadRow(ctx: AppContext, id: number) {
  return ctx.db.kysely.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
}

async function mustLoad(ctx: AppContext, id: number) {
  const row = await loadRow(ctx, id);
  if (!row) return refuse('not_found', 'BULLETIN_NOT_FOUND', '通报不存在。');
  return row;
}

const view = (r: NonNullable<Row>) => ({
  id: r.id,
  number: `热线通〔${r.period_to.slice(0, 4)}〕${r.id}号`,
  title: r.title,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  body: r.body,
  figures: JSON.parse(r.figures) as Record<string, unknown>,
  status: r.status as 'draft' | 'published',
  version: r.version,
  createdAt: r.created_at,
  publishedAt: r.published_at,
});

/** Bulletins (通报): drafted from a period's figures by the office, edited, published to the units, exported. */
export function bulletinRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.db.kysely;
  const notifier = new Notifier(ctx.settings);

  async function visible(id: number, officeOnly: boolean, office: boolean) {
    const row = await loadRow(ctx, id);
    if (!row || (!office && row.status !== 'published'))
      refuse('not_found', 'BULLETIN_NOT_FOUND', '通报不存在或尚未发布。');
    if (officeOnly && !office) refuse('forbidden', 'FORBIDDEN_ROLE', '只有县热线办可以修改通报。');
    return row;
  }

  return async (app) => {
    app.post(
      '/api/bulletins',
      {
        config: { access: 'bulletin.manage' },
        schema: {
          tags: ['通报'],
          summary: '按统计期起草通报(自动填入各单位超期、重办、答复质量、重复投诉数字)',
          body: z.object({ from: isoDate, to: isoDate }),
          response: { 201: bulletinSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { from, to } = request.body;
        if (to < from) refuse('invalid', 'PERIOD_INVALID', '统计期的结束日期不能早于开始日期。');
        const now = ctx.clock.now();
        const figures = await bulletinFigures(db, from, to, (await ctx.settings.assistant()).repeats, now);
        const row = await db
          .insertInto('bulletins')
          .values({
            title: bulletinTitle(figures),
            period_from: from,
            period_to: to,
            body: draftBulletin(figures, shanghaiDate(now)),
            figures: JSON.stringify({ ...figures, criticised: criticised(figures).map((u) => u.unitId) }),
            status: 'draft',
            created_by: actorOf(request).userId,
            created_at: now.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        reply.status(201);
        return view(await mustLoad(ctx, Number(row.id)));
      },
    );

    app.get(
      '/api/bulletins',
      {
        config: { access: 'bulletin.read' },
        schema: {
          tags: ['通报'],
          summary: '通报列表(单位只看已发布的)',
          response: { 200: z.object({ items: z.array(bulletinSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        let q = db.selectFrom('bulletins').selectAll().orderBy('id', 'desc');
        if (!can(actorOf(request), 'bulletin.manage')) q = q.where('status', '=', 'published');
        return { items: (await q.execute()).map(view) };
      },
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
      async (request) =>
        view(await visible(request.params.id, false, can(actorOf(request), 'bulletin.manage'))),
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
      async (request) => {
        const row = await visible(request.params.id, true, true);
        if (row.status !== 'draft') refuse('state', 'BULLETIN_PUBLISHED', '通报已发布,不能再修改。');
        const r = await db
          .updateTable('bulletins')
          .set({ title: request.body.title, body: request.body.body, version: row.version + 1 })
          .where('id', '=', row.id)
          .where('version', '=', request.body.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1)
          refuse('conflict', 'VERSION_CONFLICT', '通报已被他人修改,请刷新后再编辑(已填写的内容会保留)。');
        return view(await mustLoad(ctx, row.id));
      },
    );

    app.post(
      '/api/bulletins/:id/publish',
      {
        config: { access: 'bulletin.manage' },
        schema: {
          tags: ['通报'],
          summary: '发布通报,通知各承办单位',
          params: idParams,
          body: z.object({ version: z.number().int() }),
          response: { 200: bulletinSchema, ...errorResponses },
        },
      },
      async (request) => {
        const now = ctx.clock.now();
        const actor = actorOf(request);
        await db.transaction().execute(async (trx) => {
          const r = await trx
            .updateTable('bulletins')
            .set({
              status: 'published',
              published_at: now.toISOString(),
              published_by: actor.userId,
              version: request.body.version + 1,
            })
            .where('id', '=', request.params.id)
            .where('status', '=', 'draft')
            .where('version', '=', request.body.version)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) {
            const row = await trx
              .selectFrom('bulletins')
              .select(['status'])
              .where('id', '=', request.params.id)
              .executeTakeFirst();
            if (!row) refuse('not_found', 'BULLETIN_NOT_FOUND', '通报不存在。');
            if (row.status !== 'draft') refuse('state', 'BULLETIN_PUBLISHED', '通报已经发布。');
            refuse('conflict', 'VERSION_CONFLICT', '通报已被他人修改,请刷新后再发布。');
          }
          const bulletin = await trx
            .selectFrom('bulletins')
            .selectAll()
            .where('id', '=', request.params.id)
            .executeTakeFirstOrThrow();
          const units = await trx
            .selectFrom('units')
            .select('id')
            .where('kind', 'in', ['department', 'township'])
            .where('active', '=', 1)
            .execute();
          const notices: Notice[] = units.map((u) => ({
            audience: { kind: 'unit', unitId: u.id, includeB: false },
            kind: 'bulletin',
            title: '县热线办发布通报',
            body: bulletin.title,
          }));
          await notifier.send(trx, null, notices, now);
        });
        return view(await mustLoad(ctx, request.params.id));
      },
    );

    app.get(
      '/api/bulletins/:id/document',
      {
        config: { access: 'bulletin.read' },
        schema: {
          tags: ['通报'],
          summary: '导出通报文件(Word 或 PDF,公文格式)',
          params: idParams,
          querystring: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }),
        },
      },
      async (request, reply) => {
        const row = view(await visible(request.params.id, false, can(actorOf(request), 'bulletin.manage')));
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
