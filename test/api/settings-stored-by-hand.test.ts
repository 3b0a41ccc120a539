import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIME_LIMITS } from '../../src/domain/time-limits.js';
import { ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * A settings row edited by hand in the database (or left by an older version) is read field by
 * field: a wrong field takes its default, with a warning naming it, and every page keeps working
 * instead of answering 500. Saving the setting from its page writes a valid row again.
 */
describe(`settings rows edited in the database (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await t.close();
  });

  const store = async (key: string, value: string) => {
    const { kysely } = t.ctx.db;
    await kysely.deleteFrom('settings').where('key', '=', key).execute();
    await kysely
      .insertInto('settings')
      .values({ key, value, updated_at: new Date().toISOString() })
      .execute();
    t.ctx.settings.forget([key]);
  };
  const warned = async (part: string) => {
    await vi.waitFor(() => expect(warnings.some((w) => w.includes(part))).toBe(true));
  };

  it('time limits: the wrong fields take their defaults, the others hold; orders are dispatched with them; a save repairs the row', async () => {
    await store(
      'time_limits',
      JSON.stringify({ handleWorkingDays: 4, signWorkingDays: '一天', dayEndsAt: 25 }),
    );
    const admin = await t.as('admin');
    const limits = await ok(admin.get('/api/settings/time-limits'));
    expect(limits).toEqual({
      ...DEFAULT_TIME_LIMITS,
      handleWorkingDays: 4,
    });
    await warned('设置「time_limits」中的 signWorkingDays、dayEndsAt 无效，已按默认值执行');
    const order = await registeredAndDispatched(t, 'housing');
    expect(order.state).toBe('pending_sign');
    await ok(admin.put('/api/settings/time-limits', { redoWorkingDays: 5 }));
    const row = await t.ctx.db.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'time_limits')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toMatchObject({
      signWorkingDays: DEFAULT_TIME_LIMITS.signWorkingDays,
      dayEndsAt: '24:00',
    });
  });

  it('security settings, read on every request: a row that is not JSON reads as the defaults, and every request still answers', async () => {
    const kept = await t.ctx.db.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'security')
      .executeTakeFirstOrThrow();
    await store('security', '{"idleMinutes": 30,');
    try {
      await ok((await t.as('housing-a')).get('/api/work-orders?scope=unit'));
      // The defaults are in force: the office's roles must sign in with a second factor.
      const secadmin = await t.as('secadmin');
      const blocked = await secadmin.get('/api/settings/security');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');
      await warned('设置「security」不是有效的 JSON');
    } finally {
      await store('security', kept.value);
    }
  });

  it('figures, the assistant and the escalation rule: a wrong value is the default, the pages answer', async () => {
    await store('figures', JSON.stringify({ basicallySatisfiedWeight: 0.7, weights: 'equal' }));
    await store('assistant', JSON.stringify({ repeats: { windowDays: -3 } }));
    await store('escalation_rule', JSON.stringify([1, 2]));
    const admin = await t.as('admin');
    const figures = (await ok(admin.get('/api/settings/figures'))) as unknown as {
      basicallySatisfiedWeight: number;
    };
    expect(figures.basicallySatisfiedWeight).toBe(1);
    await warned('设置「figures」中的 basicallySatisfiedWeight、weights 无效');
    const assistant = (await ok(admin.get('/api/settings/assistant'))) as unknown as {
      repeats: { windowDays: number };
    };
    expect(assistant.repeats.windowDays).toBeGreaterThan(0);
    await warned('设置「assistant」中的 repeats 无效');
    expect(await ok(admin.get('/api/settings/escalation'))).toEqual({ minUrges: 2, minPhoneSupervisions: 1 });
  });

  it('the city link: a broken row reads as not configured, with a warning', async () => {
    await store('city_link', JSON.stringify({ enabled: true, resultsUrl: 42 }));
    const admin = await t.as('admin');
    expect(await ok(admin.get('/api/city-link/settings'))).toMatchObject({ settings: null });
    await warned('设置「city_link」无效，市平台对接按未配置处理');
  });
});
