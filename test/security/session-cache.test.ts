import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/db/repositories/session-cache.js';
import { DEMO_PASSWORD } from '../../src/setup/seed/demo-county.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * The signed-in user is remembered for a moment between requests (one statement less per
 * request). Every change that could make the remembered answer wrong takes effect on the very
 * next request: each case below warms the cache first, then changes, then asks at once.
 */
describe(`the session's user, cached between requests, is never stale after a change (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', {}, { countQueries: true });
  });
  afterAll(() => t.close());

  async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }
  const get = (cookie: string, url = '/api/work-orders') =>
    t.app.inject({ method: 'GET', url, headers: { cookie } });
  const send = (cookie: string, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('reads the session once for requests in quick succession', async () => {
    const cookie = await login('housing-a');
    expect((await get(cookie)).statusCode).toBe(200);
    const before = t.queries.length;
    expect((await get(cookie)).statusCode).toBe(200);
    expect(t.queries.slice(before).filter((q) => q.includes('sessions'))).toEqual([]);
  });

  it('signing out ends the session at once', async () => {
    const cookie = await login('housing-a');
    expect((await get(cookie)).statusCode).toBe(200);
    expect((await send(cookie, 'POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await get(cookie)).statusCode).toBe(401);
  });

  it("ending another session of one's own refuses that session at once", async () => {
    const here = await login('housing-leader');
    const there = await login('housing-leader');
    expect((await get(there)).statusCode).toBe(200);
    const list = (await get(here, '/api/auth/sessions')).json() as {
      items: { id: string; current: boolean }[];
    };
    const other = list.items.find((s) => !s.current) as { id: string };
    expect((await send(here, 'DELETE', `/api/auth/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await get(there)).statusCode).toBe(401);
    expect((await get(here)).statusCode).toBe(200);
  });

  it("changing one's password ends the other sessions at once", async () => {
    const here = await login('water-a');
    const there = await login('water-a');
    expect((await get(there)).statusCode).toBe(200);
    const next = 'Qingshui#River2026';
    const changed = await send(here, 'POST', '/api/auth/password', { current: DEMO_PASSWORD, next });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await get(there)).statusCode).toBe(401);
    expect((await get(here)).statusCode).toBe(200);
  });

  it("an administrator's change of roles, unit or active ends the user's sessions at the next request", async () => {
    const admin = await login('secadmin');
    const users = ((await get(admin, '/api/users')).json() as { items: Array<Record<string, unknown>> })
      .items;
    const account = users.find((u) => u.username === 'urban-a') as Record<string, unknown>;
    // Each save is of the account as it stands (no version: not a form opened earlier).
    const { id, unitName: _n, roleLabels: _r, version: _v, ...body } = account;
    const cookie = await login('urban-a');
    // Signing a reply off is the unit leaders' (the route's access is checked on the session's roles).
    const signOff = () => send(cookie, 'POST', '/api/work-orders/999999/sign-off', { version: 1 });
    expect((await signOff()).statusCode).toBe(403);

    // Roles: the liaison becomes the unit's leader. The session began with the liaison's reach and
    // ends with it at once, not after the cache's moment; signed in again, the account is the leader.
    const promoted = await send(admin, 'PUT', `/api/users/${id}`, { ...body, roles: ['unit_leader'] });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect((await signOff()).statusCode).toBe(401);
    const leader = await login('urban-a');
    expect((await send(leader, 'POST', '/api/work-orders/999999/sign-off', { version: 1 })).statusCode).toBe(
      404,
    );
    // Switched off: refused at once, not after the cache's moment.
    const off = await send(admin, 'PUT', `/api/users/${id}`, {
      ...body,
      roles: ['unit_leader'],
      active: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await get(leader)).statusCode).toBe(401);
  });

  it('an administrator resetting a password ends the sessions at once', async () => {
    const admin = await login('secadmin');
    const users = (
      (await get(admin, '/api/users')).json() as { items: Array<{ id: number; username: string }> }
    ).items;
    const account = users.find((u) => u.username === 'police-a') as { id: number };
    const cookie = await login('police-a');
    expect((await get(cookie)).statusCode).toBe(200);
    const reset = await send(admin, 'POST', `/api/users/${account.id}/password-reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await get(cookie)).statusCode).toBe(401);
  });

  it("a change to the same user id in another database of this process leaves this one's cache alone", async () => {
    // Another application on a fresh database, as another test file in this worker has: its
    // demo county gives its people the same ids as here.
    const other = await createTestApp('2026-03-02T09:00:00+08:00');
    try {
      const cookie = await login('agri-a');
      const secadmin = await other.as('secadmin');
      const there = (
        (await secadmin.get('/api/users')).json() as { items: { id: number; username: string }[] }
      ).items;
      const id = (there.find((u) => u.username === 'agri-a') as { id: number }).id;
      // Remembered only now, so that just the reset comes between (an entry lives 2 s).
      expect((await get(cookie)).statusCode).toBe(200);
      const reset = await secadmin.post(`/api/users/${id}/password-reset`);
      expect(reset.statusCode, reset.body).toBe(200);
      // Here the session is still remembered: no statement reads it again, and it is not blocked.
      const before = t.queries.length;
      expect((await get(cookie)).statusCode).toBe(200);
      expect(t.queries.slice(before).filter((q) => q.includes('sessions'))).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('the session cache', () => {
  it('forgets after its moment, and does not keep a read that raced a change', () => {
    let now = 0;
    const cache = new SessionCache<string>(() => now);
    cache.set('s1', 7, 'row');
    expect(cache.get('s1')).toBe('row');
    now = 2_500;
    expect(cache.get('s1')).toBeUndefined();
    cache.set('s1', 7, 'row');
    cache.forgetUser(7);
    expect(cache.get('s1')).toBeUndefined();
    // A read that started before the change committed (another transaction) is not cached.
    cache.set('s1', 7, 'stale');
    expect(cache.get('s1')).toBeUndefined();
    now += 6_000;
    cache.set('s1', 7, 'fresh');
    expect(cache.get('s1')).toBe('fresh');
    cache.forgetSession('s1');
    cache.set('s1', 7, 'stale');
    expect(cache.get('s1')).toBeUndefined();
  });
});
