import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { GENERATED_ORDER_COLUMNS } from '../../src/db/migrations/2026-12-01-repeats-002-township-text.js';
import { DAY_MS } from '../../src/domain/time.js';
import { FINAL_STATES } from '../../src/domain/workflow/states.js';

const BATCH = 5_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Grows a generated data set to `total` orders with closed copies of its orders, each copy
 * moved back in time by the data set's span: a million rows in the table (index depth, the
 * history a phone or a place gathers) without simulating a million lives, which takes over two
 * hours on this two-core machine while other work runs. Only `work_orders` grows: the copies
 * have no events, assignments or search entries, so this stand-in serves the reads that look at
 * orders alone (the repeat check), not the search, lists or figures. The reads' present, the
 * last weeks, keeps exactly the simulated orders.
 */
export async function padOrders(
  db: Db,
  total: number,
  spanDays: number,
  log: (line: string) => void,
): Promise<number> {
  const columns = (await db.kysely.introspection.getTables())
    .find((t) => t.name === 'work_orders')
    ?.columns.filter((c) => c.name !== 'cluster_id' && !GENERATED_ORDER_COLUMNS.includes(c.name));
  if (!columns) throw new Error('no work_orders table');
  const names = columns.map((c) => c.name);
  const max = await db.kysely
    .selectFrom('work_orders')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow();
  const simulated = Number(max.id);
  const insert =
    db.dialect === 'postgres'
      ? `insert into work_orders (${names.join(', ')}) select * from unnest(${columns
          .map((c, i) => `$${i + 1}::${c.dataType}[]`)
          .join(', ')})`
      : null;
  let written = simulated;
  for (let copy = 1; written < total; copy++) {
    const shift = copy * spanDays * DAY_MS;
    const moved = (v: unknown) =>
      typeof v === 'string' && ISO_DATE.test(v)
        ? new Date(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) - shift)
            .toISOString()
            .slice(0, v.length === 10 ? 10 : undefined)
        : v;
    for (let from = 1; from <= simulated && written < total; from += BATCH) {
      const rows = await db.kysely
        .selectFrom('work_orders')
        .select(names as never)
        .where('id', '>=', from)
        .where('id', '<', from + BATCH)
        .orderBy('id')
        .execute();
      const copies = rows.slice(0, total - written).map((r) => {
        const row = r as Record<string, unknown>;
        return names.map((n) => {
          const v = row[n];
          if (n === 'id') return Number(v) + copy * simulated;
          if (n === 'code') return `P${copy}${v}`;
          if (n === 'merged_into_id' || n === 'repeat_of_id')
            return v == null ? null : Number(v) + copy * simulated;
          if (n === 'state') return FINAL_STATES.includes(v as never) ? v : 'closed';
          if (n === 'city_order_no') return v == null ? null : `P${copy}${v}`;
          return moved(v);
        });
      });
      if (insert) {
        await db.kysely.executeQuery(
          CompiledQuery.raw(
            insert,
            names.map((_, i) => copies.map((c) => c[i])),
          ),
        );
      } else {
        const perStatement = Math.floor(30_000 / names.length);
        for (let i = 0; i < copies.length; i += perStatement) {
          const chunk = copies.slice(i, i + perStatement);
          const tuple = `(${names.map(() => '?').join(',')})`;
          await db.kysely.executeQuery(
            CompiledQuery.raw(
              `insert into work_orders (${names.join(', ')}) values ${Array(chunk.length).fill(tuple).join(',')}`,
              chunk.flat(),
            ),
          );
        }
      }
      written += copies.length;
    }
    log(`  padded to ${written} orders (copy ${copy}, ${spanDays * copy} days back)`);
  }
  if (db.dialect === 'postgres') {
    await sql`select setval(pg_get_serial_sequence('work_orders', 'id'), (select max(id) from work_orders))`.execute(
      db.kysely,
    );
  }
  return written;
}
