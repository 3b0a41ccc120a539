import { type Kysely, sql } from 'kysely';
import { placeKey } from '../../domain/place-key.js';

/** Rows read and rewritten at a time (two bound values a row, within SQLite's limit). */
const PAGE = 2000;

/**
 * Every address keyed again by domain/place-key.ts, which reads the same place typed in more
 * ways as one (the county's name left out, 三号楼 for 3栋, 502室 for 502, the township the order
 * was registered under when the address names none). Only keys that change
 * are written, a page at a time, each page in one statement. The repeat verdicts of the complaints
 * whose key changed are queued for recomputation by the triggers that watch the key
 * (2026-12-01-summaries-002), so the figures follow at their next read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const k = db as Kysely<{
    work_orders: { id: number; citizen_address: string; place_key: string; township_unit_id: number | null };
    units: { id: number; name: string; kind: string };
  }>;
  let after = 0;
  for (;;) {
    const rows = await k
      .selectFrom('work_orders')
      .leftJoin('units', (j) =>
        j.onRef('units.id', '=', 'work_orders.township_unit_id').on('units.kind', '=', 'township'),
      )
      .select([
        'work_orders.id',
        'work_orders.citizen_address',
        'work_orders.place_key',
        'units.name as township',
      ])
      .where('work_orders.id', '>', after)
      .orderBy('work_orders.id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    const changed = rows
      .map((r) => ({ id: r.id, key: placeKey(r.citizen_address ?? '', r.township) }))
      .filter((r, i) => r.key !== rows[i]?.place_key);
    if (changed.length > 0) {
      const cases = sql.join(
        changed.map((r) => sql`when ${r.id} then ${r.key}`),
        sql` `,
      );
      await k
        .updateTable('work_orders')
        .set({ place_key: sql<string>`case id ${cases} end` })
        .where(
          'id',
          'in',
          changed.map((r) => r.id),
        )
        .execute();
    }
    after = rows[rows.length - 1]?.id ?? after;
  }
}
