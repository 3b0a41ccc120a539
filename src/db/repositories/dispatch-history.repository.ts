import type { Kysely } from 'kysely';
import type {
  CategoryPrior,
  HistoricalOrder,
  ReturnedDispatch,
  UnitPrior,
} from '../../domain/assistant/dispatch-examples.js';
import { HANDLING_UNIT_KINDS } from '../../domain/roles.js';
import type { Database } from '../schema.js';

/**
 * What the dispatch assistant learns from: the handling units' remits and registration
 * remarks, the category tree, and the county's past orders with the office's final choices
 * and the dispatches units returned. Orders are read newest first, in pages by id, so a year
 * of a city's history streams through without being held twice.
 */
export class DispatchHistoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async unitPriors(): Promise<UnitPrior[]> {
    const rows = await this.db
      .selectFrom('units as u')
      .leftJoin('unit_registrations as r', 'r.unit_id', 'u.id')
      .select(['u.id', 'u.name', 'u.remit', 'r.remarks'])
      .where('u.active', '=', 1)
      .where('u.kind', 'in', HANDLING_UNIT_KINDS)
      .orderBy('u.id')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, remit: r.remit, remarks: r.remarks ?? '' }));
  }

  async categoryPriors(): Promise<CategoryPrior[]> {
    const rows = await this.db
      .selectFrom('categories')
      .select(['id', 'level1', 'level2', 'level3'])
      .where('active', '=', 1)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), path: [r.level1, r.level2, r.level3] }));
  }

  /** Orders registered since `since` (ISO instant), newest first, `pageSize` at a time. */
  async *orders(since: string, pageSize = 5000): AsyncGenerator<HistoricalOrder[]> {
    let before: number | null = null;
    for (;;) {
      let q = this.db
        .selectFrom('work_orders')
        .select(['id', 'title', 'content', 'category_id', 'lead_unit_id'])
        .where('created_at', '>=', since)
        .where('state', '!=', 'voided')
        .orderBy('id', 'desc')
        .limit(pageSize);
      if (before !== null) q = q.where('id', '<', before);
      const rows = await q.execute();
      if (rows.length === 0) return;
      before = Number(rows[rows.length - 1]?.id);
      yield rows.map((r) => ({
        id: Number(r.id),
        title: r.title,
        content: r.content,
        categoryId: r.category_id === null ? null : Number(r.category_id),
        leadUnitId: r.lead_unit_id === null ? null : Number(r.lead_unit_id),
      }));
      if (rows.length < pageSize) return;
    }
  }

  /** Each approved return since `since`: the order and the unit that returned it. */
  async returnedDispatches(since: string): Promise<ReturnedDispatch[]> {
    const rows = await this.db
      .selectFrom('work_order_events')
      .select(['order_id', 'unit_id'])
      .where('type', '=', 'return_approved')
      .where('at', '>=', since)
      .where('unit_id', 'is not', null)
      .execute();
    return rows.map((r) => ({ orderId: Number(r.order_id), unitId: Number(r.unit_id) }));
  }
}
