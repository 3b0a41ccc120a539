import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SAVED_VIEW_LISTS, SAVED_VIEW_SHARES } from '../../domain/saved-views.js';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import { SavedViewService } from './saved-views.service.js';

const list = z.enum(SAVED_VIEW_LISTS, '列表只能是 orders（工单查询）');
const version = z.coerce.number().int().min(1, '请提供视图的版本号');
const viewBody = z.object({
  name: z.string().trim().min(1, '请填写视图名称').max(30, '视图名称不超过 30 个字'),
  query: z.string().max(1000, '筛选条件过长'),
  shared: z
    .enum(SAVED_VIEW_SHARES, 'shared 只能是 private（仅自己）或 unit（共享给本单位）')
    .default('private'),
});
const savedView = z.object({
  id: z.number(),
  list,
  name: z.string(),
  /** The list's filters as a URL query string, e.g. state=pending_sign&due=overdue. */
  query: z.string(),
  shared: z.enum(SAVED_VIEW_SHARES),
  ownerName: z.string(),
  /** The actor created it, so may change or delete it. */
  mine: z.boolean(),
  /** The actor's list opens on it. */
  home: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
const viewList = z.object({ items: z.array(savedView), homeViewId: z.number().nullable() });

/** Saved views of the order lists (issue 13, item 4). */
export function savedViewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const views = new SavedViewService(ctx);
  return async (app) => {
    app.get(
      '/api/saved-views',
      {
        config: { access: 'savedView.use' },
        schema: {
          tags: ['视图'],
          summary: '我的视图和本单位共享的视图，以及列表打开时使用的视图（homeViewId）',
          querystring: z.object({ list: list.default('orders') }),
          response: { 200: viewList, ...errorResponses },
        },
      },
      async (request) => views.list(actorOf(request), request.query.list),
    );
    app.post(
      '/api/saved-views',
      {
        config: { access: 'savedView.use' },
        schema: {
          tags: ['视图'],
          summary: '把列表当前的筛选条件保存为视图，可共享给本单位',
          body: viewBody.extend({ list: list.default('orders') }),
          response: { 201: savedView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { list: which, ...input } = request.body;
        const created = await views.create(actorOf(request), which, input);
        reply.status(201);
        return created;
      },
    );
    app.put(
      '/api/saved-views/:id',
      {
        config: { access: 'savedView.use' },
        schema: {
          tags: ['视图'],
          summary: '修改视图（名称、筛选条件、是否共享）；只有创建者可以修改，版本不符返回 409',
          params: idParams,
          body: viewBody.extend({ version }),
          response: { 200: savedView, ...errorResponses },
        },
      },
      async (request) => {
        const { version: seen, ...input } = request.body;
        return views.update(actorOf(request), request.params.id, seen, input);
      },
    );
    app.delete(
      '/api/saved-views/:id',
      {
        config: { access: 'savedView.use' },
        schema: {
          tags: ['视图'],
          summary: '删除视图；只有创建者可以删除，版本不符返回 409',
          params: idParams,
          querystring: z.object({ version }),
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await views.remove(actorOf(request), request.params.id, request.query.version);
        reply.status(204);
        return null;
      },
    );
    app.put(
      '/api/saved-views/home',
      {
        config: { access: 'savedView.use' },
        schema: {
          tags: ['视图'],
          summary: '设置列表打开时使用的视图（viewId 为 null 时取消）',
          body: z.object({ list: list.default('orders'), viewId: z.number().int().positive().nullable() }),
          response: { 200: viewList, ...errorResponses },
        },
      },
      async (request) => views.setHome(actorOf(request), request.body.list, request.body.viewId),
    );
  };
}
