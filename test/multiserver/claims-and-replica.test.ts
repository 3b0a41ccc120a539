import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { DeliveryWorker } from '../../src/jobs/delivery-worker.js';
import { SettingsService } from '../../src/modules/settings/settings.service.js';
import { buildApp } from '../../src/server/app.js';
import { registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { databaseUrlOf } from './servers.js';

describe(`claims and the read replica (${TEST_DIALECT})`, () => {
  let t: TestApp;
  // SQLite: files, so that a second connection (the "replica") can be opened by URL.
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-replica-'));
  const fresh = (name: string) =>
    createTestApp(
      '2026-03-02T09:00:00+08:00',
      {},
      TEST_DIALECT === 'sqlite' ? { sqliteFile: join(dir, name) } : {},
    );
  beforeAll(async () => {
    t = await fresh('primary.db');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two delivery workers claiming at the same instant send each delivery once', async () => {
    for (let i = 0; i < 10; i++) await registeredAndDispatched(t, i % 2 ? 'housing' : 'water');
    const pending = await t.ctx.db.kysely
      .selectFrom('deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    expect(pending.length).toBeGreaterThanOrEqual(10);
    // On PostgreSQL the second worker has its own pool, as another server process would.
    const other = t.anotherConnection();
    const sentBy: string[][] = [[], []];
    const worker = (i: 0 | 1, db = t.ctx.db.kysely, settings = t.ctx.settings) =>
      new DeliveryWorker(db, settings, t.clock, (m) => sentBy[i]?.push(m), t.ctx.outbound);
    const first = worker(0);
    const second = other
      ? worker(1, other.kysely, new SettingsService(other.kysely, t.clock, t.ctx.audit))
      : worker(1);
    try {
      const [x, y] = await Promise.all([first.runOnce(500), second.runOnce(500)]);
      expect(x.sent + y.sent).toBe(pending.length);
      expect((sentBy[0]?.length ?? 0) + (sentBy[1]?.length ?? 0)).toBe(pending.length);
    } finally {
      await other?.close();
    }
    const rows = await t.ctx.db.kysely
      .selectFrom('deliveries')
      .select(['status', 'attempts'])
      .where(
        'id',
        'in',
        pending.map((p) => p.id),
      )
      .execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('statistics and exports read from DATABASE_READ_URL, which refuses writes', async () => {
    await registeredAndDispatched(t, 'housing');
    // A "replica" that has the schema and organization but none of the primary's orders: what
    // the figures count shows which database they were read from.
    const replica = await fresh('replica.db');
    const db = openDb(databaseUrlOf(t.place), { readUrl: databaseUrlOf(replica.place) });
    const { app } = await buildApp({ db, clock: t.clock, auditKey: t.auditKey });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'leader', password: 'Huiyin@2026' },
      });
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const county = async (a: typeof app) =>
        (
          await a.inject({ method: 'GET', url: '/api/statistics/county?period=month', headers: { cookie } })
        ).json();
      expect((await county(app)).total).toBe(0);
      const primaryTotal = (
        (await (await t.as('leader')).get('/api/statistics/county?period=month')).json() as {
          total: number;
        }
      ).total;
      expect(primaryTotal).toBeGreaterThan(0);
      // Work goes to the primary: the login above made its session there.
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
        200,
      );
      const exported = await app.inject({
        method: 'GET',
        url: '/api/exports/work-orders.xlsx',
        headers: { cookie: (await t.cookieOf('dispatcher')).toString() },
      });
      expect(exported.statusCode).toBe(200);
      if (TEST_DIALECT === 'postgres')
        await expect(
          db.read.updateTable('settings').set({ value: '{}' }).where('key', '=', 'nothing').execute(),
        ).rejects.toThrow(/read-only/);
      else
        await expect(
          db.read.updateTable('settings').set({ value: '{}' }).where('key', '=', 'nothing').execute(),
        ).rejects.toThrow(/readonly/);
    } finally {
      await app.close();
      await db.close();
      await replica.close();
    }
  });
});
