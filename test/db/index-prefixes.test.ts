import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

interface IndexColumns {
  table: string;
  name: string;
  columns: string[];
}

/**
 * An index is only written, never read, when its columns are the leading columns of another plain
 * index on the same table: a lookup by them reads the wider one just as well. Each costs a write at
 * every insert (and on PostgreSQL at every update that is not HOT). Unique and partial indexes, and
 * those on expressions, are left out: they do more than order rows.
 */
describe(`indexes (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function plainIndexes(): Promise<IndexColumns[]> {
    const db = t.ctx.db.kysely;
    if (TEST_DIALECT === 'postgres') {
      const rows = await sql<{ table: string; name: string; columns: string[] }>`
        select t.relname as "table", i.relname as name,
          array(select a.attname::text from unnest(x.indkey) with ordinality k(attnum, n)
                join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum order by k.n) as columns
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
        join pg_namespace s on s.oid = t.relnamespace and s.nspname = current_schema()
        where not x.indisunique and x.indpred is null and x.indexprs is null`.execute(db);
      return rows.rows;
    }
    const lists = await sql<{ table: string; name: string; unique: number; partial: number }>`
      select m.name as "table", l.name, l."unique", l.partial
      from sqlite_master m, pragma_index_list(m.name) l
      where m.type = 'table' and l.origin = 'c'`.execute(db);
    const out: IndexColumns[] = [];
    for (const l of lists.rows.filter((r) => !r.unique && !r.partial)) {
      const info = await sql<{ name: string | null }>`
        select name from pragma_index_info(${l.name}) order by seqno`.execute(db);
      const columns = info.rows.map((c) => c.name);
      if (columns.every((c): c is string => c !== null)) out.push({ table: l.table, name: l.name, columns });
    }
    return out;
  }

  it('none is the leading part of another on the same table', async () => {
    const indexes = await plainIndexes();
    expect(indexes.find((i) => i.name === 'work_orders_phone_created')?.columns).toEqual([
      'citizen_phone',
      'created_at',
    ]);
    const shadowed = indexes.flatMap((narrow) =>
      indexes
        .filter(
          (wide) =>
            wide !== narrow &&
            wide.table === narrow.table &&
            wide.columns.length > narrow.columns.length &&
            narrow.columns.every((c, i) => wide.columns[i] === c),
        )
        .map((wide) => `${narrow.name} (${narrow.columns}) ⊂ ${wide.name} (${wide.columns})`),
    );
    expect(shadowed).toEqual([]);
  });

  it('a lookup by phone reads the phone index (the search, a caller’s history)', async () => {
    const db = t.ctx.db.kysely;
    const query = sql`select id from work_orders where citizen_phone = '13800001111' order by created_at desc limit 20`;
    const plan =
      TEST_DIALECT === 'postgres'
        ? await db.transaction().execute(async (trx) => {
            // An empty test table would be scanned whole; the question is which index serves it.
            await sql`set local enable_seqscan = off`.execute(trx);
            const r = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
            return r.rows.map((row) => row['QUERY PLAN']).join('\n');
          })
        : (await sql<{ detail: string }>`explain query plan ${query}`.execute(db)).rows
            .map((r) => r.detail)
            .join('\n');
    expect(plan, plan).toMatch(/work_orders_phone_created/);
  });
});
