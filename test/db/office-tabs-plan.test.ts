import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filteredBut, type OrderFilter } from '../../src/db/repositories/work-order-filter.js';
import type { OrderScope } from '../../src/domain/policy.js';
import { DEFAULT_ESCALATION_RULE } from '../../src/domain/workflow/supervision.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * Tabs counted every time a home page opens must be found by an index, whatever the size of the
 * history: the office's 延期待批 and the supervision office's 督办中, 已报县领导 and 督办办结 read the whole
 * table (1.0–1.4 s each at a million orders on SQLite) before they had one. Checked on the plan, since a test database is too small for a whole read to be slow;
 * on PostgreSQL with sequential scans priced out, as they are on a large table.
 */
describe(`the office's tabs, planned (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The plan of a tab's count, or of its first page newest first (the lists' default order). */
  async function planOf(
    f: OrderFilter,
    what: 'count' | 'newest' = 'count',
    scope: OrderScope = { kind: 'all' },
  ): Promise<string> {
    const db = t.ctx.db.kysely;
    const base = filteredBut(db.selectFrom('work_orders'), f, scope, {
      clock: () => new Date().toISOString(),
      escalation: DEFAULT_ESCALATION_RULE,
      dialect: TEST_DIALECT,
    });
    const q = (
      what === 'count'
        ? base.select((eb) => eb.fn.countAll().as('n'))
        : base
            .select('work_orders.id')
            .orderBy('work_orders.created_at', 'desc')
            .orderBy('work_orders.id', 'desc')
            .limit(20)
    ).compile();
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
    for (const what of ['count', 'newest'] as const) {
      const p = await planOf({ pendingExtension: '1' }, what);
      expect(p, `${what}: ${p}`).toMatch(/work_orders_pending_extension/);
    }
  });

  it("counts the supervision office's escalations from the escalated orders' index", async () => {
    for (const escalation of ['open', 'reported', 'concluded'] as const)
      for (const what of ['count', 'newest'] as const) {
        const p = await planOf({ escalation }, what);
        expect(p, `${escalation}, ${what}: ${p}`).toMatch(/work_orders_escalated/);
      }
  });

  it("finds a unit's 待阅批, 预警 and 超期 from the index of the orders it leads", async () => {
    const unit = { kind: 'unit', unitId: 1 } as const;
    for (const f of [
      { toRead: '1' },
      { due: 'due_soon', role: 'lead' },
      { due: 'overdue', role: 'lead' },
    ] as const) {
      const p = await planOf(f, 'count', unit);
      expect(p, `${JSON.stringify(f)}: ${p}`).toMatch(/work_orders_lead_state/);
    }
    // A test database's planner, on tables of a few rows, may key the index by the unit alone and
    // filter the rest; at a million orders it keys what the tab asks (docs/performance.md). What
    // must hold here is that the index has those keys to offer, in that order.
    const def =
      TEST_DIALECT === 'sqlite'
        ? await sql<{ def: string }>`select sql as def from sqlite_master
            where name = 'work_orders_lead_state'`.execute(t.ctx.db.kysely)
        : await sql<{ def: string }>`select indexdef as def from pg_indexes
            where indexname = 'work_orders_lead_state' and schemaname = current_schema()`.execute(
            t.ctx.db.kysely,
          );
    expect(def.rows[0]?.def.replace(/\s+/g, ' ')).toMatch(/\(lead_unit_id, state, handle_by, urgency\)/);
  });

  it("counts the dispatcher's 进展未报 from the orders with a report due", async () => {
    for (const what of ['count', 'newest'] as const) {
      const p = await planOf({ progress: 'missed' }, what);
      expect(p, `${what}: ${p}`).toMatch(/work_orders_progress_missed/);
    }
  });

  it("counts the reviewer's 重办中 from the redone orders by state", async () => {
    for (const what of ['count', 'newest'] as const) {
      const p = await planOf({ redo: '1', state: ['pending_sign', 'handling'] }, what);
      expect(p, `${what}: ${p}`).toMatch(/work_orders_redo_state/);
    }
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
