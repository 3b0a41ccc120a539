import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CityDeliveryWorker } from '../../src/jobs/city-delivery-worker.js';
import { DeliveryWorker } from '../../src/jobs/delivery-worker.js';
import { type FakeCity, startFakeCity } from '../../tools/fake-city/fake-city.js';
import { giveEmail } from '../support/actors.js';
import { aCityOrder, createMachineClient } from '../support/api-clients.js';
import { type FakeEndpoint, fakeEndpoint } from '../support/fake-endpoint.js';
import { NO_CHANNELS, startMailRelay } from '../support/mail-relay.js';
import { act, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const KEY = 'city-secret-key-2026';
const LOCALHOST_REFUSED =
  /地址「localhost」解析为「(127\.0\.0\.1|::1)」，是本机回环地址，回音不向这类地址发出请求/;

type Delivery = { channel: string; status: string; attempts: number; lastError: string | null };

/**
 * Outbound addresses (SSRF, 等保 2.0): the server does not call loopback, link-local (the cloud's
 * metadata service), unspecified, multicast or broadcast addresses. An address written as such an
 * IP is refused when saved; a name is checked at every call, against every address it resolves to.
 * These applications run with the product's default (nothing permitted), unlike the other tests',
 * which permit loopback for their fake endpoints (test/support/test-app.ts).
 */
describe(`outbound addresses: refused when saved and at every call (${TEST_DIALECT})`, {
  timeout: 60_000,
}, () => {
  let t: TestApp;
  let robot: FakeEndpoint;
  let city: FakeCity;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00', { OUTBOUND_ALLOWED_NETWORKS: [] });
    robot = await fakeEndpoint();
    city = await startFakeCity({ key: KEY });
  });
  afterAll(async () => {
    await t.close();
    await robot.close();
    await city.close();
  });

  const base = NO_CHANNELS;
  const cityLink = (url: string, over: Record<string, unknown> = {}) => ({
    enabled: true,
    resultsUrl: `${url}/results`,
    ordersUrl: null,
    statusesUrl: `${url}/statuses`,
    key: KEY,
    timeoutMs: 2000,
    maxAttempts: 5,
    fieldMapping: {},
    ...over,
  });
  const auditCount = async (action: string) =>
    (await t.ctx.db.kysely.selectFrom('audit_log').select('id').where('action', '=', action).execute())
      .length;

  it.each([
    [
      'wecom',
      'http://169.254.169.254/latest/meta-data/',
      '「169.254.169.254」是链路本地地址（含云服务器元数据地址 169.254.169.254）',
    ],
    ['dingtalk', 'http://100.100.100.200/latest/meta-data/', '「100.100.100.200」是云服务器元数据地址'],
    ['sms', 'http://127.0.0.1:9/send', '「127.0.0.1」是本机回环地址'],
    ['wecom', 'http://2130706433:8080/hook', '「127.0.0.1」是本机回环地址'],
    ['wecom', 'http://１２７.０.０.１:8080/hook', '「127.0.0.1」是本机回环地址'],
    ['dingtalk', 'http://[::ffff:127.0.0.1]:8080/robot', '「::ffff:7f00:1」（即 127.0.0.1）是本机回环地址'],
    ['dingtalk', 'http://[::1]/robot', '「::1」是本机回环地址'],
    ['sms', 'http://0.0.0.0:8080/send', '「0.0.0.0」是未指定地址'],
    ['wecom', 'http://[fe80::1]/hook', '「fe80::1」是链路本地地址'],
    ['wecom', 'http://224.0.0.1/hook', '「224.0.0.1」是组播地址'],
    ['sms', 'http://255.255.255.255/send', '「255.255.255.255」是广播地址'],
  ])('refuses to save the %s channel at %s, changing nothing', async (channel, url, words) => {
    const admin = await t.as('admin');
    const before = await ok(admin.get('/api/settings/notification-channels'));
    const audited = await auditCount('channel.changed');
    // Switched off too: it could be switched on later without another look at the address.
    for (const enabled of [true, false]) {
      const error = await refused(
        admin.put('/api/settings/notification-channels', { ...base, [channel]: { enabled, url } }),
        400,
        'OUTBOUND_ADDRESS_NOT_ALLOWED',
      );
      expect(error.message).toContain(words);
      expect(error.message).toContain('OUTBOUND_ALLOWED_NETWORKS');
    }
    expect(await ok(admin.get('/api/settings/notification-channels'))).toEqual(before);
    expect(await auditCount('channel.changed')).toBe(audited);
  });

  it('saves addresses on the government intranet and host names (their addresses are checked at each call)', async () => {
    const admin = await t.as('admin');
    for (const url of [
      'http://10.8.0.5:8080/hook',
      'http://192.168.10.20/robot',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x',
    ]) {
      const saved = (await ok(
        admin.put('/api/settings/notification-channels', { ...base, wecom: { enabled: false, url } }),
      )) as unknown as { wecom: { url: string } };
      expect(saved.wecom.url).toContain(new URL(url).host);
    }
  });

  it('refuses to save a city link address that is a refused IP, naming which address; nothing saved', async () => {
    const admin = await t.as('admin');
    const results = await refused(
      admin.put('/api/city-link/settings', cityLink('http://127.0.0.1:8225')),
      400,
      'OUTBOUND_ADDRESS_NOT_ALLOWED',
    );
    expect(results.message).toMatch(/^结果回传的地址「127\.0\.0\.1」是本机回环地址，/);
    const statuses = await refused(
      admin.put(
        '/api/city-link/settings',
        cityLink('http://10.1.2.3', { statusesUrl: 'http://[::1]:8225/statuses' }),
      ),
      400,
      'OUTBOUND_ADDRESS_NOT_ALLOWED',
    );
    expect(statuses.message).toMatch(/^工单状态的地址「::1」是本机回环地址，/);
    const orders = await refused(
      admin.put(
        '/api/city-link/settings',
        cityLink('http://10.1.2.3', { ordersUrl: 'http://169.254.169.254/orders' }),
      ),
      400,
      'OUTBOUND_ADDRESS_NOT_ALLOWED',
    );
    expect(orders.message).toContain('工单列表的地址「169.254.169.254」是链路本地地址');
    expect(await ok(admin.get('/api/city-link/settings'))).toMatchObject({ settings: null });
  });

  it('a webhook whose name resolves to loopback fails at the call, for good, with the reason; nothing reaches it', async () => {
    const admin = await t.as('admin');
    const url = robot.url.replace('127.0.0.1', 'localhost');
    await ok(admin.put('/api/settings/notification-channels', { ...base, wecom: { enabled: true, url } }));
    await registeredAndDispatched(t, 'housing');
    await new DeliveryWorker(t.ctx.db.kysely, t.ctx.settings, t.clock, () => {}, t.ctx.outbound).runOnce();
    const { items } = (await ok(admin.get('/api/deliveries'))) as unknown as { items: Delivery[] };
    const wecom = items.filter((d) => d.channel === 'wecom');
    expect(wecom.length).toBeGreaterThan(0);
    for (const d of wecom) {
      // Failed at the first attempt: a refused address is refused again on every retry.
      expect(d).toMatchObject({ status: 'failed', attempts: 1 });
      expect(d.lastError).toMatch(LOCALHOST_REFUSED);
    }
    expect(robot.received).toEqual([]);
  });

  it('an address stored before this check (an IP in the database) is refused at the call too', async () => {
    const value = JSON.stringify({ ...base, wecom: { enabled: true, url: robot.url } });
    await t.ctx.db.kysely
      .updateTable('settings')
      .set({ value })
      .where('key', '=', 'notification_channels')
      .execute();
    t.ctx.settings.forget(['notification_channels']);
    const order = await registeredAndDispatched(t, 'water');
    await new DeliveryWorker(t.ctx.db.kysely, t.ctx.settings, t.clock, () => {}, t.ctx.outbound).runOnce();
    const { items } = (await ok((await t.as('admin')).get('/api/deliveries'))) as unknown as {
      items: Delivery[];
    };
    const latest = items.find(
      (d) => d.channel === 'wecom' && d.status === 'failed' && !LOCALHOST_REFUSED.test(d.lastError ?? ''),
    );
    expect(latest?.lastError).toMatch(/^地址「127\.0\.0\.1」是本机回环地址，/);
    expect(robot.received).toEqual([]);
    expect(order.state).toBe('pending_sign');
  });

  it('the mail relay too: an address that is a refused IP is not saved; a name that resolves to loopback fails at the connection, for good; nothing reaches it', async () => {
    const admin = await t.as('admin');
    const before = await ok(admin.get('/api/settings/notification-channels'));
    const mail = (smtpUrl: string) => ({
      ...base,
      email: { enabled: true, smtpUrl, from: 'hotline@hewan.example' },
    });
    const error = await refused(
      admin.put('/api/settings/notification-channels', mail('smtps://hotline:secret@169.254.169.254:465')),
      400,
      'OUTBOUND_ADDRESS_NOT_ALLOWED',
    );
    expect(error.message).toMatch(/^邮件服务器（SMTP）的地址「169\.254\.169\.254」是链路本地地址/);
    expect(await ok(admin.get('/api/settings/notification-channels'))).toEqual(before);

    const relay = await startMailRelay();
    try {
      await giveEmail(t, 'water-a', 'water@hewan.example');
      await ok(
        admin.put(
          '/api/settings/notification-channels',
          mail(`smtp://localhost:${relay.port}?ignoreTLS=true`),
        ),
      );
      await registeredAndDispatched(t, 'water');
      await new DeliveryWorker(t.ctx.db.kysely, t.ctx.settings, t.clock, () => {}, t.ctx.outbound).runOnce();
      const { items: deliveries } = (await ok(admin.get('/api/deliveries'))) as unknown as {
        items: Delivery[];
      };
      const email = deliveries.filter((d) => d.channel === 'email');
      expect(email.length).toBeGreaterThan(0);
      for (const d of email) {
        expect(d).toMatchObject({ status: 'failed', attempts: 1 });
        expect(d.lastError).toMatch(LOCALHOST_REFUSED);
      }
      expect(relay.connections()).toBe(0);
      // An IPv6 address as the mail library passes it on, in brackets, is checked as the address.
      await expect(t.ctx.outbound.connect('[::1]', relay.port, 2000)).rejects.toThrow(
        '「::1」是本机回环地址',
      );
    } finally {
      await relay.close();
      await ok(admin.put('/api/settings/notification-channels', base));
    }
  });

  it('a city platform whose name resolves to loopback: the result goes to the failed queue with the reason, the reconciliation fails with it', async () => {
    const admin = await t.as('admin');
    const url = city.url.replace('127.0.0.1', 'localhost');
    await ok(admin.put('/api/city-link/settings', cityLink(url)));
    const machine = await createMachineClient(t, {
      name: '市12345热线平台',
      scopes: ['city'],
      unitCode: 'city',
    });
    const sent = await machine.call('POST', '/api/city/v1/orders', aCityOrder(`SZ-SSRF-${Date.now()}`));
    expect(sent.statusCode, sent.body).toBe(201);
    const dispatcher = await t.as('dispatcher');
    const created = await ok(dispatcher.get(`/api/work-orders/${sent.json().id}`));
    const dispatched = await act(dispatcher, created, 'dispatch', {
      leadUnitId: t.unitId('housing'),
      coUnitIds: [],
    });
    await act(await t.as('housing-a'), dispatched, 'sign');

    const worker = new CityDeliveryWorker(t.ctx.db.kysely, t.ctx.settings, t.clock, {
      retryBaseMs: 1000,
      outbound: t.ctx.outbound,
    });
    // Dead at the first attempt (of five allowed): no retry would change where the name points.
    expect(await worker.runOnce()).toMatchObject({ sent: 0, dead: 1 });
    const outbox = (await ok(dispatcher.get('/api/city-link/outbox'))) as unknown as {
      deadLetters: { attempts: number; lastError: string }[];
    };
    expect(outbox.deadLetters).toHaveLength(1);
    expect(outbox.deadLetters[0]?.attempts).toBe(1);
    expect(outbox.deadLetters[0]?.lastError).toMatch(/^未连接市平台：/);
    expect(outbox.deadLetters[0]?.lastError).toMatch(LOCALHOST_REFUSED);
    expect(city.requests).toBe(0);

    const { report } = (await ok(dispatcher.post('/api/city-link/reconciliations'))) as unknown as {
      report: { status: string; error: string | null };
    };
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(LOCALHOST_REFUSED);
  });
});

describe(`outbound addresses a deployment permits (${TEST_DIALECT})`, { timeout: 60_000 }, () => {
  let t: TestApp;
  let robot: FakeEndpoint;
  beforeAll(async () => {
    // As a deployment with a gateway on its own host sets OUTBOUND_ALLOWED_NETWORKS=127.0.0.0/8,::1.
    t = await createTestApp('2026-03-02T09:00:00+08:00', {
      OUTBOUND_ALLOWED_NETWORKS: ['127.0.0.0/8', '::1'],
    });
    robot = await fakeEndpoint();
  });
  afterAll(async () => {
    await t.close();
    await robot.close();
  });

  const base = NO_CHANNELS;

  it('saves a listed address and calls it, by IP and by name; an unlisted kind is still refused', async () => {
    const admin = await t.as('admin');
    await ok(
      admin.put('/api/settings/notification-channels', {
        ...base,
        wecom: { enabled: true, url: robot.url },
        dingtalk: { enabled: true, url: robot.url.replace('127.0.0.1', 'localhost') },
      }),
    );
    await registeredAndDispatched(t, 'housing');
    await new DeliveryWorker(t.ctx.db.kysely, t.ctx.settings, t.clock, () => {}, t.ctx.outbound).runOnce();
    expect(robot.received.length).toBeGreaterThanOrEqual(2);
    await refused(
      admin.put('/api/settings/notification-channels', {
        ...base,
        wecom: { enabled: true, url: 'http://169.254.169.254/' },
      }),
      400,
      'OUTBOUND_ADDRESS_NOT_ALLOWED',
    );
  });

  it('sends mail over SMTPS (TLS from the first byte) through a listed relay, by name', async () => {
    const relay = await startMailRelay({ secure: true });
    const admin = await t.as('admin');
    try {
      await giveEmail(t, 'water-a', 'water@hewan.example');
      await ok(
        admin.put('/api/settings/notification-channels', {
          ...base,
          email: {
            enabled: true,
            smtpUrl: `smtps://localhost:${relay.port}?tls.rejectUnauthorized=false`,
            from: 'hotline@hewan.example',
          },
        }),
      );
      await registeredAndDispatched(t, 'water');
      await new DeliveryWorker(t.ctx.db.kysely, t.ctx.settings, t.clock, () => {}, t.ctx.outbound).runOnce();
      const { items: deliveries } = (await ok(admin.get('/api/deliveries'))) as unknown as {
        items: Delivery[];
      };
      expect(deliveries.filter((d) => d.channel === 'email')).toEqual([
        expect.objectContaining({ status: 'sent' }),
      ]);
      expect(relay.mails.join('')).toContain('water@hewan.example');
    } finally {
      await relay.close();
      await ok(admin.put('/api/settings/notification-channels', base));
    }
  });
});
