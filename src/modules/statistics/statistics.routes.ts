import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERIOD_KINDS } from '../../domain/figures.js';
import { can, orderScope } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { errorResponses, isoDate } from '../../server/schemas.js';
import { figureSettingsSchema } from '../settings/settings.service.js';
import { settingsPatchSchema } from '../settings/settings-patch.js';
import { presentCitizen } from '../work-orders/citizen-presenter.js';
import { toListItem } from '../work-orders/work-order.queries.js';
import { listResponse } from '../work-orders/work-order.responses.js';
import { listQuery } from '../work-orders/work-order.schemas.js';
import { DRILL_INDICATORS, drillDown } from './drill-down.js';
import { attachmentName, streamWorkbook, XLSX_TYPE } from './excel.js';
import { orderSheet } from './order-export.js';
import { countySheets, unitSheet } from './report-export.js';
import { county, unitFigures } from './statistics.service.js';

const named = z.object({ name: z.string(), count: z.number() });
const countyFiguresSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  total: z.number(),
  answeredOnSpot: z
    .number()
    .describe('统计期内热线办依据知识库直接答复办结（直办）的咨询件数，不计入任何单位的指标'),
  dispatchLate: z
    .number()
    .describe('分发超时：分发时限在统计期内届满，而热线办在其后才派发或至今未派发的工单件数'),
  decisionLate: z
    .number()
    .describe(
      '审批超时：单位的延期、回退申请，审批时限在统计期内届满，而热线办在其后才审批或至今未审批的件数',
    ),
  bySource: z.array(z.object({ key: z.string(), name: z.string(), count: z.number() })),
  byType: z.array(z.object({ key: z.string(), count: z.number() })),
  byCategory: z.object({ level1: z.array(named), level2: z.array(named), level3: z.array(named) }),
  byTownship: z.array(z.object({ unitId: z.number().nullable(), name: z.string(), count: z.number() })),
  byDay: z.array(z.object({ day: z.string(), count: z.number() })),
  hotCategories: z.array(
    z.object({
      categoryId: z.number(),
      name: z.string(),
      count: z.number(),
      previous: z.number(),
      rise: z.number(),
    }),
  ),
  hotWords: z.array(
    z.object({ word: z.string(), count: z.number(), previous: z.number(), rise: z.number() }),
  ),
  bounds: z.object({ start: z.string(), end: z.string() }),
});

export const periodQuery = z.object({
  period: z.enum(PERIOD_KINDS).default('month').describe('day|week|month|quarter|year|custom'),
  date: isoDate.optional().describe('统计期包含的日期，默认今天'),
  from: isoDate.optional().describe('custom 时的开始日期'),
  to: isoDate.optional().describe('custom 时的结束日期'),
});

export function statisticsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/statistics/units',
      {
        config: { access: 'statistics.units' },
        schema: {
          tags: ['统计'],
          summary:
            '各单位指标（收件、按时签收、回退、延期、按时办结率、超期、重办率、满意率及不计入其分母的联系不上次数、重复投诉、催办、平均办理工作日）与排名',
          description: '单位用户只看到本单位。定义见 docs/figures.md。',
          querystring: periodQuery,
          response: {
            200: z.looseObject({
              period: z.object({ from: z.string(), to: z.string() }),
              units: z.array(z.looseObject({})),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => unitFigures(ctx, actorOf(request), request.query),
    );

    app.get(
      '/api/statistics/county',
      {
        config: { access: 'statistics.county' },
        schema: {
          tags: ['统计'],
          summary: '全县工单量：按来源、类型、三级分类、乡镇、日期；热点分类与热词（与上一统计期比较）',
          querystring: periodQuery,
          response: { 200: countyFiguresSchema, ...errorResponses },
        },
      },
      async (request) => county(ctx, request.query),
    );

    app.get(
      '/api/statistics/drill',
      {
        config: { access: 'statistics.units' },
        schema: {
          tags: ['统计'],
          summary: '指标下钻：某单位某项指标背后的工单',
          querystring: periodQuery.extend({
            unitId: z.coerce.number().int().positive(),
            indicator: z.enum(DRILL_INDICATORS),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: listResponse, ...errorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const scope = orderScope(actor);
        if (!can(actor, 'statistics.units', { kind: 'unit', unitId: request.query.unitId })) {
          refuse('forbidden', 'OTHER_UNIT', '只能查看本单位的统计明细。');
        }
        const now = ctx.clock.now();
        const { rows, total } = await drillDown(ctx, scope, request.query, now);
        const clocks = { calendar: await ctx.calendar.calendar(), settings: await ctx.settings.timeLimits() };
        return {
          // Figures are the lead's or the unit's own: no co-unit clock is shown beside them.
          items: rows.map((r) =>
            toListItem({ ...r, own_co_open: null }, now, presentCitizen(actor, r), clocks),
          ),
          total,
          page: request.query.page,
          pageSize: request.query.pageSize,
        };
      },
    );

    app.get(
      '/api/settings/figures',
      {
        config: { access: 'user' },
        schema: {
          tags: ['设置'],
          summary: '统计口径：基本满意的计入比例、排名权重',
          response: { 200: figureSettingsSchema, ...errorResponses },
        },
      },
      async () => ctx.settings.figures(),
    );
    app.put(
      '/api/settings/figures',
      {
        config: { access: 'statistics.settings' },
        schema: {
          tags: ['设置'],
          summary: '修改统计口径和排名权重（县热线办）',
          body: settingsPatchSchema(figureSettingsSchema),
          response: { 200: figureSettingsSchema, ...errorResponses },
        },
      },
      async (request) => ctx.settings.setFigures(request.body, who(request)),
    );

    app.get(
      '/api/exports/work-orders.xlsx',
      {
        config: { access: 'workOrder.export' },
        schema: {
          tags: ['导出'],
          summary: '导出工单列表为 Excel（与列表相同的筛选条件，流式输出）',
          querystring: listQuery,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        // The list carries citizens' names, phones and addresses (masked as the user may see them,
        // citizen-presenter.ts): every export is kept, with its filter.
        await ctx.audit.record(ctx.db.kysely, {
          ...who(request),
          action: 'export.personal_data',
          target: 'export:work-orders.xlsx',
          detail: '导出工单列表',
          after: request.query,
        });
        const stream = streamWorkbook([
          // Read from the replica when there is one; the audit entry above went to the primary.
          orderSheet(ctx.db.read, actor, request.query, ctx.clock.now(), await ctx.settings.escalationRule()),
        ]);
        reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachmentName('工单列表.xlsx'));
        return reply.send(stream);
      },
    );

    app.get(
      '/api/exports/unit-figures.xlsx',
      {
        config: { access: 'statistics.units' },
        schema: { tags: ['导出'], summary: '导出各单位指标与排名为 Excel', querystring: periodQuery },
      },
      async (request, reply) => {
        const figures = await unitFigures(ctx, actorOf(request), request.query);
        reply
          .header('content-type', XLSX_TYPE)
          .header(
            'content-disposition',
            attachmentName(`单位指标_${figures.period.from}_${figures.period.to}.xlsx`),
          );
        return reply.send(streamWorkbook([unitSheet(figures)]));
      },
    );

    app.get(
      '/api/exports/county-figures.xlsx',
      {
        config: { access: 'statistics.county' },
        schema: { tags: ['导出'], summary: '导出全县工单量统计为 Excel', querystring: periodQuery },
      },
      async (request, reply) => {
        const figures = await county(ctx, request.query);
        reply
          .header('content-type', XLSX_TYPE)
          .header(
            'content-disposition',
            attachmentName(`全县统计_${figures.period.from}_${figures.period.to}.xlsx`),
          );
        return reply.send(streamWorkbook(countySheets(figures)));
      },
    );
  };
}
