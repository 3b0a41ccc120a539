import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';
import type {
  SupervisionFollowUpRow,
  SupervisionFollowUpsTable,
  SupervisionTrackingRow,
  SupervisionTrackingsTable,
  SupervisionVisitRow,
  SupervisionVisitsTable,
} from '../schema-supervision.js';

type Executor = Kysely<Database> | Transaction<Database>;

export type UnitNamed<T> = T & { unit_name: string };

/** 现场督办 and 跟踪督办 records of orders (the tracking aggregate holds its follow-ups). */
export class SupervisionRecordRepository {
  constructor(private readonly db: Executor) {}

  visitsOf(orderId: number): Promise<UnitNamed<SupervisionVisitRow>[]> {
    return this.db
      .selectFrom('supervision_visits as v')
      .innerJoin('units as u', 'u.id', 'v.unit_id')
      .selectAll('v')
      .select('u.name as unit_name')
      .where('v.order_id', '=', orderId)
      .orderBy('v.visited_at')
      .orderBy('v.id')
      .execute();
  }

  trackingsOf(orderId: number): Promise<UnitNamed<SupervisionTrackingRow>[]> {
    return this.db
      .selectFrom('supervision_trackings as t')
      .innerJoin('units as u', 'u.id', 't.unit_id')
      .selectAll('t')
      .select('u.name as unit_name')
      .where('t.order_id', '=', orderId)
      .orderBy('t.id')
      .execute();
  }

  tracking(orderId: number, id: number): Promise<SupervisionTrackingRow | undefined> {
    return this.db
      .selectFrom('supervision_trackings')
      .selectAll()
      .where('id', '=', id)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
  }

  followUpsOf(trackingIds: number[]): Promise<SupervisionFollowUpRow[]> {
    if (trackingIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('supervision_follow_ups')
      .selectAll()
      .where('tracking_id', 'in', trackingIds)
      .orderBy('followed_at')
      .orderBy('id')
      .execute();
  }

  async insertVisit(v: Insertable<SupervisionVisitsTable>): Promise<number> {
    const row = await this.db
      .insertInto('supervision_visits')
      .values(v)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async insertTracking(t: Insertable<SupervisionTrackingsTable>): Promise<number> {
    const row = await this.db
      .insertInto('supervision_trackings')
      .values(t)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async insertFollowUp(f: Insertable<SupervisionFollowUpsTable>): Promise<number> {
    const row = await this.db
      .insertInto('supervision_follow_ups')
      .values(f)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Ends a tracking that is still open; false when it was ended meanwhile. */
  async endTracking(id: number, at: string, byName: string, conclusion: string): Promise<boolean> {
    const r = await this.db
      .updateTable('supervision_trackings')
      .set({ ended_at: at, ended_by_name: byName, conclusion })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
