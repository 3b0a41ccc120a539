import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgChangeBus } from '../../src/db/change-bus.js';
import { registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

describe(`the change bus (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const next = <T>(subscribe: (resolve: (v: T) => void) => () => void, ms = 10_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('nothing heard')), ms);
      const off = subscribe((v) => {
        clearTimeout(timer);
        off();
        resolve(v);
      });
    });

  it('tells subscribers who was notified once the change commits', async () => {
    const heard = next<number[] | 'all'>((r) => t.ctx.db.bus.subscribe('notifications', r));
    await t.ctx.db.bus.ready();
    await registeredAndDispatched(t, 'housing');
    const ids = await heard;
    const liaison = await t.ctx.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'housing-a')
      .executeTakeFirstOrThrow();
    expect(ids).toContain(liaison.id);
  });

  it('on PostgreSQL, a new account, a setting and a calendar day written by any path are announced at commit', async () => {
    const bus = t.ctx.db.bus;
    if (!(bus instanceof PgChangeBus)) {
      // SQLite: one process, whose repositories and services drop what they keep themselves.
      expect(TEST_DIALECT).toBe('sqlite');
      return;
    }
    await bus.ready();
    const db = t.ctx.db.kysely;
    const account = next<never[] | 'all'>((r) => bus.subscribe('accounts_added', r));
    await db
      .insertInto('users')
      .values({
        username: 'bus-new',
        name: '新账号',
        unit_id: t.unitId('housing'),
        roles: JSON.stringify(['unit_liaison']),
        password_hash: 'x',
        phone: '',
        active: 1,
        created_at: new Date().toISOString(),
        password_set_at: new Date().toISOString(),
      })
      .execute();
    expect(await account).toEqual([]);
    const setting = next<string[] | 'all'>((r) => bus.subscribe('settings_changed', r));
    await db
      .insertInto('settings')
      .values({ key: 'bus_probe', value: '{}', updated_at: new Date().toISOString() })
      .execute();
    expect(await setting).toEqual(['bus_probe']);
    const calendar = next<string[] | 'all'>((r) => bus.subscribe('settings_changed', r));
    await db.updateTable('calendar_days').set({ name: '测试' }).where('date', '=', '2026-03-03').execute();
    expect(await calendar).toEqual(['calendar']);
  });

  it('on PostgreSQL, a lost listening connection comes back and says messages may have been missed', async () => {
    const bus = t.ctx.db.bus;
    if (!(bus instanceof PgChangeBus)) {
      // SQLite: the bus is the process's own and cannot be lost.
      expect(TEST_DIALECT).toBe('sqlite');
      return;
    }
    const heard = next<number[] | 'all'>((r) => bus.subscribe('notifications', r));
    await bus.ready();
    await bus.dropConnection();
    expect(await heard).toBe('all');
    const again = next<number[] | 'all'>((r) => bus.subscribe('notifications', r));
    await registeredAndDispatched(t, 'housing');
    expect(await again).not.toBe('all');
  });
});
