import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { WorkOrderRepository } from '../../src/db/repositories/work-order.repository.js';
import { loadWholeOrder } from '../../src/db/repositories/work-order.whole.js';
import type { OrderDetail } from '../../src/modules/work-orders/work-order.responses.js';
import { act, ok, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * An order's page is one statement kept prepared: by SQLite's statement cache, and on PostgreSQL
 * as a named statement per connection (src/db/pg-named-statements.ts). Its answers must stay the
 * order's, past the executions after which PostgreSQL keeps a generic plan, and a change of the
 * table's columns (a migration) must not leave a stale plan behind.
 */
/**
 * One connection of its own to the test's PostgreSQL schema, whose session pg_prepared_statements
 * shows (null `own` on SQLite in memory: the application's own database is used).
 */
function oneConnection(t: TestApp) {
  const own = t.place.schema ? openDb(t.place.databaseUrl, { schema: t.place.schema, poolMax: 1 }) : null;
  return { own, db: own?.kysely ?? t.ctx.db.kysely };
}

describe(`the order's page, kept prepared (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let orders: OrderDetail[];
  beforeAll(async () => {
    t = await createTestApp();
    const liaison = await t.as('housing-a');
    const a = await registeredAndDispatched(t, 'housing', ['urban']);
    const b = await registeredAndDispatched(t, 'urban');
    orders = [await act(liaison, a, 'sign'), b];
  });
  afterAll(() => t.close());

  it('answers each order its own page, many times over (generic plan included)', async () => {
    const reviewer = await t.as('reviewer');
    const first = await Promise.all(orders.map((o) => ok(reviewer.get(`/api/work-orders/${o.id}`))));
    expect(first.map((o) => o.id)).toEqual(orders.map((o) => o.id));
    for (let i = 0; i < 12; i++) {
      const o = orders[i % 2] as OrderDetail;
      expect(await ok(reviewer.get(`/api/work-orders/${o.id}`))).toEqual(first[i % 2]);
    }
  });

  it('still answers after a migration adds a column to work_orders', async () => {
    const reviewer = await t.as('reviewer');
    const o = orders[0] as OrderDetail;
    const before = await ok(reviewer.get(`/api/work-orders/${o.id}`));
    for (let i = 0; i < 8; i++) await ok(reviewer.get(`/api/work-orders/${o.id}`));
    await sql`alter table work_orders add column extra_note text`.execute(t.ctx.db.kysely);
    try {
      // PostgreSQL would refuse the named statement ("cached plan must not change result type").
      for (let i = 0; i < 3; i++) expect(await ok(reviewer.get(`/api/work-orders/${o.id}`))).toEqual(before);
    } finally {
      await sql`alter table work_orders drop column extra_note`.execute(t.ctx.db.kysely);
    }
    expect(await ok(reviewer.get(`/api/work-orders/${o.id}`))).toEqual(before);
  });

  it('is a named statement with a generic plan on PostgreSQL (one connection)', async () => {
    // One connection, so the statements below and pg_prepared_statements are that session's.
    const { own, db } = oneConnection(t);
    try {
      const o = orders[0] as OrderDetail;
      const whole = await loadWholeOrder(db, o.id);
      expect(whole?.row.code).toBe(o.code);
      for (let i = 0; i < 7; i++) expect(await loadWholeOrder(db, o.id)).toEqual(whole);
      if (!own) return;
      const { rows } = await sql<{ name: string; generic_plans: string }>`
        select name, generic_plans from pg_prepared_statements where name like 'huiyin_%'`.execute(db);
      expect(rows).toHaveLength(1);
      expect(Number(rows[0]?.generic_plans)).toBeGreaterThan(0);
    } finally {
      await own?.close();
    }
  });

  it('keeps a workflow write by key prepared too (marked KEPT_PREPARED), and it still writes', async () => {
    // The guarded update of an order, as every action runs it: named on PostgreSQL, where
    // planning it cost more than half of running it (docs/performance.md).
    const { own, db } = oneConnection(t);
    try {
      const repo = new WorkOrderRepository(db);
      const o = orders[1] as OrderDetail;
      let version = (await loadWholeOrder(db, o.id))?.row.version ?? 0;
      const at = new Date('2026-03-03T09:00:00+08:00');
      for (let i = 0; i < 7; i++) {
        expect(await repo.touch(o.id, version, at)).toBe(true);
        version++;
      }
      // A stale version still writes nothing: the guard is in the kept statement's text.
      expect(await repo.touch(o.id, version - 1, at)).toBe(false);
      expect((await loadWholeOrder(db, o.id))?.row.version).toBe(version);
      if (!own) return;
      const { rows } = await sql<{ statement: string; generic_plans: string }>`
        select statement, generic_plans from pg_prepared_statements
        where statement like 'update "work_orders"%' and statement like '%/* kept prepared */'`.execute(db);
      expect(rows).toHaveLength(1);
      expect(Number(rows[0]?.generic_plans)).toBeGreaterThan(0);
    } finally {
      await own?.close();
    }
  });
});

describe(`an action right after a migration changed the order's columns (${TEST_DIALECT})`, () => {
  it('is refused once on PostgreSQL with RETRY_AFTER_UPGRADE, writes nothing, and succeeds when sent again', async () => {
    // One connection, so the statements the first action kept prepared are the ones the next meets.
    const t = await createTestApp(undefined, {}, { poolMax: 1 });
    try {
      const liaison = await t.as('housing-a');
      const first = await registeredAndDispatched(t, 'housing');
      const order = await registeredAndDispatched(t, 'housing');
      await act(liaison, first, 'sign');
      await sql`alter table work_orders add column extra_note text`.execute(t.ctx.db.kysely);
      const sign = () => liaison.post(`/api/work-orders/${order.id}/sign`, { version: order.version });
      const refused = await sign();
      if (TEST_DIALECT === 'postgres') {
        expect(refused.statusCode, refused.body).toBe(503);
        expect(refused.json().error.code).toBe('RETRY_AFTER_UPGRADE');
        const unchanged = await ok(liaison.get(`/api/work-orders/${order.id}`));
        expect([unchanged.state, unchanged.version]).toEqual([order.state, order.version]);
        const again = await sign();
        expect(again.statusCode, again.body).toBe(200);
      } else {
        // SQLite prepares a statement again by itself when the schema changed.
        expect(refused.statusCode, refused.body).toBe(200);
      }
    } finally {
      await t.close();
    }
  });
});
