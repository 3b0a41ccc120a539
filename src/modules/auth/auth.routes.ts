import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseRoles, UserRepository } from '../../db/repositories/user.repository.js';
import { AppRefusal } from '../../domain/refusal.js';
import { ROLE_LABELS, ROLES } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, hashSessionId, SESSION_COOKIE } from '../../server/plugins/auth.js';
import { errorResponses } from '../../server/schemas.js';
import { verifyPassword } from './password.js';

const SESSION_HOURS = 12;

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  unitKind: z.string(),
  phone: z.string(),
  roles: z.array(z.enum(ROLES)),
  roleLabels: z.array(z.string()),
});

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const users = new UserRepository(ctx.db.kysely);

  async function me(userId: number) {
    const row = await users.sessionUserById(userId);
    const roles = parseRoles(row.roles);
    return {
      id: row.id,
      username: row.username,
      name: row.name,
      unitId: row.unit_id,
      unitName: row.unit_name,
      unitKind: row.unit_kind,
      phone: row.phone,
      roles,
      roleLabels: roles.map((r) => ROLE_LABELS[r]),
    };
  }

  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['登录'],
          summary: '用户名密码登录,成功后设置会话 Cookie',
          body: z.object({
            username: z.string().min(1, '请输入用户名'),
            password: z.string().min(1, '请输入密码'),
          }),
          response: { 200: meSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const now = ctx.clock.now();
        const user = await users.findByUsername(request.body.username.trim());
        const ok =
          user && user.active === 1 && (await verifyPassword(request.body.password, user.password_hash));
        await ctx.audit.record(ctx.db.kysely, {
          actor: { userId: user?.id ?? null, username: request.body.username },
          action: ok ? 'auth.login' : 'auth.login_failed',
          ip: request.ip,
        });
        if (!ok || !user) {
          throw new AppRefusal(
            'LOGIN_FAILED',
            '用户名或密码不正确,或账号已停用。',
            undefined,
            'unauthenticated',
          );
        }
        const token = randomBytes(32).toString('base64url');
        await users.createSession(
          hashSessionId(token),
          user.id,
          now,
          new Date(now.getTime() + SESSION_HOURS * 3600_000),
        );
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.COOKIE_SECURE,
          maxAge: SESSION_HOURS * 3600,
        });
        return me(user.id);
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: 'public' },
        schema: { tags: ['登录'], summary: '退出登录', response: { 200: z.object({ ok: z.literal(true) }) } },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await users.deleteSession(hashSessionId(token));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: 'user' },
        schema: { tags: ['登录'], summary: '当前登录用户', response: { 200: meSchema, ...errorResponses } },
      },
      async (request) => me(actorOf(request).userId),
    );
  };
}
