import type { Kysely, Transaction } from 'kysely';
import { KEPT_PREPARED } from '../pg-named-statements.js';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** A notification to write: one person, one notice. */
export interface NewNotification {
  userId: number;
  orderId: number | null;
  kind: string;
  title: string;
  body: string;
}

/** A pending outbound message of a notification, for the delivery worker to send after commit. */
export interface NewDelivery {
  notificationId: number;
  channel: string;
  target: string;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface LatestNotice {
  id: number;
  title: string;
  body: string;
  orderId: number | null;
}

/**
 * Notifications and their outbound deliveries (the outbox the delivery worker drains): what a
 * user reads and marks read, what the live stream reads, and what the notifier writes.
 */
export class NotificationRepository {
  constructor(private readonly db: Executor) {}

  async listFor(userId: number, opts: { unreadOnly: boolean; limit: number }) {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .$if(opts.unreadOnly, (q) => q.where('read_at', 'is', null))
      .orderBy('id', 'desc')
      .limit(opts.limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      orderId: r.order_id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      createdAt: r.created_at,
      readAt: r.read_at,
    }));
  }

  /** Whether the user's notification existed to mark. */
  async markRead(userId: number, id: number, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async markAllRead(userId: number, at: string): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .execute();
  }

  /** One insert for every notification; the ids come back in the order the rows were given. */
  async insertMany(rows: NewNotification[], at: string): Promise<number[]> {
    const inserted = await this.db
      .insertInto('notifications')
      .values(
        rows.map((n) => ({
          user_id: n.userId,
          order_id: n.orderId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          created_at: at,
        })),
      )
      .returning('id')
      .modifyEnd(KEPT_PREPARED)
      .execute();
    // One statement numbers its rows in the order given; RETURNING's order is not promised.
    return inserted.map((r) => Number(r.id)).sort((x, y) => x - y);
  }

  /** Pending deliveries, due at once. */
  async enqueueDeliveries(rows: NewDelivery[], at: string): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('deliveries')
      .values(
        rows.map((d) => ({
          notification_id: d.notificationId,
          channel: d.channel,
          target: d.target,
          status: 'pending',
          next_attempt_at: at,
          created_at: at,
        })),
      )
      .modifyEnd(KEPT_PREPARED)
      .execute();
  }

  /** The newest 200 deliveries, for the administrator's log. */
  async recentDeliveries(status?: DeliveryStatus) {
    const rows = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .$if(status !== undefined, (q) => q.where('status', '=', status as DeliveryStatus))
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return rows.map((d) => ({
      id: d.id,
      notificationId: d.notification_id,
      channel: d.channel,
      target: d.target,
      status: d.status,
      attempts: d.attempts,
      lastError: d.last_error,
      createdAt: d.created_at,
      sentAt: d.sent_at,
    }));
  }

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
