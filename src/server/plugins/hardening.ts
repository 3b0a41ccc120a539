import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppRefusal } from '../../domain/refusal.js';
import type { AppContext } from '../context.js';
import { SESSION_COOKIE } from './auth.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Web hardening (等保 2.0 / OWASP): security headers through helmet, and a same-origin check on
 * every state-changing request a browser could be tricked into sending (CSRF).
 */
export function registerHardening(app: FastifyInstance, ctx: AppContext): void {
  const https = ctx.config.COOKIE_SECURE;
  // helmet itself, run once: @fastify/helmet (13.2) builds helmet's middleware again on every
  // request, parsing the whole policy each time, about a tenth of the server's CPU for an order's
  // page. The policy is fixed, so the headers helmet writes are taken once and each answer gets
  // them as one object (Fastify writes them with the rest), not a dozen checked header writes.
  const securityHeaders = headersWrittenBy(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: policyDirectives(https, []) },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
      hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });

  // A plain callback, not an async hook: it runs on every request and decides at once.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!STATE_CHANGING.has(request.method) || !request.url.startsWith('/api/')) return done();
    // Programs calling with an API key carry no session cookie and cannot be forged by a page.
    const cookieAuthenticated = (request.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
    if (!cookieAuthenticated && !request.url.startsWith('/api/auth/login')) return done();
    if (sameOrigin(request)) return done();
    done(
      new AppRefusal(
        'CROSS_ORIGIN',
        '拒绝来自其他网站的提交：请在本系统的页面上操作。',
        undefined,
        'forbidden',
      ),
    );
  });
}

/**
 * The headers a fixed helmet policy writes, taken by running it once against a response that
 * only records them (every directive here is a constant, so each answer would get the same).
 */
function headersWrittenBy(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    failure = err;
  });
  if (failure) throw failure;
  return headers;
}

/**
 * The app page's Content-Security-Policy: the policy every answer carries, with the page's own
 * inline scripts allowed by their hashes (`'sha256-…'`, web/src/server/plugins/inline-scripts.ts).
 */
export function appPagePolicy(https: boolean, inlineScripts: readonly string[]): string {
  const headers = headersWrittenBy(
    helmet.contentSecurityPolicy({ useDefaults: false, directives: policyDirectives(https, inlineScripts) }),
  );
  return headers['content-security-policy'] ?? '';
}

function policyDirectives(https: boolean, inlineScripts: readonly string[]) {
  return {
    defaultSrc: ["'self'"],
    // The app's files; on the app page also its few inline lines, each allowed by its hash.
    scriptSrc: ["'self'", ...inlineScripts],
    // Ant Design and ECharts set inline styles at run time (CSS-in-JS).
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // Only behind HTTPS: on a plain-HTTP intranet address it would break every asset.
    ...(https ? { upgradeInsecureRequests: [] } : {}),
  };
}

/** Whether the browser says the request comes from a page of this site (absent headers: not a browser). */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (origin === 'null') return false;
    try {
      return new URL(origin).host === request.host;
    } catch {
      return false;
    }
  }
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}
