import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/plugins/auth.js';
import { errorResponses, idParams, isoDate, isoInstant } from '../../server/schemas.js';
import { SupervisionRecordService } from './supervision-records.service.js';

const tags = ['督查督办'];
const version = z.number().int().describe('工单当前版本（并发修改时返回 409）');
const text = (max: number) => z.string().max(max);

const recordsSchema = z.object({
  visits: z.array(
    z.object({
      id: z.number(),
      unitId: z.number(),
      unitName: z.string(),
      visitedAt: z.string(),
      place: z.string(),
      visitors: z.string(),
      metWith: z.string(),
      findings: z.string(),
      requirements: z.string(),
      dueOn: z.string().nullable(),
      recordedByName: z.string(),
      recordedAt: z.string(),
    }),
  ),
  trackings: z.array(
    z.object({
      id: z.number(),
      unitId: z.number(),
      unitName: z.string(),
      reason: z.string(),
      startedAt: z.string(),
      startedByName: z.string(),
      endedAt: z.string().nullable(),
      endedByName: z.string().nullable(),
      conclusion: z.string().nullable(),
      checkpoints: z.array(
        z.object({ date: z.string(), status: z.enum(['done', 'due', 'missed', 'ahead']), label: z.string() }),
      ),
      followUps: z.array(
        z.object({
          id: z.number(),
          followedAt: z.string(),
          checkpoint: z.string().nullable(),
          method: z.string(),
          progress: z.string(),
          recordedByName: z.string(),
        }),
      ),
    }),
  ),
  mayRecord: z.boolean(),
});

const trackingParams = z.object({
  id: z.coerce.number().int().positive(),
  trackingId: z.coerce.number().int().positive(),
});

/** 现场督办 and 跟踪督办 on an order (notice section 三). */
export function supervisionRecordRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new SupervisionRecordService(ctx);
  return async (app) => {
    app.get(
      '/api/work-orders/:id/supervision-records',
      {
        config: { access: 'supervision.readRecords' },
        schema: {
          tags,
          summary: '工单的现场督办、跟踪督办记录（单位只看到涉及本单位的）',
          params: idParams,
          response: { 200: recordsSchema, ...errorResponses },
        },
      },
      async (request) => service.list(request.params.id, actorOf(request)),
    );

    app.post(
      '/api/work-orders/:id/on-site-supervisions',
      {
        config: { access: 'supervision.record' },
        schema: {
          tags,
          summary: '记录现场督办：时间、地点、督办人员、见到的单位人员、发现的情况、承诺或要求及完成期限',
          params: idParams,
          body: z.object({
            version,
            unitId: z.number().int().positive(),
            visitedAt: isoInstant,
            place: text(200),
            visitors: text(200),
            metWith: text(200),
            findings: text(4000),
            requirements: text(2000),
            dueOn: isoDate.nullable().default(null),
          }),
          response: { 201: recordsSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { version: v, visitedAt, ...rest } = request.body;
        reply.code(201);
        return service.recordVisit(request.params.id, actorOf(request), request.ip, v, {
          ...rest,
          visitedAt: new Date(visitedAt),
        });
      },
    );

    app.post(
      '/api/work-orders/:id/trackings',
      {
        config: { access: 'supervision.record' },
        schema: {
          tags,
          summary: '开始跟踪督办：被督办单位、事由、跟进日期',
          params: idParams,
          body: z.object({
            version,
            unitId: z.number().int().positive(),
            reason: text(2000),
            checkpoints: z.array(isoDate).max(50),
          }),
          response: { 201: recordsSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { version: v, ...input } = request.body;
        reply.code(201);
        return service.startTracking(request.params.id, actorOf(request), request.ip, v, input);
      },
    );

    app.post(
      '/api/work-orders/:id/trackings/:trackingId/follow-ups',
      {
        config: { access: 'supervision.record' },
        schema: {
          tags,
          summary: '登记一次跟踪督办的跟进（对应的跟进日期、方式、办理进展）',
          params: trackingParams,
          body: z.object({
            version,
            followedAt: isoInstant,
            checkpoint: isoDate.nullable().default(null),
            method: text(100),
            progress: text(4000),
          }),
          response: { 201: recordsSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { version: v, followedAt, ...rest } = request.body;
        reply.code(201);
        return service.followUp(
          request.params.id,
          request.params.trackingId,
          actorOf(request),
          request.ip,
          v,
          {
            ...rest,
            followedAt: new Date(followedAt),
          },
        );
      },
    );

    app.post(
      '/api/work-orders/:id/trackings/:trackingId/end',
      {
        config: { access: 'supervision.record' },
        schema: {
          tags,
          summary: '结束跟踪督办并写明结论',
          params: trackingParams,
          body: z.object({ version, conclusion: text(4000) }),
          response: { 200: recordsSchema, ...errorResponses },
        },
      },
      async (request) =>
        service.endTracking(
          request.params.id,
          request.params.trackingId,
          actorOf(request),
          request.ip,
          request.body.version,
          request.body.conclusion,
        ),
    );
  };
}
