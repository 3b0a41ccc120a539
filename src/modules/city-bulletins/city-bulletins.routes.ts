import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MEASURE_KEYS } from '../../domain/city-bulletin.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { errorResponses, idParams, isoDate } from '../../server/schemas.js';
import { CityBulletinService } from './city-bulletins.service.js';

const tags = ['督查督办'];

const bulletinBody = z.object({
  number: z.string().max(100),
  title: z.string().max(300),
  issuedOn: isoDate,
  issuer: z.string().max(100),
  matter: z.string().max(4000),
  orderCodes: z.array(z.string().max(60)).max(200).default([]),
  units: z
    .array(
      z.object({
        unitId: z.number().int().positive(),
        measure: z.enum(MEASURE_KEYS).nullable(),
        note: z.string().max(1000).default(''),
        decidedBy: z.string().max(100).default(''),
      }),
    )
    .max(100),
});

const bulletinView = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  issuedOn: z.string(),
  issuer: z.string(),
  matter: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  version: z.number(),
  orders: z.array(z.object({ id: z.number(), code: z.string(), title: z.string() })),
  units: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      measure: z.enum(MEASURE_KEYS).nullable(),
      measureLabel: z.string(),
      note: z.string(),
      decidedBy: z.string(),
    }),
  ),
});

/** 被市政府通报 and the accountability decided (notice section 三). */
export function cityBulletinRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new CityBulletinService(ctx);
  return async (app) => {
    app.get(
      '/api/city-bulletins',
      {
        config: { access: 'cityBulletin.read' },
        schema: {
          tags,
          summary: '市政府通报我县的记录（单位只看点到本单位的，且只看本单位的追究结果）',
          response: {
            200: z.object({
              items: z.array(bulletinView),
              measures: z.array(z.object({ value: z.string(), label: z.string() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => service.list(actorOf(request)),
    );
    app.get(
      '/api/city-bulletins/:id',
      {
        config: { access: 'cityBulletin.read' },
        schema: {
          tags,
          summary: '一份市政府通报',
          params: idParams,
          response: { 200: bulletinView, ...errorResponses },
        },
      },
      async (request) => service.get(actorOf(request), request.params.id),
    );
    app.post(
      '/api/city-bulletins',
      {
        config: { access: 'cityBulletin.manage' },
        schema: {
          tags,
          summary: '登记一份市政府通报：文号、日期、发文单位、事项、关联工单、被通报单位及追究责任',
          body: bulletinBody,
          response: { 201: bulletinView, ...errorResponses },
        },
      },
      async (request, reply) => {
        reply.code(201);
        return service.record(actorOf(request), who(request), request.body);
      },
    );
    app.put(
      '/api/city-bulletins/:id',
      {
        config: { access: 'cityBulletin.manage' },
        schema: {
          tags,
          summary: '修改市政府通报的记录（如补记追究责任的决定）',
          params: idParams,
          body: bulletinBody.extend({ version: z.number().int() }),
          response: { 200: bulletinView, ...errorResponses },
        },
      },
      async (request) => {
        const { version, ...input } = request.body;
        return service.update(actorOf(request), who(request), request.params.id, version, input);
      },
    );
  };
}
