import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedName } from '../../src/db/pg-named-statements.js';
import { unitsOrders, WRITTEN_SINCE } from '../../src/db/repositories/list-changes.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * A stored list asks on every request whether its orders changed (list-changes.ts). At a city's
 * scale that is a walk of a few journal rows by page_stamps_changed and a probe of each order's
 * assignments, or it becomes a read of the whole journal: the plans are checked here, with the
 * journal holding 200,000 orders, as PostgreSQL plans the kept statement for any parameter (its
 * generic plan) and as SQLite plans without statistics.
 */
describe(`the stored lists' change check, planned (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.ctx.db.kysely;
    if (TEST_DIALECT === 'postgres') {
      await sql`insert into page_stamps (order_id, stamp, changed)
        select g, 1, (1000 + g)::text::xid8 from generate_series(1000000, 1200000) g`.execute(db);
      await sql`analyze page_stamps`.execute(db);
    } else {
      await sql`with recursive g(n) as (select 1000000 union all select n + 1 from g where n < 1200000)
        insert into page_stamps (order_id, stamp, changed) select n, 1, n from g`.execute(db);
    }
  });
  afterAll(() => t.close());

  async function plan(text: string, params: unknown[], types: string): Promise<string> {
    const db = t.ctx.db.kysely;
    if (TEST_DIALECT === 'sqlite') {
      const rows = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${text}`, params),
      );
      return rows.rows.map((r) => r.detail).join('\n');
    }
    return db.transaction().execute(async (trx) => {
      await sql`set local plan_cache_mode = force_generic_plan`.execute(trx);
      await sql.raw(`prepare planned(${types}) as ${text}`).execute(trx);
      const args = params.map((p) => (typeof p === 'string' ? `'${p}'` : String(p))).join(', ');
      const r = await sql.raw<{ 'QUERY PLAN': string }>(`explain execute planned(${args})`).execute(trx);
      await sql`deallocate planned`.execute(trx);
      return r.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  it('walks the journal from the mark by its index, never the whole journal', async () => {
    const p =
      TEST_DIALECT === 'postgres'
        ? await plan(WRITTEN_SINCE.postgres, ['1201000:1201000:', 0], 'text, int')
        : await plan(WRITTEN_SINCE.sqlite, ['1199990', 0], '');
    expect(p, p).toMatch(/page_stamps_changed/);
    expect(p, p).not.toMatch(/Seq Scan on page_stamps|SCAN ps\b/);
  });

  it("probes the written orders' own assignments, not all the unit's (SQLite, planned without statistics)", async () => {
    const q = unitsOrders(TEST_DIALECT === 'postgres', 3, [1000001, 1000002]).compile(t.ctx.db.kysely);
    if (TEST_DIALECT === 'postgres') {
      // Planned for its values at each run (its text changes with their number): it is not kept.
      expect(preparedName(q.sql)).toBeUndefined();
      return;
    }
    const p = await plan(q.sql, [...q.parameters], '');
    expect(p, p).toMatch(/wou_order \(order_id=\?\)/);
  });
});
