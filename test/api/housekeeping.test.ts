import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Housekeeping, REQUEST_KEYS_KEPT_DAYS } from '../../src/jobs/housekeeping.js';
import { anOrder } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;

describe(`housekeeping (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const register = async (title: string, key: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/work-orders',
      headers: { cookie: await t.cookieOf('dispatcher'), 'idempotency-key': key },
      payload: anOrder({ title }),
    });
  const sessionsEndedBy = async (at: Date) =>
    (
      await t.ctx.db.kysely
        .selectFrom('sessions')
        .select('id')
        .where('expires_at', '<=', at.toISOString())
        .execute()
    ).length;

  it('forgets registration keys after a week and sessions past their end, nothing younger', async () => {
    const old = randomUUID();
    expect((await register('一周前登记的工单', old)).statusCode).toBe(201);
    t.clock.advance((REQUEST_KEYS_KEPT_DAYS - 1) * DAY);
    const recent = randomUUID();
    expect((await register('昨天登记的工单', recent)).statusCode).toBe(201);
    t.clock.advance(2 * DAY);
    const now = t.clock.now();
    expect(await sessionsEndedBy(now)).toBeGreaterThan(0);

    const removed = await new Housekeeping(t.ctx.db.kysely, t.clock).runOnce();
    expect(removed.requestKeys).toBe(1);
    expect(removed.sessions).toBeGreaterThan(0);
    expect(await sessionsEndedBy(now)).toBe(0);

    // The key of two days ago still names its order; the week-old one names nothing any more.
    expect((await register('昨天登记的工单', recent)).statusCode).toBe(200);
    expect((await register('一周前登记的工单', old)).statusCode).toBe(201);
    // The sessions in use were not touched: the dispatcher's current one still answers.
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: await t.cookieOf('dispatcher') },
    });
    expect(me.statusCode).toBe(200);
  });
});
