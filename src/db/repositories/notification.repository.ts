import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface LatestNotice {
  id: number;
  title: string;
  body: string;
  orderId: number | null;
}

/** What the live notification stream reads: a user's unread count and newest notice, and its streams' sessions. */
export class NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async unread(userId: number): Promise<number> {
    const r = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async latest(userId: number): Promise<LatestNotice | null> {
    const r = await this.db
      .selectFrom('notifications')
      .select(['id', 'title', 'body', 'order_id'])
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? { id: r.id, title: r.title, body: r.body, orderId: r.order_id } : null;
  }

  /**
   * The sessions (of open streams) that still exist, unexpired, with an active user, in one
   * statement for all of a process's streams; the idle rule is the caller's.
   */
  sessionsOf(ids: readonly string[], now: Date) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.created_at', 'sessions.last_seen_at'])
      .where('sessions.id', 'in', [...ids])
      .where('sessions.expires_at', '>', now.toISOString())
      .where('users.active', '=', 1)
      .execute();
  }
}
