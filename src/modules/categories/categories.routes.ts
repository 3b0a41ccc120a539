import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { who } from '../../server/plugins/auth.js';
import { errorResponses, idParams, openedVersion } from '../../server/schemas.js';
import { CategoryService } from './categories.service.js';

const category = z.object({
  id: z.number(),
  level1: z.string(),
  level2: z.string(),
  level3: z.string(),
  active: z.boolean(),
  synonyms: z.array(z.string()),
  /** What the pickers match typed text against: every level, the synonyms and their pinyin. */
  searchText: z.string(),
  version: z.number().describe('每次修改加 1；修改时带上打开表单时的版本号，已被他人修改则拒绝（409）'),
});
const levels = z.object({
  level1: z.string().trim().min(1).max(30),
  level2: z.string().trim().min(1).max(30),
  level3: z.string().trim().min(1).max(30),
});

/** The three-level request classification (诉求分类), seeded from shared/data/categories.csv. */
export function categoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const categories = new CategoryService(ctx);
  return async (app) => {
    app.get(
      '/api/categories',
      {
        config: { access: 'user' },
        schema: {
          tags: ['诉求分类'],
          summary: '全部分类（三级），includeInactive=1 时含已停用的',
          querystring: z.object({ includeInactive: z.enum(['1']).optional() }),
          response: { 200: z.object({ items: z.array(category) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await categories.list(request.query.includeInactive === '1') }),
    );
    app.post(
      '/api/categories',
      {
        config: { access: 'category.manage' },
        schema: {
          tags: ['诉求分类'],
          summary: '新增分类',
          body: levels,
          response: { 201: category, ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await categories.create(request.body, who(request));
        reply.status(201);
        return created;
      },
    );
    app.put(
      '/api/categories/:id',
      {
        config: { access: 'category.manage' },
        schema: {
          tags: ['诉求分类'],
          summary: '修改或停用分类（已用于工单的分类只停用，不删除）',
          params: idParams,
          body: levels.extend({ active: z.boolean(), version: openedVersion }),
          response: { 200: category, ...errorResponses },
        },
      },
      async (request) => {
        const { active, version, ...levels } = request.body;
        return categories.update(request.params.id, levels, active, who(request), version);
      },
    );
    app.put(
      '/api/categories/:id/synonyms',
      {
        config: { access: 'category.editSynonyms' },
        schema: {
          tags: ['诉求分类'],
          summary: '设置分类的同义词（热线办）：登记时输入这些词也能找到该分类',
          params: idParams,
          body: z.object({
            synonyms: z.array(z.string().trim().min(1).max(20)).max(30),
            version: openedVersion,
          }),
          response: { 200: category, ...errorResponses },
        },
      },
      async (request) =>
        categories.setSynonyms(request.params.id, request.body.synonyms, who(request), request.body.version),
    );
  };
}
