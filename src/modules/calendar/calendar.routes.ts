import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workingPeriod } from '../../domain/deadlines.js';
import { refuse } from '../../domain/refusal.js';
import { shanghaiDate, toShanghaiIso } from '../../domain/time.js';
import type { AppContext } from '../../server/context.js';
import { who } from '../../server/plugins/auth.js';
import { errorResponses, isoDate, isoInstant } from '../../server/schemas.js';

const daySchema = z.object({
  date: z.string(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'makeup']),
  name: z.string().nullable(),
  working: z.boolean(),
});

const arrangementSchema = z.object({
  holidays: z.array(z.object({ date: isoDate, name: z.string().min(1).max(20) })).max(60),
  makeupDays: z.array(z.object({ date: isoDate, name: z.string().min(1).max(20) })).max(20),
});

/**
 * What stops, and what to do, while a year the deadlines need is missing or only provisional: said
 * to the office, the units and the administrator alike.
 */
function calendarWarning(missing: number[], provisional: number[]): string | null {
  const parts: string[] = [];
  if (missing.length > 0)
    parts.push(
      `工作日历缺少 ${missing.join('、')} 年的节假日安排：期限跨入该年的普通件不能派发，也不能重办、延期到该年（急件照常派发）。国务院尚未公布时，系统管理员可先在「工作日历」生成按法定节日的暂定安排。`,
    );
  if (provisional.length > 0)
    parts.push(
      `${provisional.join('、')} 年的工作日历为暂定安排（只含法定节日，不含调休）：国务院办公厅公布放假安排后，请系统管理员立即导入正式安排。`,
    );
  return parts.length > 0 ? parts.join('') : null;
}

export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/calendar/deadline',
      {
        config: { access: 'public' },
        schema: {
          tags: ['工作日历'],
          summary: '按工作日计算期限（公开接口）',
          description:
            '起算日不计入（民法典第二百零一条）；期间最后一日为工作日，期限至该日结束（默认 24:00，可配置为下班时间）。所在年份未录入日历时拒绝计算。',
          querystring: z.object({
            start: isoInstant.describe('起算时刻，ISO 8601'),
            workingDays: z.coerce.number().int().min(0).max(365).describe('工作日数'),
          }),
          response: {
            200: z.object({
              start: z.string(),
              startDate: z.string(),
              workingDays: z.number(),
              lastDay: z.string().describe('期间最后一个工作日（北京时间 YYYY-MM-DD）'),
              deadline: z.string().describe('期限届满时刻，ISO 8601,+08:00'),
              deadlineUtc: z.string(),
              dayEndsAt: z.string(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const start = new Date(request.query.start);
        const calendar = await ctx.calendar.calendar();
        const settings = await ctx.settings.timeLimits();
        const period = workingPeriod(calendar, start, request.query.workingDays, settings);
        return {
          start: toShanghaiIso(start),
          startDate: shanghaiDate(start),
          workingDays: request.query.workingDays,
          lastDay: period.lastDay,
          deadline: toShanghaiIso(period.deadline),
          deadlineUtc: period.deadline.toISOString(),
          dayEndsAt: settings.dayEndsAt,
        };
      },
    );

    app.get(
      '/api/calendar/years',
      {
        config: { access: 'user' },
        schema: {
          tags: ['工作日历'],
          summary: '已录入的年份，以及即将需要却缺失的年份',
          response: {
            200: z.object({
              years: z.array(z.object({ year: z.number(), source: z.string(), updatedAt: z.string() })),
              missing: z.array(z.number()),
              provisional: z
                .array(z.number())
                .describe('即将需要、但只有法定节日的暂定安排（尚未导入国务院公布的安排）的年份'),
              warning: z.string().nullable(),
            }),
            ...errorResponses,
          },
        },
      },
      async () => {
        const missing = await ctx.calendar.missingYears();
        const provisional = await ctx.calendar.provisionalYears();
        return {
          years: await ctx.calendar.years(),
          missing,
          provisional,
          warning: calendarWarning(missing, provisional),
        };
      },
    );

    app.get(
      '/api/calendar/years/:year',
      {
        config: { access: 'user' },
        schema: {
          tags: ['工作日历'],
          summary: '某年每一天的安排',
          params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.object({ year: z.number(), days: z.array(daySchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const days = await ctx.calendar.year(request.params.year);
        return {
          year: request.params.year,
          days: days.map((d) => ({ ...d, working: d.kind === 'workday' || d.kind === 'makeup' })),
        };
      },
    );

    app.post(
      '/api/calendar/years/:year/provisional',
      {
        config: { access: 'calendar.manage' },
        schema: {
          tags: ['工作日历'],
          summary: '国务院尚未公布安排时，按法定节日生成该年的暂定安排',
          description:
            '只含《全国年节及纪念日放假办法》规定的节日（元旦、春节除夕至初三、清明、劳动节两天、端午、中秋、国庆三天），不含调休；已导入正式安排的年份拒绝（CALENDAR_YEAR_HELD）。',
          params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.object({ year: z.number(), days: z.number() }), ...errorResponses },
        },
      },
      async (request) => ({
        year: request.params.year,
        days: await ctx.calendar.provisionalYear(request.params.year, who(request)),
      }),
    );

    app.put(
      '/api/calendar/years/:year',
      {
        config: { access: 'calendar.manage' },
        schema: {
          tags: ['工作日历'],
          summary: '导入（替换）一年的节假日安排',
          params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          body: arrangementSchema,
          response: { 200: z.object({ year: z.number(), days: z.number() }), ...errorResponses },
        },
      },
      async (request) => {
        if (request.body.holidays.length === 0) {
          refuse('invalid', 'CALENDAR_NO_HOLIDAYS', '导入的安排中没有任何放假日期，请核对后再导入。');
        }
        const days = await ctx.calendar.importYear(
          request.params.year,
          request.body,
          'imported',
          who(request),
        );
        return { year: request.params.year, days };
      },
    );

    app.put(
      '/api/calendar/days/:date',
      {
        config: { access: 'calendar.manage' },
        schema: {
          tags: ['工作日历'],
          summary: '修改单日：上班或休息',
          params: z.object({ date: isoDate }),
          body: z.object({ working: z.boolean(), name: z.string().max(20).nullable().optional() }),
          response: { 200: daySchema, ...errorResponses },
        },
      },
      async (request) => {
        const day = await ctx.calendar.setDay(
          request.params.date,
          request.body.working,
          request.body.name ?? null,
          who(request),
        );
        return { ...day, working: request.body.working };
      },
    );
  };
}
