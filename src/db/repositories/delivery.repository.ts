import type { Kysely } from 'kysely';
import { lockedForClaim } from '../claim.js';
import type { Database } from '../schema.js';

export interface ClaimedDelivery {
  id: number;
  channel: string;
  target: string;
  /** This attempt's number (the claim counted it). */
  attempt: number;
  title: string;
  body: string;
}

/**
 * Outbound deliveries (SMS, robots, mail) of notifications. A batch is claimed in one statement
 * (see `lockedForClaim`). The claim moves the row's next attempt to the end of a lease: a sender that dies leaves the row
 * to be claimed again after it.
 */
export class DeliveryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async claimDue(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
    const claimed = await this.db
      .updateTable('deliveries')
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        next_attempt_at: leaseUntil,
      }))
      .where('id', 'in', (eb) => {
        const due = eb
          .selectFrom('deliveries')
          .select('id')
          .where('status', 'in', ['pending', 'sending'])
          .where('next_attempt_at', '<=', now)
          .orderBy('id')
          .limit(limit);
        return lockedForClaim(this.db, due);
      })
      .returning(['id', 'channel', 'target', 'attempts', 'notification_id'])
      .execute();
    if (claimed.length === 0) return [];
    const texts = new Map(
      (
        await this.db
          .selectFrom('notifications')
          .select(['id', 'title', 'body'])
          .where(
            'id',
            'in',
            claimed.map((c) => c.notification_id),
          )
          .execute()
      ).map((n) => [n.id, n]),
    );
    return claimed
      .map((c) => ({
        id: c.id,
        channel: c.channel,
        target: c.target,
        attempt: c.attempts,
        title: texts.get(c.notification_id)?.title ?? '',
        body: texts.get(c.notification_id)?.body ?? '',
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** Records the outcome of an attempt this process claimed; a claim taken over after its lease changes nothing. */
  async settle(
    id: number,
    attempt: number,
    outcome: { status: 'sent'; at: string } | { status: 'pending' | 'failed'; error: string; nextAt: string },
  ): Promise<void> {
    const set =
      outcome.status === 'sent'
        ? { status: 'sent', sent_at: outcome.at, last_error: null }
        : {
            status: outcome.status,
            last_error: outcome.error.slice(0, 500),
            next_attempt_at: outcome.nextAt,
          };
    await this.db
      .updateTable('deliveries')
      .set(set)
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('attempts', '=', attempt)
      .execute();
  }
}
