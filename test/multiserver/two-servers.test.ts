import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeEndpoint, fakeEndpoint } from '../support/fake-endpoint.js';
import { anOrder } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import {
  databaseUrlOf,
  eventually,
  HttpClient,
  moreRounds,
  roundsOf,
  type ServerProcess,
  startServer,
} from './servers.js';

/**
 * Real server processes (`src/server/main.ts`, the code `npm start` runs built) on one database, driven
 * over HTTP. On PostgreSQL two processes share the database and must behave as one: a session
 * made on one works on the other, the deadline watcher records each mark once and the delivery
 * worker sends each message once although both run them, and a notification created through one
 * reaches a browser's live stream on the other. SQLite serves one process (docs/deployment.md):
 * there the same checks run against that one process, whose stream is told in-process.
 */
const TWO = TEST_DIALECT === 'postgres';
/** Signing in hashes a password (scrypt) in each process; on a loaded 2-core machine a step takes seconds. */
const SLOW = 120_000;

describe(`${TWO ? 'two server processes on one PostgreSQL database' : 'one server process on SQLite'}`, () => {
  let t: TestApp;
  let a: ServerProcess;
  let b: ServerProcess;
  let robot: FakeEndpoint;
  let sqliteDir: string | null = null;

  beforeAll(async () => {
    sqliteDir = TWO ? null : mkdtempSync(join(tmpdir(), 'huiyin-one-server-'));
    // The organization (demo units and people) seeded as in every API test; the servers add nothing.
    t = await createTestApp(undefined, {}, sqliteDir ? { sqliteFile: join(sqliteDir, 'huiyin.db') } : {});
    // The processes run on the real clock: in a year no package holds (2027 on), the administrator
    // would first give the calendar this year and the next, provisionally.
    const thisYear = new Date().getFullYear();
    await t.ctx.calendar.provisionMissing([thisYear, thisYear + 1]);
    robot = await fakeEndpoint();
    const env = {
      DATABASE_URL: databaseUrlOf(t.place),
      AUDIT_KEY: t.auditKey.toString('hex'),
      UPLOADS_DIR: t.uploadsDir,
      WEB_DIR: join(t.uploadsDir, 'no-web-app'),
      // Both processes run the watcher and the delivery worker often, so their rounds overlap.
      WATCH_EVERY_MS: '200',
      DELIVER_EVERY_MS: '100',
      CITY_DELIVER_EVERY_MS: '600000',
      CITY_SYNC_EVERY_MS: '600000',
      ASSISTANT_RETRAIN_HOURS: '1000',
      // The robot listens on this machine.
      OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1',
    };
    a = await startServer(env);
    // The second process starts once the first has (migrations are already in place either way).
    b = TWO ? await startServer(env) : a;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await robot?.close();
    await t?.close();
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  });

  /** The processes under test: two on PostgreSQL, one on SQLite. */
  const servers = () => (TWO ? [a, b] : [a]);

  it(
    `runs the deadline watcher and the delivery worker in ${TWO ? 'each process' : 'the process'}, and says so in its health check`,
    async () => {
      for (const server of servers()) {
        for (const job of ['deadlineWatcher', 'deliveryWorker']) {
          await eventually(async () => (await roundsOf(server, job)) > 0);
        }
        const health = await (await fetch(`${server.url}/api/health`)).json();
        expect(health.jobs.deadlineWatcher).toMatchObject({ failures: 0, lastEndedAt: expect.any(String) });
        expect(health.jobs.deliveryWorker).toMatchObject({ failures: 0, lastEndedAt: expect.any(String) });
      }
      await moreRounds(servers(), 'deadlineWatcher', 2);
    },
    SLOW,
  );

  const dispatchTo = async (dispatcher: HttpClient, unit: string, title: string) => {
    const created = await dispatcher.json('POST', '/api/work-orders', anOrder({ title }), 201);
    return dispatcher.json('POST', `/api/work-orders/${created.id}/dispatch`, {
      version: created.version,
      leadUnitId: t.unitId(unit),
      coUnitIds: [],
    });
  };

  it(
    `a session made on one process is the same session on ${TWO ? 'the other' : 'every request'}, and ends everywhere`,
    async () => {
      const onA = await HttpClient.login(a.url, 'dispatcher');
      const onB = onA.on(b.url);
      expect((await onB.json('GET', '/api/auth/me')).username).toBe('dispatcher');
      await onB.json('POST', '/api/auth/logout');
      expect((await onA.call('GET', '/api/auth/me')).status).toBe(401);
    },
    SLOW,
  );

  it(
    `a notification created through one process reaches a live stream connected to ${TWO ? 'the other' : 'it'}`,
    async () => {
      const liaison = await HttpClient.login(b.url, 'housing-a');
      const stream = await liaison.stream();
      try {
        await stream.waitFor(/event: unread/);
        const before = stream.text().length;
        const dispatcher = await HttpClient.login(a.url, 'dispatcher');
        const order = await dispatchTo(dispatcher, 'housing', '跨进程推送的工单');
        // No polling: the stream only hears through the bus (LISTEN/NOTIFY between processes); its
        // heartbeat is 20 s away, so an answer within 15 s (seconds, unless the machine is loaded)
        // came from the notification itself.
        await eventually(async () => stream.text().slice(before).includes('新工单待签收'), 15_000);
        const pushed = stream.text().slice(before);
        expect(pushed).toContain('event: unread');
        expect(pushed).toContain(`"orderId":${order.id}`);
      } finally {
        stream.close();
      }
    },
    SLOW,
  );

  it(
    `a session ended on one process closes its live stream on ${TWO ? 'the other' : 'it'} at once`,
    async () => {
      const onB = await HttpClient.login(b.url, 'water-a');
      const stream = await onB.stream();
      await stream.waitFor(/event: unread/);
      await onB.on(a.url).json('POST', '/api/auth/logout');
      await stream.waitFor(/event: ended/, 15_000);
    },
    SLOW,
  );

  it(
    `a setting changed through one process applies on ${TWO ? 'the other' : 'it'} at once, though each keeps the settings it reads`,
    async () => {
      const onA = await HttpClient.login(a.url, 'admin');
      const onB = onA.on(b.url);
      const before = await onB.json('GET', '/api/settings/escalation');
      // B has read it and keeps it (30 s); A changes it.
      const changed = { ...before, minUrges: before.minUrges + 1 };
      await onA.json('PUT', '/api/settings/escalation', changed);
      // Well within the time B would keep its copy: B heard of the write (LISTEN/NOTIFY between processes).
      await eventually(
        async () => (await onB.json('GET', '/api/settings/escalation')).minUrges === changed.minUrges,
        10_000,
      );
      await onA.json('PUT', '/api/settings/escalation', before);
      await eventually(
        async () => (await onB.json('GET', '/api/settings/escalation')).minUrges === before.minUrges,
        10_000,
      );
    },
    SLOW,
  );

  it(
    `a day of the calendar changed through one process counts on ${TWO ? 'the other' : 'it'} at once`,
    async () => {
      const onA = await HttpClient.login(a.url, 'admin');
      const onB = onA.on(b.url);
      // One working day from Monday 2 March 2026 is Tuesday; B reads the calendar and keeps it (30 s).
      const lastDayOnB = async () =>
        (await onB.json('GET', '/api/calendar/deadline?start=2026-03-02T09:00:00%2B08:00&workingDays=1'))
          .lastDay as string;
      expect(await lastDayOnB()).toBe('2026-03-03');
      await onA.json('PUT', '/api/calendar/days/2026-03-03', { working: false, name: '临时停工' });
      await eventually(async () => (await lastDayOnB()) === '2026-03-04', 10_000);
      await onA.json('PUT', '/api/calendar/days/2026-03-03', { working: true });
      await eventually(async () => (await lastDayOnB()) === '2026-03-03', 10_000);
    },
    SLOW,
  );

  it(
    `the deadline watcher${TWO ? 's of both processes record' : ' records'} each passed deadline once`,
    async () => {
      const dispatcher = await HttpClient.login(a.url, 'dispatcher');
      const orders: { id: number }[] = [];
      for (let i = 0; i < 8; i++)
        orders.push(await dispatchTo(dispatcher, i % 2 ? 'agri' : 'hrss', `签收超时 ${i}`));
      // Every order's signing deadline passes at the same instant: the watchers of both processes,
      // each running every 200 ms, find them all at once and race to record them.
      await t.ctx.db.kysely
        .updateTable('work_orders')
        .set({ sign_by: new Date(Date.now() - 60_000).toISOString() })
        .where(
          'id',
          'in',
          orders.map((o) => o.id),
        )
        .execute();
      const marksOf = async (id: number) =>
        (await dispatcher.json('GET', `/api/work-orders/${id}`)).timeline.filter(
          (e: { type: string }) => e.type === 'sign_overdue',
        ).length;
      await eventually(async () => (await Promise.all(orders.map((o) => marksOf(o.id)))).every((n) => n > 0));
      // Three more rounds of every process's watcher, each of which would find an order not yet
      // marked: still one mark each.
      await moreRounds(servers(), 'deadlineWatcher', 3);
      expect(await Promise.all(orders.map((o) => marksOf(o.id)))).toEqual(orders.map(() => 1));
    },
    SLOW,
  );

  it(
    `the delivery worker${TWO ? 's of both processes send' : ' sends'} each message once`,
    async () => {
      const admin = await HttpClient.login(a.url, 'admin');
      const channels = await admin.json('GET', '/api/settings/notification-channels');
      await admin.json('PUT', '/api/settings/notification-channels', {
        ...channels,
        wecom: { enabled: true, url: robot.url },
      });
      const dispatcher = await HttpClient.login(b.url, 'dispatcher');
      for (let i = 0; i < 12; i++) await dispatchTo(dispatcher, i % 2 ? 'housing' : 'water', `外发一次 ${i}`);
      const wecom = await eventually(async () => {
        const items = (await admin.json('GET', '/api/deliveries')).items.filter(
          (d: { channel: string }) => d.channel === 'wecom',
        );
        return items.length >= 12 && items.every((d: { status: string }) => d.status === 'sent')
          ? items
          : null;
      }, 30_000);
      // Three more rounds of every process's worker: nothing is sent again.
      await moreRounds(servers(), 'deliveryWorker', 3);
      expect(wecom.every((d: { attempts: number }) => d.attempts === 1)).toBe(true);
      expect(robot.received).toHaveLength(wecom.length);
      const texts = robot.received.map((m) => JSON.stringify(m));
      expect(new Set(texts).size).toBe(texts.length);
      for (let i = 0; i < 12; i++) expect(texts.some((x) => x.includes(`「外发一次 ${i}」`))).toBe(true);
    },
    SLOW,
  );
});
