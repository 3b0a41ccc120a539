import { createHash } from 'node:crypto';
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiClientRepository } from '../../db/repositories/api-client.repository.js';
import { addressAllowed } from '../../domain/address-allowlist.js';
import { API_SCOPE_LABELS, type ApiScope } from '../../domain/api-scopes.js';
import { AppRefusal } from '../../domain/refusal.js';
import { SIGNATURE_WINDOW_MS, verifySignature } from '../../domain/request-signature.js';
import { ApiClientService, type AuthenticatedClient } from '../../modules/api-clients/api-clients.service.js';
import type { AppContext } from '../context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A machine route: callable only with the key of an API client holding this scope. */
    apiScope?: ApiScope;
  }
  interface FastifyRequest {
    apiClient: AuthenticatedClient | null;
    /** The body as received, for the signature (set by `keepRawJson`). */
    rawBody?: string;
    apiErrorCode?: string;
  }
}

/** The key of a request: `Authorization: Bearer <key>`, `X-Api-Key: <key>`, or Open311's `api_key` field. */
function presentedKey(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  // The scheme is case-insensitive (RFC 7235): `bearer <key>` is the same key.
  const bearer = auth?.match(/^bearer\s+(.+)$/i);
  if (bearer) return bearer[1]?.trim() || null;
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim()) return header.trim();
  const field = (request.body as { api_key?: unknown } | undefined)?.api_key;
  return typeof field === 'string' && field.trim() ? field.trim() : null;
}

const header = (request: FastifyRequest, name: string) => {
  const v = request.headers[name];
  return typeof v === 'string' ? v : undefined;
};

const unauthenticated = (code: string, message: string) =>
  new AppRefusal(code, message, undefined, 'unauthenticated');

/**
 * Key authentication for machine routes (`config.apiScope`): the key names the client; a client
 * configured for it must also sign (HMAC-SHA256 over method, path, timestamp, nonce and body;
 * 5-minute window; a nonce is accepted once). Every call of an identified client is recorded
 * with its route, status and error code. Kept apart from the users' login on purpose.
 */
export function registerApiKeyAuth(app: FastifyInstance, ctx: AppContext): void {
  const clients = new ApiClientService(ctx);
  const repo = new ApiClientRepository(ctx.db.kysely);
  let signedSinceSweep = 0;
  app.decorateRequest('apiClient', null);

  const failures = new FailedKeys(() => ctx.clock.now().getTime());

  const authenticate = async (request: FastifyRequest) => {
    const scope = request.routeOptions.config?.apiScope;
    if (!scope) return;
    if (failures.tooMany(request.ip)) {
      throw new AppRefusal(
        'API_KEY_FAILURES_TOO_MANY',
        `此地址 1 分钟内接口密钥验证失败 ${FAILED_KEYS_PER_MINUTE} 次以上，请核对密钥，1 分钟后再试。`,
        undefined,
        'rate_limited',
      );
    }
    const key = presentedKey(request);
    if (!key) {
      failures.note(request.ip);
      throw unauthenticated(
        'API_KEY_MISSING',
        '缺少接口密钥：请在 Authorization: Bearer 或 X-Api-Key 请求头中提供。',
      );
    }
    const client = await clients.authenticate(key);
    if (!client) {
      failures.note(request.ip);
      throw unauthenticated('API_KEY_INVALID', '接口密钥无效、已过期或已被吊销。');
    }
    request.apiClient = client;
    // Before the scope: a key used from an address its client was not given may be a stolen one,
    // and the call record (kept for every identified client) shows where it came from.
    if (!addressAllowed(client.allowedAddresses, request.ip)) {
      throw new AppRefusal(
        'API_CLIENT_ADDRESS_NOT_ALLOWED',
        `此接口客户端只允许从指定的地址调用，本次请求来自 ${request.ip}。如服务器地址有变，请联系县热线办的系统管理员。`,
        { ip: request.ip },
        'forbidden',
      );
    }
    if (!client.scopes.includes(scope)) {
      throw new AppRefusal(
        'API_SCOPE_MISSING',
        `此客户端无权调用该接口（需要权限：${API_SCOPE_LABELS[scope]}）。`,
        { scope },
        'forbidden',
      );
    }
    if (!client.requireSignature) return;
    const now = ctx.clock.now();
    const parts = {
      method: request.method,
      path: request.url,
      timestamp: header(request, 'x-timestamp'),
      nonce: header(request, 'x-nonce'),
      body: request.rawBody ?? '',
    };
    const verdict = verifySignature(client.signingKey, parts, header(request, 'x-signature'), now);
    if (!verdict.ok) throw unauthenticated(verdict.code, verdict.message);
    if (!(await repo.claimNonce(client.id, parts.nonce as string, now.toISOString()))) {
      throw unauthenticated(
        'SIGNATURE_REPLAYED',
        '此签名请求（X-Nonce）已处理过，拒绝重放；重发请重新生成 nonce 并签名。',
      );
    }
    // Nonces older than the window can no longer pass the timestamp check: forget them now and then.
    if (++signedSinceSweep >= 200) {
      signedSinceSweep = 0;
      await repo.forgetNoncesBefore(new Date(now.getTime() - 2 * SIGNATURE_WINDOW_MS).toISOString());
    }
  };

  const noteError = async (request: FastifyRequest, _reply: FastifyReply, err: FastifyError) => {
    if (request.apiClient) {
      request.apiErrorCode =
        err instanceof AppRefusal
          ? err.code
          : err.validation
            ? 'VALIDATION_FAILED'
            : (err.code ?? 'INTERNAL');
    }
  };

  // Recorded before the answer leaves (onSend, not onResponse): a client that has its answer
  // finds the call in the record, and an administrator reading right after sees every call.
  const recordCall = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const client = request.apiClient;
    if (!client) return payload;
    await repo
      .recordCall({
        client_id: client.id,
        at: ctx.clock.now().toISOString(),
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        status: reply.statusCode,
        error_code: reply.statusCode >= 400 ? (request.apiErrorCode ?? null) : null,
        duration_ms: Math.round(reply.elapsedTime),
      })
      .catch((err) => request.log.error({ err }, 'could not record an API client call'));
    // A key that changed something (registered, supplemented, re-dated, cancelled an order) is in
    // the audit log too, which only the auditor reads: the client's own call record is the system
    // administrator's, who creates the keys (三员: no administrator audits his own key's use).
    if (request.method !== 'GET' && reply.statusCode < 400) {
      await ctx.audit
        .record(ctx.db.kysely, {
          actor: { userId: null, username: `接口客户端「${client.name}」` },
          ip: request.ip,
          action: 'api_client.called',
          target: `api_client:${client.id}`,
          detail: `${request.method} ${request.url} → ${reply.statusCode}`,
        })
        .catch((err) => request.log.error({ err }, 'could not audit an API client call'));
    }
    return payload;
  };

  // On the machine routes only: the users' routes (nearly every request) do not run them at all.
  app.addHook('onRoute', (route) => {
    if (!route.config?.apiScope) return;
    route.preValidation = [...hooksOf(route.preValidation), authenticate];
    route.onError = [...hooksOf(route.onError), noteError];
    route.onSend = [...hooksOf(route.onSend), recordCall];
  });
}

/** Failed key checks one address may make per minute before its calls are refused unread. */
export const FAILED_KEYS_PER_MINUTE = 20;

/**
 * Failed key checks by address, in one-minute windows, in this process: a client guessing keys,
 * or one misconfigured and retrying in a loop, is stopped before each call reaches the database.
 */
class FailedKeys {
  private readonly byIp = new Map<string, { since: number; count: number }>();
  constructor(private readonly now: () => number) {}

  tooMany(ip: string): boolean {
    const seen = this.byIp.get(ip);
    return seen !== undefined && this.now() - seen.since < 60_000 && seen.count >= FAILED_KEYS_PER_MINUTE;
  }

  note(ip: string): void {
    const now = this.now();
    const seen = this.byIp.get(ip);
    if (seen && now - seen.since < 60_000) seen.count += 1;
    else this.byIp.set(ip, { since: now, count: 1 });
    // Addresses whose window has passed are forgotten, so the map stays small.
    if (this.byIp.size > 10_000)
      for (const [addr, w] of this.byIp) if (now - w.since >= 60_000) this.byIp.delete(addr);
  }
}

/**
 * The per-client limit of a machine route (@fastify/rate-limit, in the route's config): counted
 * by the key presented (its hash, never the key), or by address for a call without one.
 */
export function machineRateLimit(perMinute: number): RateLimitOptions {
  return {
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const auth = request.headers.authorization?.match(/^bearer\s+(.+)$/i)?.[1]?.trim();
      const header = request.headers['x-api-key'];
      const key = auth || (typeof header === 'string' ? header.trim() : '');
      return key ? `key:${createHash('sha256').update(key).digest('base64url')}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new AppRefusal(
        'API_RATE_LIMITED',
        `接口调用过于频繁：每个客户端每分钟最多 ${context.max} 次，请 ${Math.ceil(context.ttl / 1000)} 秒后再试。`,
        { perMinute: context.max },
        'rate_limited',
      ),
  };
}

/** A route's hooks of one kind as a list (a route may give none, one, or several). */
function hooksOf<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

/**
 * In a machine routes' plugin: parse JSON bodies keeping the text as received (the signature
 * covers the exact bytes), and form-encoded bodies as Open311 allows.
 */
export function keepRawBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppRefusal('INVALID_JSON', '请求内容不是有效的 JSON。', undefined, 'invalid'), undefined);
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      const text = body as string;
      request.rawBody = text;
      done(null, Object.fromEntries(new URLSearchParams(text)));
    },
  );
}

/** The client of a machine route (the preValidation hook has authenticated it). */
export function apiClientOf(request: FastifyRequest): AuthenticatedClient {
  if (!request.apiClient) throw unauthenticated('API_KEY_MISSING', '缺少接口密钥。');
  return request.apiClient;
}
