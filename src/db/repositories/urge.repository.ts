import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

export interface NewUrge {
  orderId: number;
  unitId: number;
  message: string;
  auto: boolean;
  createdBy: number | null;
}

/** Urges (催办) sent to a unit about an order; the unit marks each one read. */
export class UrgeRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  async insertMany(urges: NewUrge[], at: string): Promise<void> {
    if (urges.length === 0) return;
    await this.db
      .insertInto('urges')
      .values(
        urges.map((u) => ({
          order_id: u.orderId,
          unit_id: u.unitId,
          message: u.message,
          auto: u.auto ? 1 : 0,
          created_at: at,
          created_by: u.createdBy,
        })),
      )
      .execute();
  }

  find(orderId: number, urgeId: number) {
    return this.db
      .selectFrom('urges')
      .selectAll()
      .where('id', '=', urgeId)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
  }

  async markRead(id: number, at: string, userId: number): Promise<void> {
    await this.db.updateTable('urges').set({ read_at: at, read_by: userId }).where('id', '=', id).execute();
  }
}
