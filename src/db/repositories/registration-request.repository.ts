import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** What a request key already stands for: the order it registered, and who sent it. */
export interface KeptRequest {
  userId: number;
  orderId: number | null;
  /** The hash of the form it was first sent with (null: not recorded then). */
  contentHash: string | null;
}

/**
 * The keys registration forms send (`Idempotency-Key`). Must run inside the registration's
 * transaction: the key is claimed first, so a second request with it waits for the first to
 * commit (PostgreSQL's unique check; SQLite has one writer) and then finds the order it made.
 */
export class RegistrationRequestRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Claims the key for this request; undefined when it is claimed, else what it already stands for. */
  async claim(key: string, userId: number, contentHash: string, at: Date): Promise<KeptRequest | undefined> {
    const claimed = await this.db
      .insertInto('registration_requests')
      .values({
        key,
        user_id: userId,
        order_id: null,
        created_at: at.toISOString(),
        content_hash: contentHash,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) return undefined;
    const kept = await this.db
      .selectFrom('registration_requests')
      .select(['user_id', 'order_id', 'content_hash'])
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    return { userId: kept.user_id, orderId: kept.order_id, contentHash: kept.content_hash };
  }

  /** Forgets the keys of requests made before `at`; returns how many. */
  async forgetBefore(at: Date): Promise<number> {
    const r = await this.db
      .deleteFrom('registration_requests')
      .where('created_at', '<', at.toISOString())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Records the order the request registered under its key. */
  async registered(key: string, orderId: number): Promise<void> {
    await this.db
      .updateTable('registration_requests')
      .set({ order_id: orderId })
      .where('key', '=', key)
      .execute();
  }
}
