import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filteredBut, type OrderFilter } from '../../src/db/repositories/work-order-filter.js';
import { DEFAULT_ESCALATION_RULE } from '../../src/domain/workflow/supervision.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * Tabs counted every time a home page opens must be found by an index, whatever the size of the
 * history: the office's 延期待批 read the whole table (1.1 s at a million orders on SQLite) before
 * it had one. Checked on the plan, since a test database is too small for a whole read to be slow;
 * on PostgreSQL with sequential scans priced out, as they are on a large table.
 */
describe(`the office's tabs, planned (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function planOf(f: OrderFilter): Promise<string> {
    const db = t.ctx.db.kysely;
    const q = filteredBut(
      db.selectFrom('work_orders'),
      f,
      { kind: 'all' },
      () => new Date().toISOString(),
      DEFAULT_ESCALATION_RULE,
    )
      .select((eb) => eb.fn.countAll().as('n'))
      .compile();
    if (TEST_DIALECT === 'sqlite') {
      const rows = await sql
        .raw<{ detail: string }>(`explain query plan ${inline(q.sql, q.parameters)}`)
        .execute(db);
      return rows.rows.map((r) => r.detail).join('\n');
    }
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = await sql
        .raw<{ 'QUERY PLAN': string }>(`explain ${inline(q.sql, q.parameters)}`)
        .execute(trx);
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  it('counts the extension requests waiting from their own index', async () => {
    const p = await planOf({ pendingExtension: '1' });
    expect(p, p).toMatch(/work_orders_pending_extension/);
  });
});

/** The statement with its values written in, for EXPLAIN (numbers and plain strings only). */
function inline(text: string, parameters: readonly unknown[]): string {
  let i = 0;
  return text.replace(/\?|\$\d+/g, () => {
    const v = parameters[i++];
    return typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`;
  });
}
