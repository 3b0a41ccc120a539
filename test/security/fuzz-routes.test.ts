import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoles } from '../../src/db/repositories/user.repository.js';
import { can } from '../../src/domain/policy.js';
import { type Actor, ROLES } from '../../src/domain/roles.js';
import { type OpenApiPaths, operationsOf } from '../../src/setup/permissions.js';
import { DEMO_USERS } from '../../src/setup/seed/demo-county.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * Nothing an input can break (等保: 输入有效性检验): generated bad path parameters, queries and
 * bodies go to every route, as a user allowed to call it, and none may answer 5xx; every refusal
 * is the app's error shape with a Chinese message. The seed is fixed so a run is repeatable;
 * FUZZ_RUNS and FUZZ_SEED widen it by hand (FUZZ_RUNS=250 sends about 20,000 requests).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

/** Streams without end, or end the caller's own session (the walk would log itself out). */
const SKIPPED = [
  '/api/notifications/stream',
  '/api/auth/logout',
  '/api/auth/sessions/{id}',
  '/api/auth/sessions',
];

const nasty = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    'true',
    '9999-12-31',
    '0000-00-00',
    '2026-02-30',
    '9999-12-31T23:59:59Z',
    '99999999999999999999',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '%00',
    '<script>alert(1)</script>',
    "' or 1=1 --",
    '，。；！：',
    '１２３',
    '\u0000',
    '\ud800',
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nasty, { maxLength: 3 }),
  fc.dictionary(nasty, nasty, { maxKeys: 3 }),
);
const body = fc.oneof(
  fc.constant(undefined),
  value,
  fc.dictionary(fc.oneof(nasty, fc.constantFrom('version', 'id', 'title', 'content', 'from', 'to')), value, {
    maxKeys: 6,
  }),
);
const query = fc.dictionary(
  fc.constantFrom('from', 'to', 'page', 'pageSize', 'status', 'q', 'unitId', 'year', 'phone', 'date', 'x'),
  nasty,
  { maxKeys: 4 },
);
const pathParam = fc.oneof(
  fc.constantFrom('0', '-1', '1.5', '99999999999999999999', 'abc', '%E4%B8%AD', '9999-12-31', '1'),
  fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
);

describe(`generated bad input on every route never answers 5xx (${TEST_DIALECT})`, {
  timeout: 300_000,
}, () => {
  let t: TestApp;
  let paths: OpenApiPaths;
  const actors: Array<{ actor: Actor; cookie: string }> = [];

  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    paths = (await (await t.as('dispatcher')).get('/api/openapi.json')).json().paths;
    for (const role of ROLES) {
      const user = DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === role);
      if (!user) continue;
      const row = await t.ctx.db.kysely
        .selectFrom('users')
        .select(['id', 'unit_id', 'roles', 'name'])
        .where('username', '=', user.username)
        .executeTakeFirstOrThrow();
      actors.push({
        actor: { userId: row.id, unitId: row.unit_id, roles: parseRoles(row.roles), name: row.name },
        cookie: await t.cookieOf(user.username),
      });
    }
  });
  afterAll(() => t.close());

  it('sends generated paths, queries and bodies to every operation as an allowed user', async () => {
    let sent = 0;
    for (const { method, path, access } of operationsOf(paths)) {
      if (SKIPPED.includes(path)) continue;
      // An allowed user gets past the access check, so the input reaches validation and the handler.
      const caller =
        access === 'public' || access === undefined
          ? undefined
          : actors.find((a) => access === 'user' || can(a.actor, access));
      await fc.assert(
        fc.asyncProperty(pathParam, query, body, async (param, q, b) => {
          const url = `${path.replace(/\{[^}]+\}/g, param)}?${new URLSearchParams(q as Record<string, string>)}`;
          const res = await t.app.inject({
            method: method as 'GET',
            url,
            headers: {
              ...(caller ? { cookie: caller.cookie } : {}),
              ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
            },
            ...(method === 'GET' || b === undefined ? {} : { payload: JSON.stringify(b) }),
          });
          sent++;
          const where = `${method} ${url.slice(0, 200)} ${JSON.stringify(b)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          if (res.statusCode >= 400 && path.startsWith('/open311/')) {
            // GeoReport v2 prescribes its own error shape: a list of { code, description }.
            const [error] = res.json() as Array<{ code?: unknown; description?: unknown }>;
            expect(String(error?.description), where).toMatch(/[\u4e00-\u9fa5]/);
          } else if (res.statusCode >= 400) {
            const error = (res.json() as { error?: { code?: unknown; message?: unknown } }).error;
            expect(typeof error?.code, where).toBe('string');
            expect(String(error?.message), where).toMatch(/[\u4e00-\u9fa5]/);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    expect(sent).toBeGreaterThan(500);
  });
});
