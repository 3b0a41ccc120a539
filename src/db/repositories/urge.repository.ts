import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Urges (催办) sent to a unit about an order; the unit marks each one read. */
export class UrgeRepository {
  constructor(private readonly db: Kysely<Database>) {}

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
