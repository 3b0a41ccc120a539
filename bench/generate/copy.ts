import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { GENERATED_ORDER_COLUMNS } from '../../src/db/migrations/2026-12-01-repeats-002-township-text.js';
import { beginBulkLoad, endBulkLoad } from './index.js';

/** The tables a generated data set fills, parents first. */
const TABLES = ['work_orders', 'work_order_units', 'attachments', 'work_order_events'] as const;
const BATCH = 20_000;

/**
 * Copies a data set generated on SQLite into a fresh PostgreSQL benchmark database (migrated and
 * seeded with the same organization): the same rows, without simulating a million lives again
 * (an hour and more on this two-core machine). The organization's ids must match; they do when
 * both were seeded by the same code, and the copy refuses otherwise.
 */
export async function copyDataSet(
  from: Db,
  to: Db,
  log: (line: string) => void,
): Promise<{ orders: number; seconds: number }> {
  const started = performance.now();
  const units = async (db: Db) =>
    JSON.stringify(await db.kysely.selectFrom('units').select(['id', 'code']).orderBy('id').execute());
  if ((await units(from)) !== (await units(to))) throw new Error('the two databases hold different units');

  await beginBulkLoad(to);
  const pgTables = await to.kysely.introspection.getTables();
  const sqliteTables = await from.kysely.introspection.getTables();
  let orders = 0;
  for (const table of TABLES) {
    const target = pgTables.find((t) => t.name === table);
    const source = sqliteTables.find((t) => t.name === table);
    if (!target || !source) throw new Error(`no table ${table}`);
    const columns = target.columns.filter(
      (c) => source.columns.some((s) => s.name === c.name) && !GENERATED_ORDER_COLUMNS.includes(c.name),
    );
    const names = columns.map((c) => c.name);
    const insert = `insert into ${table} (${names.join(', ')}) select * from unnest(${columns
      .map((c, i) => `$${i + 1}::${c.dataType}[]`)
      .join(', ')})`;
    let last = 0;
    let copied = 0;
    for (;;) {
      const rows = await sql<
        Record<string, unknown>
      >`select ${sql.join(names.map((n) => sql.ref(n)))} from ${sql.table(
        table,
      )} where id > ${last} order by id limit ${BATCH}`.execute(from.kysely);
      if (rows.rows.length === 0) break;
      const arrays = names.map((n) => rows.rows.map((r) => r[n] ?? null));
      await to.kysely.executeQuery(CompiledQuery.raw(insert, arrays));
      last = Number(rows.rows[rows.rows.length - 1]?.id);
      copied += rows.rows.length;
      if (copied % (BATCH * 25) === 0) log(`  ${table}: ${copied} rows`);
    }
    log(`  ${table}: ${copied} rows copied`);
    if (table === 'work_orders') orders = copied;
  }
  const counters = await from.kysely
    .selectFrom('counters')
    .selectAll()
    .where('name', 'like', 'order:%')
    .execute();
  for (let i = 0; i < counters.length; i += 500) {
    await to.kysely
      .insertInto('counters')
      .values(counters.slice(i, i + 500))
      .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
      .execute();
  }
  await endBulkLoad(to, log);
  return { orders, seconds: (performance.now() - started) / 1000 };
}
