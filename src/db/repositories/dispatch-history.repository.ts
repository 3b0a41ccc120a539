import type { Kysely } from 'kysely';
import type { NamedUnit, OrderReturn } from '../../domain/assistant/after-return.js';
import type {
  CategoryPrior,
  HistoricalOrder,
  ReturnedDispatch,
  UnitPrior,
} from '../../domain/assistant/dispatch-examples.js';
import { HANDLING_UNIT_KINDS } from '../../domain/roles.js';
import { parseSynonyms } from '../../domain/search-match.js';
import { EVENT_PAYLOAD_SCHEMAS } from '../event-payloads.js';
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
      .select(['u.id', 'u.name', 'u.remit', 'u.synonyms', 'r.remarks'])
      .where('u.active', '=', 1)
      .where('u.kind', 'in', HANDLING_UNIT_KINDS)
      .orderBy('u.id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      remit: r.remit,
      remarks: r.remarks ?? '',
      synonyms: parseSynonyms(r.synonyms),
    }));
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

  /** The units an order may be dispatched to, with the office's words for each. */
  async unitNames(): Promise<NamedUnit[]> {
    const rows = await this.db
      .selectFrom('units')
      .select(['id', 'name', 'synonyms'])
      .where('active', '=', 1)
      .where('kind', 'in', HANDLING_UNIT_KINDS)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, synonyms: parseSynonyms(r.synonyms) }));
  }

  /**
   * The order's approved returns, oldest first, each with the request's reason and suggested unit
   * (the request precedes its approval on the timeline); null when there is no such order.
   */
  async returnsOf(orderId: number): Promise<OrderReturn[] | null> {
    const order = await this.db
      .selectFrom('work_orders')
      .select('id')
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!order) return null;
    const events = await this.db
      .selectFrom('work_order_events')
      .select(['type', 'unit_id', 'payload'])
      .where('order_id', '=', orderId)
      .where('type', 'in', ['return_requested', 'return_approved'])
      .orderBy('id')
      .execute();
    const returns: OrderReturn[] = [];
    let asked: { reason: string; suggestedUnit: string | null } | null = null;
    for (const e of events) {
      if (e.type === 'return_requested') {
        const p = EVENT_PAYLOAD_SCHEMAS.return_requested.safeParse(JSON.parse(e.payload));
        asked = p.success ? { reason: p.data.reason, suggestedUnit: p.data.suggestedUnit ?? null } : null;
      } else if (e.unit_id !== null) {
        returns.push({
          unitId: Number(e.unit_id),
          reason: asked?.reason ?? '',
          suggestedUnit: asked?.suggestedUnit ?? null,
        });
        asked = null;
      }
    }
    return returns;
  }
}
