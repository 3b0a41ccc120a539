import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CategoryRepository } from '../../db/repositories/category.repository.js';
import { refuse } from '../../domain/refusal.js';
import { parseSynonyms } from '../../domain/search-match.js';
import type { AppContext } from '../../server/context.js';
import { errorResponses, idParams } from '../../server/schemas.js';
import { searchTextOf } from './search-text.js';

const category = z.object({
  id: z.number(),
  level1: z.string(),
  level2: z.string(),
  level3: z.string(),
  active: z.boolean(),
  synonyms: z.array(z.string()),
  /** What the pickers match typed text against: every level, the synonyms and their pinyin. */
  searchText: z.string(),
});
const levels = z.object({
  level1: z.string().trim().min(1).max(30),
  level2: z.string().trim().min(1).max(30),
  level3: z.string().trim().min(1).max(30),
});

/** The three-level request classification (诉求分类), seeded from shared/data/categories.csv. */
export function categoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.db.kysely;
  const categories = new CategoryRepository(db);
  const view = (r: {
    id: number;
    level1: string;
    level2: string;
    level3: string;
    active: number;
    synonyms: string;
  }) => {
    const synonyms = parseSynonyms(r.synonyms);
    return {
      ...r,
      active: r.active === 1,
      synonyms,
      searchText: searchTextOf([r.level1, r.level2, r.level3, ...synonyms]),
    };
  };
  return async (app) => {
    app.get(
      '/api/categories',
      {
        config: { access: 'user' },
        schema: {
          tags: ['诉求分类'],
          summary: '全部分类(三级),includeInactive=1 时含已停用的',
          querystring: z.object({ includeInactive: z.enum(['1']).optional() }),
          response: { 200: z.object({ items: z.array(category) }), ...errorResponses },
        },
      },
      async (request) => {
        let q = db.selectFrom('categories').selectAll().orderBy('id');
        if (!request.query.includeInactive) q = q.where('active', '=', 1);
        return { items: (await q.execute()).map(view) };
      },
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
        const exists = await db
          .selectFrom('categories')
          .select('id')
          .where('level1', '=', request.body.level1)
          .where('level2', '=', request.body.level2)
          .where('level3', '=', request.body.level3)
          .executeTakeFirst();
        if (exists) refuse('conflict', 'CATEGORY_EXISTS', '该分类已存在。');
        const row = await db
          .insertInto('categories')
          .values({ ...request.body, active: 1 })
          .returningAll()
          .executeTakeFirstOrThrow();
        reply.status(201);
        return view(row);
      },
    );
    app.put(
      '/api/categories/:id',
      {
        config: { access: 'category.manage' },
        schema: {
          tags: ['诉求分类'],
          summary: '修改或停用分类(已用于工单的分类只停用,不删除)',
          params: idParams,
          body: levels.extend({ active: z.boolean() }),
          response: { 200: category, ...errorResponses },
        },
      },
      async (request) => {
        const { active, ...names } = request.body;
        const row = await db
          .updateTable('categories')
          .set({ ...names, active: active ? 1 : 0 })
          .where('id', '=', request.params.id)
          .returningAll()
          .executeTakeFirst();
        if (!row) refuse('not_found', 'CATEGORY_NOT_FOUND', '分类不存在。');
        return view(row);
      },
    );
    app.put(
      '/api/categories/:id/synonyms',
      {
        config: { access: 'category.editSynonyms' },
        schema: {
          tags: ['诉求分类'],
          summary: '设置分类的同义词(热线办):登记时输入这些词也能找到该分类',
          params: idParams,
          body: z.object({ synonyms: z.array(z.string().trim().min(1).max(20)).max(30) }),
          response: { 200: category, ...errorResponses },
        },
      },
      async (request) => {
        const synonyms = parseSynonyms(request.body.synonyms.join('、'));
        if (!(await categories.setSynonyms(request.params.id, synonyms)))
          refuse('not_found', 'CATEGORY_NOT_FOUND', '分类不存在。');
        const row = await categories.get(request.params.id);
        if (!row) refuse('not_found', 'CATEGORY_NOT_FOUND', '分类不存在。');
        return view(row);
      },
    );
  };
}
