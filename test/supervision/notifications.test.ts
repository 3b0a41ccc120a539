import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, DeliveryWorker, MAX_ATTEMPTS } from '../../src/jobs/delivery-worker.js';
import { fakeEndpoint } from '../support/fake-endpoint.js';
import { startMailRelay } from '../support/mail-relay.js';
import { ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Delivery = {
  channel: string;
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
};

describe(`notifications: in-app centre, live stream, outbound channels with retries (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let worker: DeliveryWorker;
  const logged: string[] = [];
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
    worker = new DeliveryWorker(
      t.ctx.db.kysely,
      t.ctx.settings,
      t.clock,
      (m) => logged.push(m),
      t.ctx.outbound,
    );
  });
  afterAll(() => t.close());

  const deliveries = async () =>
    ((await ok((await t.as('admin')).get('/api/deliveries'))) as unknown as { items: Delivery[] }).items;

  it('a new order reaches the unit’s notification centre, is counted unread, and is read', async () => {
    const order = await registeredAndDispatched(t, 'housing', ['water']);
    const liaison = await t.as('housing-a');
    const inbox = (await ok(liaison.get('/api/notifications'))) as unknown as {
      unread: number;
      items: Array<{ id: number; orderId: number; title: string }>;
    };
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    const mine = inbox.items.find((n) => n.orderId === order.id);
    expect(mine?.title).toBe('新工单待签收');
    const co = (await ok((await t.as('water-a')).get('/api/notifications'))) as unknown as {
      items: Array<{ title: string }>;
    };
    expect(co.items[0]?.title).toBe('新协办工单');
    const after = (await ok(liaison.post(`/api/notifications/${mine?.id}/read`))) as unknown as {
      unread: number;
    };
    expect(after.unread).toBe(inbox.unread - 1);
    await refused(
      (await t.as('water-a')).post(`/api/notifications/${mine?.id}/read`),
      404,
      'NOTIFICATION_NOT_FOUND',
    );
    // The default log channel delivers every notice, each line naming whom it went to.
    await worker.runOnce();
    const { name } = (await ok(liaison.get('/api/auth/me'))) as unknown as { name: string };
    expect(logged.some((l) => l.includes('新工单待签收') && l.includes(`→ ${name} `))).toBe(true);
  });

  it('pushes the unread count live over Server-Sent Events', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`${address}/api/notifications/stream`, {
        headers: { cookie: await t.cookieOf('housing-a') },
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      // Hijacked by the route, yet with the security headers every answer carries.
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      const reader = res.body?.getReader();
      const first = new TextDecoder().decode((await reader?.read())?.value);
      expect(first).toMatch(/^event: unread\ndata: \{"unread":\d+/);
      await registeredAndDispatched(t, 'housing');
      let text = '';
      while (!text.includes('新工单待签收')) text += new TextDecoder().decode((await reader?.read())?.value);
      expect(text).toContain('event: unread');
      await reader?.cancel();
    } finally {
      await t.app.server.close();
    }
  });

  it('a failing WeCom robot is retried with backoff until it answers, every attempt recorded', async () => {
    const robot = await fakeEndpoint(2);
    const admin = await t.as('admin');
    const settings = (await ok(admin.get('/api/settings/notification-channels'))) as unknown as Record<
      string,
      unknown
    >;
    await ok(
      admin.put('/api/settings/notification-channels', {
        ...settings,
        wecom: { enabled: true, url: robot.url },
      }),
    );
    try {
      await worker.runOnce();
      await registeredAndDispatched(t, 'town-qiaotou');
      await worker.runOnce();
      let wecom = (await deliveries()).find((d) => d.channel === 'wecom');
      expect(wecom).toMatchObject({ status: 'pending', attempts: 1 });
      expect(wecom?.lastError).toContain('HTTP 500');
      await worker.runOnce();
      expect((await deliveries()).find((d) => d.channel === 'wecom')?.attempts).toBe(1);
      t.clock.advance(backoffMs(1));
      await worker.runOnce();
      expect((await deliveries()).find((d) => d.channel === 'wecom')).toMatchObject({
        status: 'pending',
        attempts: 2,
      });
      t.clock.advance(backoffMs(2));
      await worker.runOnce();
      wecom = (await deliveries()).find((d) => d.channel === 'wecom');
      expect(wecom).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      expect(robot.received).toHaveLength(1);
      expect(JSON.stringify(robot.received[0])).toContain('新工单待签收');
    } finally {
      await ok(admin.put('/api/settings/notification-channels', { ...settings, wecom: null }));
      await robot.close();
    }
  });

  it('gives up after the last attempt and says so', async () => {
    const gateway = await fakeEndpoint(100);
    const admin = await t.as('admin');
    const settings = (await ok(admin.get('/api/settings/notification-channels'))) as unknown as Record<
      string,
      unknown
    >;
    await ok(
      admin.put('/api/settings/notification-channels', {
        ...settings,
        sms: { enabled: true, url: gateway.url },
      }),
    );
    try {
      await worker.runOnce();
      await registeredAndDispatched(t, 'town-liulin');
      for (let i = 1; i <= MAX_ATTEMPTS; i++) {
        await worker.runOnce();
        t.clock.advance(backoffMs(i));
      }
      const sms = (await deliveries()).filter((d) => d.channel === 'sms');
      expect(sms.length).toBeGreaterThan(0);
      for (const d of sms) expect(d).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      expect(sms[0]?.target).toMatch(/^1[3-9]\d{9}$/);
    } finally {
      await ok(admin.put('/api/settings/notification-channels', { ...settings, sms: null }));
      await gateway.close();
    }
  });

  it('sends e-mail through SMTP', async () => {
    const smtp = await startMailRelay();
    const { port, mails } = smtp;
    // The liaison's address, entered by the system administrator on the users page.
    const admin = await t.as('admin');
    const accounts = (await ok(admin.get('/api/users'))) as unknown as {
      items: Array<Record<string, unknown> & { id: number; username: string }>;
    };
    const {
      id,
      unitName: _n,
      roleLabels: _l,
      ...liaison
    } = accounts.items.find((u) => u.username === 'town-shimen-a') as Record<string, unknown> & {
      id: number;
    };
    const badEmail = await refused(
      admin.put(`/api/users/${id}`, { ...liaison, email: 'liaison@' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(badEmail.message).toContain('邮箱格式不正确');
    const saved = (await ok(
      admin.put(`/api/users/${id}`, { ...liaison, email: 'liaison@hewan.example' }),
    )) as unknown as {
      email: string;
    };
    expect(saved.email).toBe('liaison@hewan.example');
    const settings = (await ok(admin.get('/api/settings/notification-channels'))) as unknown as Record<
      string,
      unknown
    >;
    await ok(
      admin.put('/api/settings/notification-channels', {
        ...settings,
        email: {
          enabled: true,
          smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
          from: 'hotline@hewan.example',
        },
      }),
    );
    try {
      await worker.runOnce();
      await registeredAndDispatched(t, 'town-shimen');
      await worker.runOnce();
      const email = (await deliveries()).find((d) => d.channel === 'email');
      expect(email, JSON.stringify(await deliveries())).toMatchObject({
        status: 'sent',
        target: 'liaison@hewan.example',
      });
      expect(mails.join('')).toContain('liaison@hewan.example');
    } finally {
      await ok(admin.put('/api/settings/notification-channels', { ...settings, email: null }));
      await smtp.close();
    }
  });
});
