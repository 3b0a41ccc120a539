import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseRoles, UserRepository } from '../../db/repositories/user.repository.js';
import {
  PASSWORD_MAX,
  passwordDaysLeft,
  pendingSteps,
  requiresTotp,
  USERNAME_MAX,
} from '../../domain/login-security.js';
import { abilitiesOf, CAPABILITIES, HOME_KINDS, homeOf } from '../../domain/policy.js';
import { ROLE_LABELS, ROLES } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import { actorOf, SESSION_COOKIE, signedIn, who } from '../../server/plugins/auth.js';
import { errorResponses } from '../../server/schemas.js';
import { OwnSessionsService } from './own-sessions.service.js';
import { SignInService } from './sign-in.service.js';

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
  /** Steps before the system may be used: the web app shows the account page until they are done. */
  mustChangePassword: z.boolean(),
  /** The change is asked because the password is past the settings' maximum age (not a one-time one). */
  passwordExpired: z.boolean(),
  /** Days before the password must be changed; null when passwords do not expire or it is a one-time one. */
  passwordDaysLeft: z.number().nullable(),
  mustEnrolTotp: z.boolean(),
  totpEnabled: z.boolean(),
  /** The security settings require a second factor for one of the user's roles (then it cannot be turned off). */
  totpRequired: z.boolean(),
  /** What the user may do (capabilities of the policy): the web app shows menus and buttons by these only. */
  abilities: z.array(z.enum(CAPABILITIES)),
  home: z.enum(HOME_KINDS),
});

/** The request as the audit log names it where the current password was asked again. */
const routeOf = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url}`;

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const users = new UserRepository(ctx.db.kysely);
  const signIn = new SignInService(ctx);
  const ownSessions = new OwnSessionsService(ctx);

  async function me(userId: number) {
    // One read of the user: the page asks this at every start.
    const row = await users.sessionUserById(userId);
    const roles = parseRoles(row.roles);
    const security = await ctx.settings.security();
    const totpEnabled = !!row.totp_enabled_at;
    const now = ctx.clock.now();
    const oneTime = row.must_change_password === 1;
    const steps = pendingSteps(
      { roles, mustChangePassword: oneTime, totpEnabled, passwordSetAt: row.password_set_at },
      security,
      now,
    );
    const totpRequired = requiresTotp(roles, security);
    const actor = { userId: row.id, unitId: row.unit_id, roles, name: row.name };
    return {
      ...steps,
      passwordDaysLeft: oneTime ? null : passwordDaysLeft(row.password_set_at, now, security),
      totpEnabled,
      totpRequired,
      id: row.id,
      username: row.username,
      name: row.name,
      unitId: row.unit_id,
      unitName: row.unit_name,
      unitKind: row.unit_kind,
      phone: row.phone,
      roles,
      roleLabels: roles.map((r) => ROLE_LABELS[r]),
      abilities: abilitiesOf(actor),
      home: homeOf(actor),
    };
  }

  const beforeSteps = { access: 'user' as const, beforeSteps: true };
  const okSchema = z.object({ ok: z.literal(true) });
  const previousLoginSchema = z
    .object({
      at: z.string().nullable().describe('上次登录的时间；首次登录为 null'),
      ip: z.string().nullable().describe('上次登录的来源地址'),
      failedAttempts: z
        .number()
        .int()
        .describe('上次登录以来本账号的登录失败次数（密码、动态码错误或锁定中）'),
    })
    .describe('本次登录之前的上一次登录（上次登录提示）');
  const sessionSchema = z.object({
    id: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
    previousLogin: previousLoginSchema,
  });

  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: {
          access: 'public',
          // Per client IP, on top of the per-account lockout (the IP as TRUST_PROXY allows it to be known).
          rateLimit: { max: ctx.config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 },
        },
        schema: {
          tags: ['登录'],
          summary: '用户名密码登录（需要时加动态码或恢复码），成功后设置会话 Cookie',
          body: z.object({
            username: z
              .string()
              .min(1, '请输入用户名')
              .max(USERNAME_MAX, `用户名最多 ${USERNAME_MAX} 个字符`),
            password: z.string().min(1, '请输入密码').max(PASSWORD_MAX, `密码最多 ${PASSWORD_MAX} 个字符`),
            totp: z.string().max(12).optional().describe('手机验证器上的 6 位动态码'),
            recoveryCode: z.string().max(32).optional().describe('恢复码（手机丢失时）'),
          }),
          response: { 200: meSchema.extend({ previousLogin: previousLoginSchema }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { token, userId, previous } = await signIn.login(request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
        });
        const security = await ctx.settings.security();
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.COOKIE_SECURE,
          maxAge: security.absoluteHours * 3600,
        });
        return { ...(await me(userId)), previousLogin: previous };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: 'public' },
        schema: { tags: ['登录'], summary: '退出登录', response: { 200: okSchema } },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await signIn.logout(token, who(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/session',
      {
        config: { access: 'public' },
        schema: {
          tags: ['登录'],
          summary: '本浏览器是否已登录（登录页用它跳过已登录的用户；未登录不是错误）',
          response: { 200: z.object({ signedIn: z.boolean() }) },
        },
      },
      async (request) => ({ signedIn: await signedIn(request, ctx) }),
    );

    app.get(
      '/api/auth/me',
      {
        config: beforeSteps,
        schema: { tags: ['登录'], summary: '当前登录用户', response: { 200: meSchema, ...errorResponses } },
      },
      async (request) => me(actorOf(request).userId),
    );

    app.post(
      '/api/auth/password',
      {
        config: beforeSteps,
        schema: {
          tags: ['登录'],
          summary: '修改本人密码（其他会话随之结束）',
          body: z.object({
            current: z.string().min(1, '请输入当前密码').max(PASSWORD_MAX),
            next: z.string().min(1, '请输入新密码').max(PASSWORD_MAX, `密码最多 ${PASSWORD_MAX} 位`),
          }),
          response: { 200: meSchema, ...errorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await signIn.changePassword(
          actor.userId,
          request.sessionId as string,
          request.body.current,
          request.body.next,
          who(request),
          routeOf(request),
        );
        return me(actor.userId);
      },
    );

    app.post(
      '/api/auth/totp/setup',
      {
        config: beforeSteps,
        schema: {
          tags: ['登录'],
          summary:
            '开始启用两步验证：生成密钥与二维码内容（确认动态码后生效）；已启用时为更换手机，须带当前密码',
          body: z
            .object({ password: z.string().max(200).optional().describe('已启用时必填：当前密码') })
            .nullish(),
          response: { 200: z.object({ secret: z.string(), uri: z.string() }), ...errorResponses },
        },
      },
      async (request) => {
        const user = await users.sessionUserById(actorOf(request).userId);
        return signIn.startTotp(
          user.id,
          user.username,
          request.body?.password,
          who(request),
          routeOf(request),
        );
      },
    );

    app.post(
      '/api/auth/totp/confirm',
      {
        config: beforeSteps,
        schema: {
          tags: ['登录'],
          summary: '输入验证器上的动态码，启用两步验证；返回一次性恢复码（只显示这一次）',
          body: z.object({ code: z.string().min(1, '请输入动态码').max(12) }),
          response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...errorResponses },
        },
      },
      async (request) => ({
        recoveryCodes: await signIn.confirmTotp(actorOf(request).userId, request.body.code, who(request)),
      }),
    );

    app.post(
      '/api/auth/totp/disable',
      {
        config: beforeSteps,
        schema: {
          tags: ['登录'],
          summary: '关闭本人的两步验证（需再次输入密码；安全设置要求本人角色使用时不能关闭）',
          body: z.object({ password: z.string().min(1, '请输入当前密码').max(PASSWORD_MAX) }),
          response: { 200: meSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { userId } = actorOf(request);
        await signIn.disableTotp(userId, request.body.password, who(request), routeOf(request));
        return me(userId);
      },
    );

    app.get(
      '/api/auth/sessions',
      {
        config: beforeSteps,
        schema: {
          tags: ['登录'],
          summary: '本人的登录会话（当前这个标为 current）',
          response: { 200: z.object({ items: z.array(sessionSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await ownSessions.list(actorOf(request).userId, request.sessionId) }),
    );

    app.delete(
      '/api/auth/sessions/:id',
      {
        config: beforeSteps,
        schema: {
          tags: ['登录'],
          summary: '结束本人的另一个会话（如在别处忘记退出）',
          params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, '会话编号格式不正确') }),
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (request) => {
        await ownSessions.end(actorOf(request).userId, request.params.id, who(request));
        return { ok: true as const };
      },
    );
  };
}
