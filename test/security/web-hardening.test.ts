import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { multipart, PDF } from '../support/upload.js';

describe(`web hardening: headers, same-origin writes, login throttling, errors in the app's shape (${TEST_DIALECT})`, {
  timeout: 30_000,
}, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(undefined, { LOGIN_RATE_PER_MINUTE: 10 });
  });
  afterAll(() => t.close());

  it('sends the security headers (no HSTS without COOKIE_SECURE)', async () => {
    const res = await t.anonymous.get('/api/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    // No web app here, so no inline script of its page is allowed either.
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // On refusals and unknown addresses too, not only on answers that succeed.
    for (const other of [await t.anonymous.get('/api/work-orders'), await t.anonymous.get('/api/nowhere')]) {
      expect(other.statusCode).toBeGreaterThanOrEqual(400);
      expect(other.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
      expect(other.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('refuses a state-changing request from another origin, multipart uploads included', async () => {
    const cookie = await t.cookieOf('dispatcher');
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie, origin: 'https://evil.example', host: 'huiyin.local' },
    });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error).toMatchObject({ code: 'CROSS_ORIGIN' });
    const upload = multipart({ purpose: 'photo' }, { name: 'a.pdf', type: 'application/pdf', data: PDF });
    const crossUpload = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders/1/attachments',
      headers: {
        cookie,
        'content-type': upload.contentType,
        origin: 'http://attacker.test',
        host: 'huiyin.local',
      },
      payload: upload.payload,
    });
    expect(crossUpload.statusCode).toBe(403);
    const sameSiteForm = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(sameSiteForm.statusCode).toBe(403);
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie, origin: 'http://huiyin.local', host: 'huiyin.local' },
    });
    expect(same.statusCode).toBe(200);
  });

  it('throttles logins per client IP', async () => {
    const from = (ip: string, username: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { username, password: 'Wrong-pass-1' },
      });
    for (let i = 0; i < 10; i++) expect((await from('198.51.100.1', `probe-${i}`)).statusCode).toBe(401);
    const limited = await from('198.51.100.1', 'probe-x');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(limited.json().error.message).toContain('频繁');
    // A forged X-Forwarded-For does not get around it.
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.1',
      headers: { 'x-forwarded-for': '203.0.113.5' },
      payload: { username: 'probe-y', password: 'Wrong-pass-1' },
    });
    expect(forged.statusCode).toBe(429);
    expect((await from('198.51.100.2', 'probe-z')).statusCode).toBe(401);
  });

  it("answers Fastify's own errors in Chinese in the app's shape", async () => {
    const badUrl = await t.app.inject({ method: 'GET', url: '/api/work-orders/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.code).toBe('BAD_URL');
    const cookie = await t.cookieOf('dispatcher');
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: { cookie, 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error).toMatchObject({
      code: 'INVALID_JSON',
      message: '请求内容不是有效的 JSON。',
    });
    const tooLarge = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ content: 'x'.repeat(1_100_000) }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.message).toContain('过大');
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders/1/attachments',
      headers: { cookie, 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nabc',
    });
    expect(malformed.statusCode).toBeGreaterThanOrEqual(400);
    expect(malformed.statusCode).toBeLessThan(500);
    expect(malformed.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    await refused(
      t.app.inject({
        method: 'POST',
        url: '/api/work-orders/1/attachments',
        headers: { cookie },
        payload: {},
      }),
      400,
      'MULTIPART_REQUIRED',
    );
  });
});
