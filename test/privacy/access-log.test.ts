import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachineClient } from '../support/api-clients.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

interface LogLine {
  msg: string;
  method?: string;
  path?: string;
  status?: number;
  ms?: number;
  user?: number;
  client?: number;
}

describe(`the request log: one line per request, no query string (${TEST_DIALECT})`, () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', {}, { logLines: lines });
  });
  afterAll(() => t.close());

  const parsed = () => lines.map((l) => JSON.parse(l) as LogLine);
  const requestLines = () => parsed().filter((l) => l.msg === 'request');

  it('logs a search once, with who asked, and never the citizen it searched for', async () => {
    const office = await t.as('dispatcher');
    lines.length = 0;
    const search = await office.get(`/api/work-orders?q=${encodeURIComponent('13800001111 张先生')}`);
    expect(search.statusCode).toBe(200);
    const logged = requestLines();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ method: 'GET', path: '/api/work-orders', status: 200 });
    expect(logged[0]?.user).toEqual(expect.any(Number));
    expect(logged[0]?.ms).toEqual(expect.any(Number));
    const text = lines.join('\n');
    expect(text).not.toContain('13800001111');
    expect(text).not.toContain(encodeURIComponent('张先生'));
    // Fastify's own pair of lines is off: one line per request, not three.
    expect(parsed().some((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toBe(false);
  });

  it('logs refusals with their status, without a user; a machine client by its id', async () => {
    lines.length = 0;
    expect((await t.app.inject({ method: 'GET', url: '/api/work-orders/1' })).statusCode).toBe(401);
    expect(requestLines()).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/work-orders/1', status: 401 }),
    ]);
    expect(requestLines()[0]).not.toHaveProperty('user');

    const city = await createMachineClient(t, { name: '市平台-日志', scopes: ['city'] });
    lines.length = 0;
    const res = await city.call('GET', '/api/city/v1/orders/SZ-NONE');
    expect(res.statusCode).toBe(404);
    expect(requestLines()).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/city/v1/orders/SZ-NONE', status: 404 }),
    ]);
    expect(requestLines()[0]?.client).toEqual(expect.any(Number));

    // An address no route serves: one line, its query left out there too.
    lines.length = 0;
    await t.app.inject({ method: 'GET', url: '/api/nowhere?phone=13900002222' });
    expect(requestLines()).toEqual([expect.objectContaining({ path: '/api/nowhere', status: 404 })]);
    expect(lines.join('\n')).not.toContain('13900002222');
  });
});
