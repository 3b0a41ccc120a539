import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromJson } from '../../db/json.js';
import { maskPhone } from '../../domain/citizen-privacy.js';
import { can } from '../../domain/policy.js';
import { refuse } from '../../domain/refusal.js';
import { type Actor, UNIT_KIND_LABELS, UNIT_KINDS } from '../../domain/roles.js';
import { parseSynonyms } from '../../domain/search-match.js';
import { searchTextOf } from '../../domain/search-text.js';
import { isSignOffMode, SIGN_OFF_MODE_LABELS, SIGN_OFF_MODES } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, who } from '../../server/plugins/auth.js';
import { errorResponses, idParams, one } from '../../server/schemas.js';
import { RegistrationScanService } from './registration-scan.service.js';
import { UnitSynonymsService } from './unit-synonyms.service.js';

const person = z.object({
  name: z.string().trim().min(2, '请填写姓名').max(20),
  title: z.string().trim().max(40).default(''),
  officePhone: z.string().trim().max(20).default(''),
  mobile: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号码应为 11 位'),
  fax: z.string().trim().max(20).default(''),
});

/** The notice's annex: 市民服务热线承办单位分管领导及联络员登记表. */
export const registrationSchema = z.object({
  leaderInCharge: person,
  liaisonA: person,
  liaisonB: person,
  remarks: z.string().trim().max(500).default(''),
  filledBy: z.string().trim().min(2, '请填写填报人').max(20),
  filledByPhone: z.string().trim().min(5, '请填写填报人联系电话').max(20),
});
export type Registration = z.infer<typeof registrationSchema>;

const unitBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/, '单位代码只能用小写字母、数字和连字符'),
  name: z.string().trim().min(2).max(60),
  kind: z.enum(UNIT_KINDS),
  remit: z.string().trim().max(1000).default(''),
  active: z.boolean().default(true),
});

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
    .describe('登记表;手机号码只对热线办、管理员和本单位显示完整,其他人看到遮盖后的号码'),
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
  const db = ctx.db.kysely;
  const synonymsService = new UnitSynonymsService(ctx);
  const scans = new RegistrationScanService(ctx);

  async function loadUnits(id?: number) {
    let q = db
      .selectFrom('units')
      .leftJoin('unit_registrations as r', 'r.unit_id', 'units.id')
      .selectAll('units')
      .select([
        'r.leader_in_charge',
        'r.liaison_a',
        'r.liaison_b',
        'r.remarks',
        'r.filled_by',
        'r.filled_by_phone',
        'r.updated_at as reg_updated_at',
        'r.scan_attachment_id',
      ])
      .orderBy('units.kind')
      .orderBy('units.id');
    if (id) q = q.where('units.id', '=', id);
    return (await q.execute()).map((u) => {
      const filed = u.leader_in_charge !== null;
      const synonyms = parseSynonyms(u.synonyms);
      return {
        id: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind as (typeof UNIT_KINDS)[number],
        kindLabel: UNIT_KIND_LABELS[u.kind as (typeof UNIT_KINDS)[number]],
        remit: u.remit,
        active: u.active === 1,
        registrationFiled: filed,
        registration: filed
          ? {
              leaderInCharge: fromJson(u.leader_in_charge) as Registration['leaderInCharge'],
              liaisonA: fromJson(u.liaison_a) as Registration['liaisonA'],
              liaisonB: fromJson(u.liaison_b) as Registration['liaisonB'],
              remarks: u.remarks ?? '',
              filledBy: u.filled_by ?? '',
              filledByPhone: u.filled_by_phone ?? '',
            }
          : null,
        registrationUpdatedAt: u.reg_updated_at ?? null,
        registrationScanId: u.scan_attachment_id ?? null,
        signOffMode: u.sign_off_mode,
        signOffModeLabel: isSignOffMode(u.sign_off_mode)
          ? SIGN_OFF_MODE_LABELS[u.sign_off_mode]
          : u.sign_off_mode,
        synonyms,
        searchText: searchTextOf([u.name, ...synonyms]),
      };
    });
  }

  return async (app) => {
    app.get(
      '/api/units',
      {
        config: { access: 'user' },
        schema: {
          tags: ['单位'],
          summary: '单位列表,含职能范围和登记表',
          response: {
            200: z.object({
              items: z.array(unitSchema),
              signOffModes: z
                .array(z.object({ value: z.enum(SIGN_OFF_MODES), label: z.string() }))
                .describe('答复签发方式的可选值,供热线办切换'),
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
        const b = request.body;
        const clash = await db
          .selectFrom('units')
          .select('id')
          .where((eb) => eb.or([eb('code', '=', b.code), eb('name', '=', b.name)]))
          .executeTakeFirst();
        if (clash) refuse('conflict', 'UNIT_EXISTS', '已有同名或同代码的单位。');
        const id = await db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('units')
            .values({ ...b, active: b.active ? 1 : 0, created_at: ctx.clock.now().toISOString() })
            .returning('id')
            .executeTakeFirstOrThrow();
          await ctx.audit.record(trx, {
            ...who(request),
            action: 'unit.created',
            target: `unit:${row.id} ${b.name}`,
            after: b,
          });
          return Number(row.id);
        });
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
          body: unitBody,
          response: { 200: unitSchema, ...errorResponses },
        },
      },
      async (request) => {
        const b = request.body;
        const clash = await db
          .selectFrom('units')
          .select('id')
          .where('id', '!=', request.params.id)
          .where((eb) => eb.or([eb('code', '=', b.code), eb('name', '=', b.name)]))
          .executeTakeFirst();
        if (clash) refuse('conflict', 'UNIT_EXISTS', '已有同名或同代码的单位。');
        await db.transaction().execute(async (trx) => {
          const before = await trx
            .selectFrom('units')
            .select(['code', 'name', 'kind', 'remit', 'active'])
            .where('id', '=', request.params.id)
            .executeTakeFirst();
          if (!before) refuse('not_found', 'UNIT_NOT_FOUND', '单位不存在。');
          await trx
            .updateTable('units')
            .set({ ...b, active: b.active ? 1 : 0 })
            .where('id', '=', request.params.id)
            .execute();
          await ctx.audit.record(trx, {
            ...who(request),
            action: 'unit.updated',
            target: `unit:${request.params.id} ${b.name}`,
            before: { ...before, active: before.active === 1 },
            after: b,
          });
        });
        return await one(loadUnits, request.params.id);
      },
    );

    app.put(
      '/api/units/:id/synonyms',
      {
        config: { access: 'unit.editSynonyms' },
        schema: {
          tags: ['单位'],
          summary: '设置单位的同义词(热线办):派单、选单位时输入这些词或其拼音也能找到该单位',
          params: idParams,
          body: z.object({ synonyms: z.array(z.string().trim().min(1).max(20)).max(30) }),
          response: { 200: unitSchema, ...errorResponses },
        },
      },
      async (request) => {
        await synonymsService.set(request.params.id, request.body.synonyms, who(request));
        return await one(loadUnits, request.params.id);
      },
    );

    app.put(
      '/api/units/:id/registration',
      {
        config: { access: 'unit.editRegistration' },
        schema: {
          tags: ['单位'],
          summary: '填报或更新本单位的分管领导及联络员登记表(须附本次加盖公章的登记表扫描件)',
          params: idParams,
          body: registrationSchema.extend({
            scanAttachmentId: z
              .number()
              .int()
              .positive()
              .optional()
              .describe('为本单位登记表上传(用途 registration_scan)的盖章扫描件'),
          }),
          response: { 200: unitSchema, ...errorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        scans.mayEdit(actor, request.params.id);
        const unit = await db
          .selectFrom('units')
          .select(['id'])
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!unit) refuse('not_found', 'UNIT_NOT_FOUND', '单位不存在。');
        const b = request.body;
        const values = {
          leader_in_charge: JSON.stringify(b.leaderInCharge),
          liaison_a: JSON.stringify(b.liaisonA),
          liaison_b: JSON.stringify(b.liaisonB),
          remarks: b.remarks,
          filled_by: b.filledBy,
          filled_by_phone: b.filledByPhone,
          updated_at: ctx.clock.now().toISOString(),
          updated_by: actor.userId,
          scan_attachment_id: null as number | null,
        };
        await db.transaction().execute(async (trx) => {
          // The stamped form's scan for this very filing (the notice: 「加盖公章后……报县热线办」).
          values.scan_attachment_id = await scans.requireFor(
            trx,
            request.params.id,
            b.scanAttachmentId,
            ctx.clock.now(),
          );
          const before = await trx
            .selectFrom('unit_registrations')
            .selectAll()
            .where('unit_id', '=', request.params.id)
            .executeTakeFirst();
          await trx
            .insertInto('unit_registrations')
            .values({ unit_id: request.params.id, ...values })
            .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
            .execute();
          // Staff mobiles are personal data: the entry says what changed, the form itself stays in its table.
          await ctx.audit.record(trx, {
            ...who(request),
            action: 'unit.registration_changed',
            target: `unit:${request.params.id}`,
            detail: before ? '更新登记表' : '首次填报登记表',
            before: before ? { updatedAt: before.updated_at, updatedBy: before.updated_by } : null,
            after: { updatedAt: values.updated_at, updatedBy: values.updated_by },
          });
        });
        return await one(loadUnits, request.params.id);
      },
    );
  };
}
