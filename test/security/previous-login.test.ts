import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/setup/seed/demo-county.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type PreviousLogin = { at: string | null; ip: string | null; failedAttempts: number };

/**
 * 上次登录: each sign-in answers when and from where the account last signed in, and how many
 * attempts failed against it since; the session keeps it, so 账号安全 shows it while signed in.
 */
describe(`the last sign-in, shown at the next (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const login = (password: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'water-a', password },
      remoteAddress: ip,
    });
  const signedIn = async (ip: string) => {
    const res = await login(DEMO_PASSWORD, ip);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return { previous: res.json().previousLogin as PreviousLogin, cookie };
  };

  it('says none the first time, then the last one with the failed attempts in between, also in the sessions list', async () => {
    const first = await signedIn('10.1.2.3');
    expect(first.previous).toEqual({ at: null, ip: null, failedAttempts: 0 });
    const firstAt = t.clock.now().toISOString();

    t.clock.advance(3_600_000);
    for (const ip of ['203.0.113.9', '203.0.113.9'])
      expect((await login('wrong-password', ip)).statusCode).toBe(401);
    t.clock.advance(60_000);
    const second = await signedIn('10.1.2.4');
    expect(second.previous).toEqual({ at: firstAt, ip: '10.1.2.3', failedAttempts: 2 });

    const sessions = await t.app.inject({
      method: 'GET',
      url: '/api/auth/sessions',
      headers: { cookie: second.cookie },
    });
    const items = sessions.json().items as Array<{ current: boolean; previousLogin: PreviousLogin }>;
    expect(items.find((s) => s.current)?.previousLogin).toEqual(second.previous);

    t.clock.advance(60_000);
    const third = await signedIn('10.1.2.5');
    expect(third.previous).toEqual({
      at: new Date(Date.parse(firstAt) + 3_660_000).toISOString(),
      ip: '10.1.2.4',
      failedAttempts: 0,
    });
  });
});
