import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface RefusedCityOrder {
  id: number;
  cityOrderNo: string;
  reason: string;
  /** The row as the city listed it (JSON text). */
  content: string;
  firstSeenAt: string;
  lastSeenAt: string;
  seenCount: number;
}

/** What the row kept of a refused order may hold: its text, not a page of it. */
const CONTENT_MAX = 20_000;

/** City orders from the pulled list that could not be registered, until handled (migration city-001). */
export class CityRefusedRepository {
  constructor(private readonly db: Executor) {}

  /** Keeps a refusal: a new row, or the open one of the same order seen again (its latest reason and content). */
  async keep(cityOrderNo: string, reason: string, content: unknown, at: string): Promise<void> {
    const text = JSON.stringify(content).slice(0, CONTENT_MAX);
    const open = await this.db
      .selectFrom('city_refused_orders')
      .select('id')
      .where('city_order_no', '=', cityOrderNo)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (open) {
      await this.db
        .updateTable('city_refused_orders')
        .set((eb) => ({ reason, content: text, last_seen_at: at, seen_count: eb('seen_count', '+', 1) }))
        .where('id', '=', open.id)
        .execute();
      return;
    }
    await this.db
      .insertInto('city_refused_orders')
      .values({ city_order_no: cityOrderNo, reason, content: text, first_seen_at: at, last_seen_at: at })
      .execute();
  }

  /** The open refusals of an order that has now been registered are settled by it. */
  async settledBy(cityOrderNos: string[], at: string): Promise<void> {
    if (cityOrderNos.length === 0) return;
    await this.db
      .updateTable('city_refused_orders')
      .set({ resolved_at: at, resolved_by: '已登记' })
      .where('city_order_no', 'in', cityOrderNos)
      .where('resolved_at', 'is', null)
      .execute();
  }

  /** Marks one handled by the office; false when there is no such open refusal. */
  async resolve(id: number, by: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('city_refused_orders')
      .set({ resolved_at: at, resolved_by: by })
      .where('id', '=', id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async open(limit = 200): Promise<RefusedCityOrder[]> {
    const rows = await this.db
      .selectFrom('city_refused_orders')
      .selectAll()
      .where('resolved_at', 'is', null)
      .orderBy('last_seen_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      cityOrderNo: r.city_order_no,
      reason: r.reason,
      content: r.content,
      firstSeenAt: r.first_seen_at,
      lastSeenAt: r.last_seen_at,
      seenCount: r.seen_count,
    }));
  }
}
