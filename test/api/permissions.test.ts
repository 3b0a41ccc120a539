import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoles } from '../../src/db/repositories/user.repository.js';
import { can } from '../../src/domain/policy.js';
import { type Actor, ROLES, type Role } from '../../src/domain/roles.js';
import {
  type OpenApiPaths,
  operationsOf,
  PERMISSIONS_DOC,
  permissionsMarkdown,
} from '../../src/setup/permissions.js';
import { DEMO_USERS } from '../../src/setup/seed/demo-county.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/** One demo account per role, holding only that role. */
const ACCOUNT: Record<Role, string> = Object.fromEntries(
  ROLES.map((role) => {
    const user = DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === role);
    if (!user) throw new Error(`no demo account holds only ${role}`);
    return [role, user.username];
  }),
) as Record<Role, string>;

/** Routes the walk does not call as an allowed user: they stream without end. */
const ENDLESS = ['/api/notifications/stream'];

describe(`every route × every role, as the policy says (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let paths: OpenApiPaths;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    paths = (await (await t.as('dispatcher')).get('/api/openapi.json')).json().paths;
  });
  afterAll(() => t.close());

  const call = async (method: string, path: string, cookie?: string) =>
    t.app.inject({
      method: method as 'GET',
      url: path.replace(/\{[^}]+\}/g, '999999'),
      headers: cookie ? { cookie } : {},
      ...(method === 'GET' ? {} : { payload: {} }),
    });

  it('every operation in the OpenAPI document declares its access', () => {
    const ops = operationsOf(paths);
    expect(ops.length).toBeGreaterThan(60);
    expect(ops.filter((o) => o.access === undefined)).toEqual([]);
  });

  it('docs/permissions.md is generated from this document and the policy (npm run docs:permissions)', () => {
    expect(readFileSync(PERMISSIONS_DOC, 'utf8')).toBe(permissionsMarkdown(paths));
  });

  it('refuses anonymous callers everywhere but the public routes', async () => {
    for (const { method, path, access } of operationsOf(paths)) {
      if (access === 'public') continue;
      const res = await call(method, path);
      expect(res.statusCode, `${method} ${path}`).toBe(401);
    }
  });

  it.each(ROLES)('calls every route as %s: refused exactly where the policy refuses', async (role) => {
    const username = ACCOUNT[role];
    const cookie = await t.cookieOf(username);
    const row = await t.ctx.db.kysely
      .selectFrom('users')
      .select(['id', 'unit_id', 'roles', 'name'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: row.id,
      unitId: row.unit_id,
      roles: parseRoles(row.roles),
      name: row.name,
    };
    let allowed = 0;
    let refused = 0;
    for (const { method, path, access } of operationsOf(paths)) {
      if (access === 'public' || access === undefined) continue;
      const expectAllowed = access === 'user' || can(actor, access);
      if (expectAllowed && ENDLESS.includes(path)) continue;
      const res = await call(method, path, cookie);
      const code =
        res.statusCode >= 400 ? (res.json() as { error?: { code?: string } }).error?.code : undefined;
      const where = `${role} ${method} ${path} → ${res.statusCode} ${code ?? ''}`;
      expect(res.statusCode, where).not.toBe(401);
      expect(res.statusCode, where).toBeLessThan(500);
      if (expectAllowed) {
        expect(code, where).not.toBe('FORBIDDEN_ROLE');
        allowed++;
      } else {
        expect([res.statusCode, code], where).toEqual([403, 'FORBIDDEN_ROLE']);
        refused++;
      }
    }
    // Every role can do something and is refused something.
    expect(allowed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
