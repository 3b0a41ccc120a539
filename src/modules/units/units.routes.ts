import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maskPhone } from '../../domain/citizen-privacy.js';
import { can } from '../../domain/policy.js';
import type { Actor } from '../../domain/roles.js';
import { SIGN_OFF_MODE_LABELS, SIGN_OFF_MODES } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { errorResponses, idParams, one, openedVersion } from '../../server/schemas.js';
import { UnitService } from './unit.service.js';
import { UnitSynonymsService } from './unit-synonyms.service.js';
import { person, type Registration, registrationSchema, unitBody } from './units.schemas.js';

/** A registration as read back: staff mobiles may be masked for the reader (staffMobilesFor). */
const personView = person.extend({ mobile: z.string() });
const registrationView = registrationSchema.extend({
  leaderInCharge: personView,
  liaisonA: personView,
  liaisonB: personView,
  filledByPhone: z.string(),
});

const unitSchema = unitBody.extend({
  id: z.number(),
  kindLabel: z.string(),
  registrationFiled: z.boolean(),
  registration: registrationView
    .nullable()
    .describe('登记表；手机号码只对热线办、管理员和本单位显示完整，其他人看到遮盖后的号码'),
  registrationUpdatedAt: z.string().nullable(),
  /** The stamped form's scan behind the latest filing (GET /api/units/:id/registration/scan). */
  registrationScanId: z.number().nullable(),
  /** How the unit's replies are signed off: 'leader' (by a leader in Huiyin) or 'typed' (typed issuer, scan attached). */
  signOffMode: z.string(),
  signOffModeLabel: z.string(),
  /** The office's other words for the unit (「住建」「房管」). */
  synonyms: z.array(z.string()),
  /** What the unit pickers match typed text against: the name, the synonyms and their pinyin. */
  searchText: z.string(),
  version: z.number().describe('每次修改加 1；修改时带上打开表单时的版本号，已被他人修改则拒绝（409）'),
});

/**
 * Staff mobiles are personal information: in full only for those holding `unit.readStaffMobiles`
 * on the unit (the office, the administrators, the unit itself); masked for everyone else, the
 * city platform's client included.
 */
function staffMobilesFor<U extends { id: number; registration: Registration | null }>(
  actor: Actor,
  unit: U,
): U {
  const r = unit.registration;
  if (!r || can(actor, 'unit.readStaffMobiles', { kind: 'unit', unitId: unit.id })) return unit;
  const masked = (p: Registration['leaderInCharge']) => ({ ...p, mobile: maskPhone(p.mobile) });
  return {
    ...unit,
    registration: {
      ...r,
      leaderInCharge: masked(r.leaderInCharge),
      liaisonA: masked(r.liaisonA),
      liaisonB: masked(r.liaisonB),
      filledByPhone: maskPhone(r.filledByPhone),
    },
  };
}

export function unitRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new UnitService(ctx);
  const loadUnits = (id?: number) => service.load(id);
  const synonymsService = new UnitSynonymsService(ctx);

  return async (app) => {
    app.get(
      '/api/units',
      {
        config: { access: 'user' },
        schema: {
          tags: ['单位'],
          summary: '单位列表，含职能范围和登记表',
          response: {
            200: z.object({
              items: z.array(unitSchema),
              signOffModes: z
                .array(z.object({ value: z.enum(SIGN_OFF_MODES), label: z.string() }))
                .describe('答复签发方式的可选值，供热线办切换'),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return {
          items: (await loadUnits()).map((u) => staffMobilesFor(actor, u)),
          signOffModes: SIGN_OFF_MODES.map((value) => ({ value, label: SIGN_OFF_MODE_LABELS[value] })),
        };
      },
    );

    app.post(
      '/api/units',
      {
        config: { access: 'unit.manage' },
        schema: {
          tags: ['单位'],
          summary: '新增单位',
          body: unitBody,
          response: { 201: unitSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const id = await service.create(request.body, who(request));
        reply.status(201);
        return one(loadUnits, id);
      },
    );

    app.put(
      '/api/units/:id',
      {
        config: { access: 'unit.manage' },
        schema: {
          tags: ['单位'],
          summary: '修改单位',
          params: idParams,
          body: unitBody.extend({ version: openedVersion }),
          response: { 200: unitSchema, ...errorResponses },
        },
      },
      async (request) => {
        await service.update(request.params.id, request.body, who(request));
        return await one(loadUnits, request.params.id);
      },
    );

    app.put(
      '/api/units/:id/synonyms',
      {
        config: { access: 'unit.editSynonyms' },
        schema: {
          tags: ['单位'],
          summary: '设置单位的同义词（热线办）：派单、选单位时输入这些词或其拼音也能找到该单位',
          params: idParams,
          body: z.object({
            synonyms: z.array(z.string().trim().min(1).max(20)).max(30),
            version: openedVersion,
          }),
          response: { 200: unitSchema, ...errorResponses },
        },
      },
      async (request) => {
        await synonymsService.set(
          request.params.id,
          request.body.synonyms,
          who(request),
          request.body.version,
        );
        return await one(loadUnits, request.params.id);
      },
    );

    app.put(
      '/api/units/:id/registration',
      {
        config: { access: 'unit.editRegistration' },
        schema: {
          tags: ['单位'],
          summary: '填报或更新本单位的分管领导及联络员登记表（须附本次加盖公章的登记表扫描件）',
          params: idParams,
          body: registrationSchema.extend({
            scanAttachmentId: z
              .number()
              .int()
              .positive()
              .optional()
              .describe('为本单位登记表上传（用途 registration_scan）的盖章扫描件'),
          }),
          response: { 200: unitSchema, ...errorResponses },
        },
      },
      async (request) => {
        await service.fileRegistration(request.params.id, request.body, actorOf(request), who(request));
        return await one(loadUnits, request.params.id);
      },
    );
  };
}
