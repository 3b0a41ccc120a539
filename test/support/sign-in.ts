import type { TestApp } from './test-app.js';

/** The demo accounts' password. */
export const PASSWORD = 'Huiyin@2026';

/**
 * Signing in and calling as a session, through Fastify's inject, for the sign-in and
 * second-factor tests: the raw answers, so a test can read cookies and refusals alike.
 */
export function signInHelpers(app: () => TestApp) {
  const login = (username: string, password: string, extra: Record<string, string> = {}) =>
    app().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...extra } });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
    res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const as = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app().app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  /** The audit log's actions so far, oldest first. */
  const auditActions = async () =>
    (await app().ctx.db.kysely.selectFrom('audit_log').select('action').orderBy('id').execute()).map(
      (r) => r.action,
    );
  return { login, cookieOf, as, auditActions };
}
