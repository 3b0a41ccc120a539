import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { readPayload } from '../event-payloads.js';
import type { BulletinsTable, Database } from '../schema.js';
import { nextInSequence } from './counters.js';

export type BulletinRow = Selectable<BulletinsTable>;

/** Bulletins (通报) and the raw counts a period's bulletin is drafted from. */
export class BulletinRepository {
  constructor(private readonly db: Kysely<Database>) {}

  find(id: number): Promise<BulletinRow | undefined> {
    return this.db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first; a unit sees only the published ones. */
  list(publishedOnly: boolean): Promise<BulletinRow[]> {
    let q = this.db.selectFrom('bulletins').selectAll().orderBy('id', 'desc');
    if (publishedOnly) q = q.where('status', '=', 'published');
    return q.execute();
  }

  async insert(row: Insertable<BulletinsTable>): Promise<number> {
    const r = await this.db.insertInto('bulletins').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  /** Edits a draft at the version the editor saw; false when that version is gone. */
  async updateDraft(id: number, version: number, title: string, body: string): Promise<boolean> {
    const r = await this.db
      .updateTable('bulletins')
      .set({ title, body, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Publishes a draft at the version the editor saw, with the year's next issue number; false
   * when it is not that draft any more. Run in a transaction: the number is given back if the
   * publication is refused or fails.
   */
  async publish(id: number, version: number, at: string, year: number, userId: number): Promise<boolean> {
    const draft = await this.db
      .selectFrom('bulletins')
      .select('id')
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .where('version', '=', version)
      .executeTakeFirst();
    if (!draft) return false;
    const issueNo = await nextInSequence(this.db, `bulletin:${year}`);
    const r = await this.db
      .updateTable('bulletins')
      .set({
        status: 'published',
        published_at: at,
        published_by: userId,
        version: version + 1,
        issue_year: year,
        issue_no: issueNo,
      })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Payloads of the dispatches in [start, end) (each names its lead unit). */
  async dispatchPayloads(start: string, end: string) {
    const rows = await this.db
      .selectFrom('work_order_events as e')
      .innerJoin('work_orders as o', 'o.id', 'e.order_id')
      .select(['e.payload'])
      .where('e.type', '=', 'dispatched')
      .where('e.at', '>=', start)
      .where('e.at', '<', end)
      .execute();
    return rows.map((r) => readPayload('dispatched', r.payload));
  }

  /** Redo orders in [start, end) with their reasons and the order's lead unit. */
  async redoEvents(start: string, end: string) {
    const rows = await this.db
      .selectFrom('work_order_events as e')
      .innerJoin('work_orders as o', 'o.id', 'e.order_id')
      .select(['e.payload', 'e.order_id', 'o.lead_unit_id'])
      .where('e.type', '=', 'redo_ordered')
      .where('e.at', '>=', start)
      .where('e.at', '<', end)
      .execute();
    return rows.map((r) => ({
      orderId: r.order_id,
      leadUnitId: r.lead_unit_id,
      payload: readPayload('redo_ordered', r.payload),
    }));
  }

  /** Orders created and closed in [start, end). */
  async orderTotals(start: string, end: string): Promise<{ received: number; closed: number }> {
    const totals = await this.db
      .selectFrom('work_orders')
      .select([
        sql<number>`sum(case when created_at >= ${start} and created_at < ${end} then 1 else 0 end)`.as(
          'received',
        ),
        sql<number>`sum(case when closed_at >= ${start} and closed_at < ${end} then 1 else 0 end)`.as(
          'closed',
        ),
      ])
      .executeTakeFirst();
    return { received: Number(totals?.received ?? 0), closed: Number(totals?.closed ?? 0) };
  }
}
