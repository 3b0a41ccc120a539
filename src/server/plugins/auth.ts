import '@fastify/cookie';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SessionRepository } from '../../db/repositories/session.repository.js';
import { parseRoles } from '../../db/repositories/user.repository.js';
import { pendingSteps, sessionAlive } from '../../domain/login-security.js';
import { CAPABILITY_LABELS, type Capability, can } from '../../domain/policy.js';
import { AppRefusal } from '../../domain/refusal.js';
import type { Actor } from '../../domain/roles.js';
import type { AuditWho } from '../../modules/audit/audit.service.js';
import type { AppContext } from '../context.js';

export const SESSION_COOKIE = 'huiyin_sid';

/**
 * Who may call a route. Every route must declare it: a route without `config.access` fails
 * at start-up, so authorization cannot be forgotten or switched off.
 * - 'public': anyone (health, login, the public deadline calculator)
 * - 'user': any logged-in user (the service then scopes what they see)
 * - a capability of `src/domain/policy.ts`: only actors the policy grants it to (on anything;
 *   the service then asks the policy about the particular order or unit)
 */
export type Access = 'public' | 'user' | Capability;

/** Each /api route's declared access, by "METHOD /url", for the OpenAPI document and the permissions table. */
export type AccessRegistry = Map<string, Access>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * Reachable while the user still has a step to take before using the system (a forced
     * password change, enrolling the second factor): their own account's routes only.
     */
    beforeSteps?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The hash of the session's token (the sessions table's key), when signed in. */
    sessionId: string | null;
  }
}

export const hashSessionId = (token: string) => createHash('sha256').update(token).digest('hex');

export function registerAuth(app: FastifyInstance, ctx: AppContext, registry: AccessRegistry): void {
  const sessions = new SessionRepository(ctx.db.kysely);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    // Every /api route must say who may call it; others (Open311, the web app) may, and are documented when they do.
    if (access === undefined) {
      if (route.url.startsWith('/api/'))
        throw new Error(`route ${route.method} ${route.url} declares no access rule`);
      return;
    }
    if (access !== 'public' && access !== 'user' && !(access in CAPABILITY_LABELS)) {
      throw new Error(`route ${route.method} ${route.url} declares an unknown capability ${access}`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') registry.set(`${method} ${route.url}`, access);
    }
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    const session = await loadSession(request, sessions, ctx);
    if (!session) {
      throw new AppRefusal(
        'UNAUTHENTICATED',
        '请先登录（登录已过期或尚未登录）。',
        undefined,
        'unauthenticated',
      );
    }
    request.actor = session.actor;
    request.sessionId = session.id;
    if (!request.routeOptions.config?.beforeSteps) {
      if (session.mustChangePassword)
        throw new AppRefusal(
          'PASSWORD_CHANGE_REQUIRED',
          session.passwordExpired
            ? '密码已超过最长使用期限，请先修改密码，再使用系统。'
            : '请先修改初始密码，再使用系统。',
          undefined,
          'forbidden',
        );
      if (session.mustEnrolTotp)
        throw new AppRefusal(
          'TOTP_ENROLMENT_REQUIRED',
          '请先启用两步验证（手机验证器），再使用系统。',
          undefined,
          'forbidden',
        );
    }
    if (access !== 'user' && !can(request.actor, access)) {
      throw new AppRefusal(
        'FORBIDDEN_ROLE',
        `您的角色不能使用此功能（${CAPABILITY_LABELS[access]}）。`,
        { capability: access },
        'forbidden',
      );
    }
  });
}

/** A session is used if it is touched at least this often (fewer writes than on every request). */
const TOUCH_EVERY_MS = 60_000;

async function loadSession(request: FastifyRequest, sessions: SessionRepository, ctx: AppContext) {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return null;
  const id = hashSessionId(token);
  const now = ctx.clock.now();
  const row = await sessions.signedIn(id, now);
  if (row?.active !== 1) return null;
  const security = await ctx.settings.security();
  const lastSeenAt = row.last_seen_at ?? row.created_at;
  if (!sessionAlive({ createdAt: row.created_at, lastSeenAt }, now, security)) return null;
  if (now.getTime() - Date.parse(lastSeenAt) > TOUCH_EVERY_MS) await sessions.touch(id, now);
  const roles = parseRoles(row.roles);
  return {
    id,
    actor: { userId: row.id, unitId: row.unit_id, roles, name: row.name } satisfies Actor,
    ...pendingSteps(
      {
        roles,
        mustChangePassword: row.must_change_password === 1,
        totpEnabled: !!row.totp_enabled_at,
        passwordSetAt: row.password_set_at,
      },
      security,
      now,
    ),
  };
}

/**
 * Whether the request carries a live session, for a public route (the sign-in page asks so that a
 * bookmark of it goes straight on, without a 401 for everyone who is not signed in).
 */
export async function signedIn(request: FastifyRequest, ctx: AppContext): Promise<boolean> {
  return (await loadSession(request, new SessionRepository(ctx.db.kysely), ctx)) !== null;
}

/** Whether the request's session is still alive (an open stream asks on each poll). */
export async function sessionStillAlive(ctx: AppContext, id: string): Promise<boolean> {
  const row = await new SessionRepository(ctx.db.kysely).withUser(id, ctx.clock.now());
  if (row?.active !== 1) return false;
  const security = await ctx.settings.security();
  return sessionAlive(
    { createdAt: row.created_at, lastSeenAt: row.last_seen_at ?? row.created_at },
    ctx.clock.now(),
    security,
  );
}

/** The logged-in actor of a route whose access rule already required one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppRefusal('UNAUTHENTICATED', '请先登录。', undefined, 'unauthenticated');
  return request.actor;
}

/** Who made a request and from where, for an audit entry (`{ ...who(request), action, … }`). */
export function who(request: FastifyRequest): AuditWho {
  const actor = request.actor;
  return { actor: actor ? { userId: actor.userId, username: actor.name } : null, ip: request.ip };
}
