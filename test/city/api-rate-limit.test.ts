import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_KEYS_PER_MINUTE } from '../../src/server/plugins/api-key-auth.js';
import { createMachineClient } from '../support/api-clients.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const ORDER = '/api/city/v1/orders/SZ-RATE';

/**
 * A machine client calls at most API_RATE_PER_MINUTE times a minute (counted by its key), and an
 * address that keeps presenting wrong keys is refused for the rest of the minute without its keys
 * being looked up: a runaway or guessing client cannot flood the server or the call record.
 */
describe(`machine routes are rate limited (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', { API_RATE_PER_MINUTE: 5 });
  });
  afterAll(() => t.close());

  const call = (headers: Record<string, string>, remoteAddress = '198.51.100.7') =>
    t.app.inject({ method: 'GET', url: ORDER, headers, remoteAddress });

  it('a client past its calls per minute is told so with 429, and another client is not', async () => {
    const busy = await createMachineClient(t, { name: '市平台-忙', scopes: ['city'] });
    const calm = await createMachineClient(t, { name: '市平台-闲', scopes: ['city'] });
    for (let i = 0; i < 5; i++) expect((await call({ 'x-api-key': busy.key })).statusCode).toBe(404);
    const refused = await call({ authorization: `Bearer ${busy.key}` });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'API_RATE_LIMITED' });
    expect(refused.json().error.message).toContain('每分钟最多 5 次');
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await call({ 'x-api-key': calm.key })).statusCode).toBe(404);
  });

  it('an address presenting wrong keys is refused unread once it has failed too often, others are not', async () => {
    const good = await createMachineClient(t, { name: '市平台-正常', scopes: ['city'] });
    // Each guess a different key, so the per-key limit never counts them.
    for (let i = 0; i < FAILED_KEYS_PER_MINUTE; i++)
      expect((await call({ 'x-api-key': `hy_guess${i}` }, '203.0.113.9')).statusCode).toBe(401);
    const stopped = await call({ 'x-api-key': good.key }, '203.0.113.9');
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json().error.code).toBe('API_KEY_FAILURES_TOO_MANY');
    expect((await call({ 'x-api-key': good.key }, '198.51.100.20')).statusCode).toBe(404);
    // A minute later the address may try again.
    t.clock.advance(61_000);
    expect((await call({ 'x-api-key': good.key }, '203.0.113.9')).statusCode).toBe(404);
  });
});
