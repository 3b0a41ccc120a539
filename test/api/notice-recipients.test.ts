import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecipientDirectory, type RecipientRow } from '../../src/db/repositories/recipient-directory.js';
import { ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

type Account = Record<string, unknown> & { id: number; username: string };

/**
 * The accounts a notice goes to are kept for a moment between notices (recipient-directory.ts).
 * Each case reads them first (a dispatch notifies the unit), then changes an account through the
 * administrators' pages, then dispatches again at once: the change always counts.
 */
describe(`the people a notice goes to follow every change of an account at once (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  /** Whether `username` has been told of the order (their own notifications, as their bell shows them). */
  const told = async (username: string, orderId: number) => {
    const { items } = (await ok((await t.as(username)).get('/api/notifications?limit=200'))) as unknown as {
      items: Array<{ orderId: number | null }>;
    };
    return items.some((n) => n.orderId === orderId);
  };
  const account = async (username: string) => {
    const { items } = (await ok((await t.as('secadmin')).get('/api/users'))) as unknown as {
      items: Account[];
    };
    const {
      id,
      unitName: _u,
      roleLabels: _r,
      ...body
    } = items.find((u) => u.username === username) as Account;
    return { id, body };
  };

  it('a liaison marked away is passed over, and the B liaison told, from the very next dispatch', async () => {
    const first = await registeredAndDispatched(t, 'housing');
    expect(await told('housing-a', first.id)).toBe(true);
    expect(await told('housing-b', first.id)).toBe(false);
    const { id, body } = await account('housing-a');
    await ok(
      (await t.as('admin')).put(`/api/users/${id}`, {
        ...body,
        awayFrom: '2026-03-01',
        awayUntil: '2026-03-10',
        awayNote: '外出学习',
      }),
    );
    const second = await registeredAndDispatched(t, 'housing');
    expect(await told('housing-a', second.id)).toBe(false);
    expect(await told('housing-b', second.id)).toBe(true);
  });

  it('a liaison added to a unit is told of the very next dispatch', async () => {
    const first = await registeredAndDispatched(t, 'water');
    expect(first.id).toBeGreaterThan(0);
    const sec = await t.as('secadmin');
    await ok(
      sec.post('/api/users', {
        username: 'water-new',
        name: '新联络员',
        unitId: t.unitId('water'),
        roles: ['unit_liaison'],
        liaisonSlot: 'A',
      }),
      201,
    );
    const second = await registeredAndDispatched(t, 'water');
    const notified = await t.ctx.db.kysely
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select('users.username')
      .where('notifications.order_id', '=', second.id)
      .execute();
    expect(notified.map((n) => n.username)).toContain('water-new');
  });
});

describe('the kept directory of accounts', () => {
  const row = (id: number): RecipientRow => ({
    id,
    name: `人员${id}`,
    phone: '',
    email: null,
    roles: '["unit_liaison"]',
    liaison_slot: null,
    away_from: null,
    away_until: null,
    unit_id: 1,
  });

  it('keeps a read for two seconds, and drops it when an account changes', async () => {
    let now = 0;
    const directory = new RecipientDirectory(() => now);
    let reads = 0;
    const read = async () => {
      reads += 1;
      return [row(reads)];
    };
    expect((await directory.rows(read))[0]?.id).toBe(1);
    now = 1_900;
    expect((await directory.rows(read))[0]?.id).toBe(1);
    now = 2_100;
    expect((await directory.rows(read))[0]?.id).toBe(2);
    directory.forget();
    expect((await directory.rows(read))[0]?.id).toBe(3);
    expect((await directory.rows(read))[0]?.id).toBe(3);
  });

  it('does not keep a read that a change overtook', async () => {
    const directory = new RecipientDirectory(() => 0);
    let release: () => void = () => {};
    const slow = directory.rows(
      () =>
        new Promise<RecipientRow[]>((resolve) => {
          release = () => resolve([row(1)]);
        }),
    );
    directory.forget();
    release();
    expect((await slow)[0]?.id).toBe(1);
    expect((await directory.rows(async () => [row(2)]))[0]?.id).toBe(2);
  });
});
