import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseRoles } from '../../db/repositories/user.repository.js';
import { passwordProblem } from '../../domain/login-security.js';
import { refuse } from '../../domain/refusal.js';
import { ROLE_LABELS, ROLES, rolesAllowedIn, type UnitKind } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import { who } from '../../server/plugins/auth.js';
import { errorResponses, idParams, isoDate, one } from '../../server/schemas.js';
import { COMMON_PASSWORDS } from '../auth/common-passwords.js';
import { hashPassword } from '../auth/password.js';

const userBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{2,40}$/, '用户名只能用小写字母、数字和 . _ -'),
  name: z.string().trim().min(2).max(20),
  unitId: z.number().int().positive(),
  roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色'),
  phone: z.string().trim().max(20).default(''),
  active: z.boolean().default(true),
  liaisonSlot: z.enum(['A', 'B']).nullable().default(null).describe('AB 角:A 角为主,B 角在 A 角不在岗时接办'),
  awayFrom: isoDate.nullable().default(null),
  awayUntil: isoDate.nullable().default(null),
  awayNote: z.string().trim().max(200).nullable().default(null),
});

const userSchema = userBody.extend({ id: z.number(), unitName: z.string(), roleLabels: z.array(z.string()) });

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.db.kysely;

  async function load(id?: number) {
    let q = db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .selectAll('users')
      .select('units.name as unit_name')
      .orderBy('users.unit_id')
      .orderBy('users.id');
    if (id) q = q.where('users.id', '=', id);
    return (await q.execute()).map((u) => {
      const roles = parseRoles(u.roles);
      return {
        id: u.id,
        username: u.username,
        name: u.name,
        unitId: u.unit_id,
        unitName: u.unit_name,
        roles,
        roleLabels: roles.map((r) => ROLE_LABELS[r]),
        phone: u.phone,
        active: u.active === 1,
        liaisonSlot: (u.liaison_slot as 'A' | 'B' | null) ?? null,
        awayFrom: u.away_from,
        awayUntil: u.away_until,
        awayNote: u.away_note,
      };
    });
  }

  async function validate(b: z.infer<typeof userBody>, selfId?: number) {
    const unit = await db
      .selectFrom('units')
      .select(['kind', 'name'])
      .where('id', '=', b.unitId)
      .executeTakeFirst();
    if (!unit) refuse('invalid', 'UNIT_NOT_FOUND', '所属单位不存在。');
    const allowed = rolesAllowedIn(unit.kind as UnitKind);
    const wrong = b.roles.filter((r) => !allowed.includes(r));
    if (wrong.length > 0) {
      refuse(
        'invalid',
        'ROLE_NOT_FOR_UNIT',
        `「${unit.name}」的人员不能担任:${wrong.map((r) => ROLE_LABELS[r]).join('、')}。`,
      );
    }
    if (b.awayFrom && b.awayUntil && b.awayUntil < b.awayFrom) {
      refuse('invalid', 'AWAY_RANGE_INVALID', '不在岗的结束日期不能早于开始日期。');
    }
    const clash = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', b.username)
      .executeTakeFirst();
    if (clash && clash.id !== selfId) refuse('conflict', 'USERNAME_TAKEN', `用户名 ${b.username} 已被使用。`);
  }

  const columns = (b: z.infer<typeof userBody>) => ({
    username: b.username,
    name: b.name,
    unit_id: b.unitId,
    roles: JSON.stringify(b.roles),
    phone: b.phone,
    active: b.active ? 1 : 0,
    liaison_slot: b.liaisonSlot,
    away_from: b.awayFrom,
    away_until: b.awayUntil,
    away_note: b.awayNote,
  });

  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['用户'],
          summary: '用户列表',
          response: { 200: z.object({ items: z.array(userSchema) }), ...errorResponses },
        },
      },
      async () => ({ items: await load() }),
    );

    app.post(
      '/api/users',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['用户'],
          summary: '新增用户',
          body: userBody.extend({ password: z.string().max(128) }),
          response: { 201: userSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { password, ...b } = request.body;
        await validate(b);
        const problem = passwordProblem(password, b.username, COMMON_PASSWORDS);
        if (problem) refuse('invalid', 'PASSWORD_WEAK', problem);
        const hash = await hashPassword(password);
        const id = await db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('users')
            // The first login asks the user to replace the password the administrator chose.
            .values({
              ...columns(b),
              password_hash: hash,
              must_change_password: 1,
              created_at: ctx.clock.now().toISOString(),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await ctx.audit.record(trx, {
            ...who(request),
            action: 'user.created',
            target: `user:${row.id}`,
            after: b,
          });
          return Number(row.id);
        });
        reply.status(201);
        return one(load, id);
      },
    );

    app.put(
      '/api/users/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['用户'],
          summary: '修改用户(角色、AB 角、不在岗时间等)',
          params: idParams,
          body: userBody,
          response: { 200: userSchema, ...errorResponses },
        },
      },
      async (request) => {
        await validate(request.body, request.params.id);
        const [before] = await load(request.params.id);
        if (!before) refuse('not_found', 'USER_NOT_FOUND', '用户不存在。');
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('users')
            .set(columns(request.body))
            .where('id', '=', request.params.id)
            .execute();
          if (!request.body.active)
            await trx.deleteFrom('sessions').where('user_id', '=', request.params.id).execute();
          const { id: _id, unitName: _u, roleLabels: _r, ...was } = before;
          const rolesChanged = JSON.stringify(was.roles) !== JSON.stringify(request.body.roles);
          await ctx.audit.record(trx, {
            ...who(request),
            action: rolesChanged ? 'user.roles_changed' : 'user.updated',
            target: `user:${request.params.id}`,
            before: was,
            after: request.body,
          });
        });
        return await one(load, request.params.id);
      },
    );

    app.put(
      '/api/users/:id/password',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['用户'],
          summary: '重置用户密码',
          params: idParams,
          body: z.object({ password: z.string().max(128) }),
          response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
        },
      },
      async (request) => {
        const target = await db
          .selectFrom('users')
          .select('username')
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!target) refuse('not_found', 'USER_NOT_FOUND', '用户不存在。');
        const problem = passwordProblem(request.body.password, target.username, COMMON_PASSWORDS);
        if (problem) refuse('invalid', 'PASSWORD_WEAK', problem);
        const hash = await hashPassword(request.body.password);
        await db.transaction().execute(async (trx) => {
          const r = await trx
            .updateTable('users')
            .set({ password_hash: hash, must_change_password: 1 })
            .where('id', '=', request.params.id)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) === 0) refuse('not_found', 'USER_NOT_FOUND', '用户不存在。');
          await trx.deleteFrom('sessions').where('user_id', '=', request.params.id).execute();
          await ctx.audit.record(trx, {
            ...who(request),
            action: 'user.password_reset',
            target: `user:${request.params.id}`,
          });
        });
        return { ok: true as const };
      },
    );
  };
}
