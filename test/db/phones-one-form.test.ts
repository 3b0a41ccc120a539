import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up } from '../../src/db/migrations/2026-12-05-phones-001-one-written-form.js';
import { anOrder, ok } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/** Phones stored as typed before 2026-12-05 are rewritten in their one form by the migration. */
describe(`callers' phones kept before, in one written form (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('rewrites the phones typed with spaces, hyphens and +86, and leaves the rest', async () => {
    const dispatcher = await t.as('dispatcher');
    const typed = ['+86 133-3896-0214', '0972 8521050', '13900001111', '8521050', '(0972)852-1051'];
    const ids: number[] = [];
    for (const phone of typed) {
      const order = await ok(dispatcher.post('/api/work-orders', anOrder()), 201);
      // As an older release stored it.
      await t.ctx.db.kysely
        .updateTable('work_orders')
        .set({ citizen_phone: phone })
        .where('id', '=', order.id)
        .execute();
      ids.push(order.id);
    }
    await up(t.ctx.db.kysely as unknown as Kysely<unknown>);
    const rows = await t.ctx.db.kysely
      .selectFrom('work_orders')
      .select(['id', 'citizen_phone'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.citizen_phone)).toEqual([
      '13338960214',
      '0972-8521050',
      '13900001111',
      '8521050',
      '0972-8521051',
    ]);
  });
});
