import type { Kysely, Transaction } from 'kysely';
import type { AttachmentFacts } from '../../domain/attachment-purpose.js';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Stored files and the requests they serve as proof for. */
export class AttachmentRepository {
  constructor(private readonly db: Executor) {}

  async facts(id: number): Promise<AttachmentFacts | undefined> {
    const row = await this.db
      .selectFrom('attachments')
      .select(['id', 'order_id', 'purpose', 'unit_id', 'bound_to'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      orderId: row.order_id,
      purpose: row.purpose,
      unitId: row.unit_id,
      boundTo: row.bound_to,
    };
  }

  /**
   * Binds a file to the request it proves. Conditional, so two requests racing for one file
   * cannot both have it; returns false when it was already bound.
   */
  async bind(id: number, request: string): Promise<boolean> {
    const r = await this.db
      .updateTable('attachments')
      .set({ bound_to: request })
      .where('id', '=', id)
      .where('bound_to', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
