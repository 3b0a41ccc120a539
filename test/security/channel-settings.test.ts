import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * A setting cannot break the work: channel addresses are checked when saved, and a channel that
 * still cannot be built (a value stored before the check, or edited in the database) is skipped,
 * never failing the dispatch or urge that caused the notice.
 */
describe(`notification channel settings (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const base = { sms: null, wecom: null, dingtalk: null, autoUrge: { onDueSoon: true, onOverdue: true } };

  it.each([
    [
      'a malformed sender',
      { enabled: true, smtpUrl: 'smtp://mail.example.gov.cn:25', from: 'hotline@' },
      '发件人',
    ],
    [
      'a sender in full-width',
      { enabled: true, smtpUrl: 'smtp://mail.example.gov.cn', from: 'ｈｏｔｌｉｎｅ＠ｅｘ．ｃｎ' },
      '发件人',
    ],
    [
      'an SMTP address that is no URL',
      { enabled: true, smtpUrl: 'not a url', from: 'a@example.gov.cn' },
      'SMTP',
    ],
    [
      'a web address as SMTP',
      { enabled: true, smtpUrl: 'https://mail.example.gov.cn', from: 'a@example.gov.cn' },
      'SMTP',
    ],
  ])('refuses %s with a Chinese message and keeps what was saved', async (_label, email, words) => {
    const admin = await t.as('admin');
    const before = await ok(admin.get('/api/settings/notification-channels'));
    const error = await refused(
      admin.put('/api/settings/notification-channels', { ...base, email }),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.message).toContain(words);
    expect(await ok(admin.get('/api/settings/notification-channels'))).toEqual(before);
  });

  it('refuses a robot address that is no URL', async () => {
    const admin = await t.as('admin');
    await refused(
      admin.put('/api/settings/notification-channels', { ...base, wecom: { enabled: true, url: 'hook' } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a broken channel stored in the database is skipped: dispatch works, the settings page still opens', async () => {
    const value = JSON.stringify({
      ...base,
      wecom: { enabled: true, url: 'http://127.0.0.1:9/robot' },
      email: { enabled: true, smtpUrl: '::::', from: 'broken' },
    });
    await t.ctx.db.kysely
      .insertInto('settings')
      .values({ key: 'notification_channels', value, updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    // Written beside the server, as a script would: the server drops its kept copy when told (on
    // PostgreSQL the change bus tells it after the commit; here the test does, without waiting).
    t.ctx.settings.forget(['notification_channels']);
    const order = await registeredAndDispatched(t, 'housing');
    expect(order.state).toBe('pending_sign');
    const settings = (await ok(
      (await t.as('admin')).get('/api/settings/notification-channels'),
    )) as unknown as {
      email: unknown;
      wecom: unknown;
    };
    // The valid channel is kept, the broken one shown as not configured so the administrator re-enters it.
    expect(settings.email).toBeNull();
    expect(settings.wecom).toMatchObject({ enabled: true });
    const deliveries = await t.ctx.db.kysely.selectFrom('deliveries').select('channel').execute();
    expect(deliveries.map((d) => d.channel)).toContain('wecom');
    expect(deliveries.map((d) => d.channel)).not.toContain('email');
  });
});

/**
 * Passwords and robot tokens live inside the channel addresses. They are never shown back nor
 * kept in the audit log; sent back masked they stay as saved, but never move to another server.
 */
describe(`channel secrets (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const secrets = {
    sms: null,
    wecom: null,
    dingtalk: { enabled: true, url: 'https://oapi.dingtalk.com/robot/send?access_token=tok-Secret-123' },
    email: {
      enabled: true,
      smtpUrl: 'smtps://hotline:S3cret!pw@smtp.hewan.gov.cn:465',
      from: '12345@hewan.gov.cn',
    },
    autoUrge: { onDueSoon: true, onOverdue: true },
  };
  const stored = async () =>
    JSON.parse(
      (
        await t.ctx.db.kysely
          .selectFrom('settings')
          .select('value')
          .where('key', '=', 'notification_channels')
          .executeTakeFirstOrThrow()
      ).value,
    );

  it('shows and logs them as ***, and keeps them when sent back masked', async () => {
    const admin = await t.as('admin');
    const saved = (await ok(
      admin.put('/api/settings/notification-channels', secrets),
    )) as unknown as typeof secrets;
    const shown = (await ok(admin.get('/api/settings/notification-channels'))) as unknown as typeof secrets;
    expect(saved).toEqual(shown);
    expect(JSON.stringify(shown)).not.toMatch(/S3cret|tok-Secret/);
    expect(shown.email.smtpUrl).toBe('smtps://hotline:***@smtp.hewan.gov.cn:465');
    expect(shown.dingtalk.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=***');

    // The page sends back what it was shown, with the sender changed: the secrets stay.
    await ok(
      admin.put('/api/settings/notification-channels', {
        ...shown,
        email: { ...shown.email, from: 'hotline@hewan.gov.cn' },
      }),
    );
    const kept = await stored();
    expect(kept.email.smtpUrl).toBe(secrets.email.smtpUrl);
    expect(kept.email.from).toBe('hotline@hewan.gov.cn');
    expect(kept.dingtalk.url).toBe(secrets.dingtalk.url);

    const log = (await ok(
      (await t.as('auditor')).get('/api/audit-log?action=channel.changed&pageSize=10'),
    )) as unknown as {
      items: unknown[];
    };
    expect(log.items.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(log.items)).not.toMatch(/S3cret|tok-Secret/);
  });

  it('refuses a masked password for another server, and keeps what was saved', async () => {
    const admin = await t.as('admin');
    const shown = (await ok(admin.get('/api/settings/notification-channels'))) as unknown as typeof secrets;
    const before = await stored();
    const error = await refused(
      admin.put('/api/settings/notification-channels', {
        ...shown,
        email: { ...shown.email, smtpUrl: 'smtps://hotline:***@mail.elsewhere.example:465' },
      }),
      400,
      'SECRET_REQUIRED',
    );
    expect(error.message).toContain('邮件');
    expect(await stored()).toEqual(before);
  });
});
