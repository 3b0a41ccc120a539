import '@fastify/cookie';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseRoles, UserRepository } from '../../db/repositories/user.repository.js';
import { AppRefusal } from '../../domain/refusal.js';
import { type Actor, ROLE_LABELS, type Role } from '../../domain/roles.js';
import type { AuditWho } from '../../modules/audit/audit.service.js';
import type { AppContext } from '../context.js';

export const SESSION_COOKIE = 'huiyin_sid';

/**
 * Who may call a route. Every route must declare it: a route without `config.access` fails
 * at start-up, so authorization cannot be forgotten or switched off.
 * - 'public': anyone (health, login, the public deadline calculator)
 * - 'user': any logged-in user (the service then scopes what they see)
 * - a list of roles: only users holding one of them
 */
export type Access = 'public' | 'user' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const hashSessionId = (token: string) => createHash('sha256').update(token).digest('hex');

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const users = new UserRepository(ctx.db.kysely);
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    }
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    request.actor = await loadActor(request, users, ctx);
    if (!request.actor) {
      throw new AppRefusal(
        'UNAUTHENTICATED',
        '请先登录(登录已过期或尚未登录)。',
        undefined,
        'unauthenticated',
      );
    }
    if (access !== 'user' && !access.some((r) => request.actor?.roles.includes(r))) {
      const needed = access.map((r) => ROLE_LABELS[r]).join('、');
      throw new AppRefusal('FORBIDDEN_ROLE', `此功能仅限${needed}使用。`, { roles: access }, 'forbidden');
    }
  });
}

async function loadActor(
  request: FastifyRequest,
  users: UserRepository,
  ctx: AppContext,
): Promise<Actor | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const row = await users.sessionUser(hashSessionId(token), ctx.clock.now());
  if (row?.active !== 1) return null;
  return { userId: row.id, unitId: row.unit_id, roles: parseRoles(row.roles), name: row.name };
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
