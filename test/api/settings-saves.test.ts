import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * Every settings form saves what it sends over what is stored: a web app cached before a field
 * was added leaves that field as it is instead of failing the save, while a wrong value is still
 * refused, naming the field in Chinese, and nothing changes.
 */
describe(`settings saves from older web apps (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const auditAfter = async (target: string) => {
    const row = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('target', '=', target)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { before: JSON.parse(row.before_json ?? 'null'), after: JSON.parse(row.after_json ?? 'null') };
  };

  it('安全设置: a body without the newest switch keeps it; a wrong value is refused and changes nothing', async () => {
    const secadmin = await t.as('secadmin');
    const current = (await ok(secadmin.get('/api/settings/security'))) as Record<string, unknown>;
    await ok(secadmin.put('/api/settings/security', { ...current, totpRequiredForUnits: true }));
    const { totpRequiredForUnits: _, ...stale } = current;
    const saved = await ok(secadmin.put('/api/settings/security', { ...stale, idleMinutes: 45 }));
    expect(saved).toMatchObject({ totpRequiredForUnits: true, idleMinutes: 45 });
    expect((await auditAfter('setting:security')).after).toMatchObject({
      totpRequiredForUnits: true,
      idleMinutes: 45,
    });

    const kept = await ok(secadmin.get('/api/settings/security'));
    const wrongType = await refused(
      secadmin.put('/api/settings/security', { ...stale, totpRequiredForUnits: '是' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(wrongType.message).toContain('承办单位人员登录须两步验证：须为是或否');
    const outOfRange = await refused(
      secadmin.put('/api/settings/security', { passwordMaxAgeDays: 7 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(outOfRange.message).toContain('密码最长使用期限');
    expect(await ok(secadmin.get('/api/settings/security'))).toEqual(kept);
    await ok(secadmin.put('/api/settings/security', { totpRequiredForUnits: false, idleMinutes: 30 }));
  });

  it('办理时限 and 督办升级规则: one field sent changes that field; the rules across fields still refuse', async () => {
    const admin = await t.as('admin');
    const before = (await ok(admin.get('/api/settings/time-limits'))) as Record<string, unknown>;
    const saved = await ok(admin.put('/api/settings/time-limits', { handleWorkingDays: 4 }));
    expect(saved).toEqual({ ...before, handleWorkingDays: 4 });
    const looser = await refused(
      admin.put('/api/settings/time-limits', { handleWorkingDays: 6 }),
      400,
      'TIME_LIMIT_LOOSER_THAN_NOTICE',
    );
    expect(looser.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await ok(admin.get('/api/settings/time-limits'))).toEqual(saved);
    await ok(admin.put('/api/settings/time-limits', before));

    expect(await ok(admin.put('/api/settings/escalation', { minUrges: 3 }))).toMatchObject({
      minUrges: 3,
      minPhoneSupervisions: 1,
    });
    await refused(
      admin.put('/api/settings/escalation', { minPhoneSupervisions: 0 }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('派单助手 and 统计口径: a nested group sent in part keeps the rest of the group', async () => {
    const dispatcher = await t.as('dispatcher');
    const assistant = (await ok(dispatcher.get('/api/settings/assistant'))) as unknown as {
      repeats: Record<string, number>;
      clusters: Record<string, number>;
    };
    expect(await ok(dispatcher.put('/api/settings/assistant', { repeats: { windowDays: 60 } }))).toEqual({
      repeats: { ...assistant.repeats, windowDays: 60 },
      clusters: assistant.clusters,
    });
    const figures = (await ok(dispatcher.get('/api/settings/figures'))) as unknown as {
      basicallySatisfiedWeight: number;
      weights: Record<string, number>;
    };
    expect(await ok(dispatcher.put('/api/settings/figures', { weights: { redo: 12 } }))).toEqual({
      ...figures,
      weights: { ...figures.weights, redo: 12 },
    });
    const auditAfterFigures = await auditAfter('setting:figures');
    expect(auditAfterFigures.before).toEqual(figures);
    const wrong = await refused(
      dispatcher.put('/api/settings/figures', { basicallySatisfiedWeight: 0.3 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(wrong.message).toContain('只能是 1、0.5 或 0');
  });

  it('通知渠道: saving the automatic urges alone keeps a channel and its secret; a channel sent half-filled is refused', async () => {
    const admin = await t.as('admin');
    const url = 'https://sms.example.gov.cn/send?token=s3cret-token';
    await ok(admin.put('/api/settings/notification-channels', { sms: { enabled: true, url } }));
    const saved = await ok(
      admin.put('/api/settings/notification-channels', { autoUrge: { onDueSoon: false } }),
    );
    expect(saved).toMatchObject({ sms: { enabled: true }, autoUrge: { onDueSoon: false, onOverdue: true } });
    expect((await t.ctx.settings.channels()).sms?.url).toBe(url);
    const half = await refused(
      admin.put('/api/settings/notification-channels', { wecom: { enabled: true } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(half.message).toContain('请填写企业微信群机器人地址');
    expect((await t.ctx.settings.channels()).wecom).toBeNull();
  });

  it('市平台对接: the first save must be whole; later saves keep what an older form does not send', async () => {
    const admin = await t.as('admin');
    const first = await refused(
      admin.put('/api/city-link/settings', { enabled: false, key: 'city-key-12345' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(first.message).toContain('结果回传地址');
    const whole = {
      enabled: false,
      resultsUrl: 'https://city.example.gov.cn/results',
      statusesUrl: 'https://city.example.gov.cn/statuses',
      key: 'city-key-12345',
    };
    await ok(admin.put('/api/city-link/settings', whole));
    const { statusesUrl: _, key: _key, ...older } = whole;
    const saved = await ok(admin.put('/api/city-link/settings', { ...older, timeoutMs: 5000 }));
    expect(saved).toMatchObject({
      settings: { statusesUrl: whole.statusesUrl, timeoutMs: 5000, keySet: true },
    });
    expect((await t.ctx.settings.cityLink())?.key).toBe(whole.key);
  });
});
