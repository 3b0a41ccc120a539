import type { Kysely, Transaction } from 'kysely';
import type { CityResult } from '../../domain/city-link.js';
import { lockedForClaim } from '../claim.js';
import type { CityOutboxRow, Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** An outbox row as the office's lists show it: its order's codes, the event, the failures. */
export interface ListedResult {
  id: number;
  orderId: number;
  orderCode: string;
  cityOrderNo: string;
  event: string;
  sequence: number;
  attempts: number;
  lastError: string | null;
}

export interface DeadLetter extends ListedResult {
  deadSince: string;
  createdAt: string;
}

export interface RetryingResult extends ListedResult {
  nextAttemptAt: string;
}

const listed = (r: {
  id: number;
  order_id: number;
  code: string;
  city_order_no: string | null;
  event_type: string;
  seq: number;
  attempts: number;
  last_error: string | null;
}): ListedResult => ({
  id: r.id,
  orderId: r.order_id,
  orderCode: r.code,
  cityOrderNo: r.city_order_no ?? '',
  event: r.event_type,
  sequence: r.seq,
  attempts: r.attempts,
  lastError: r.last_error,
});

/**
 * The city outbox: results written beside the change that caused them, then delivered one at a
 * time per order. Claims are conditional updates (status and attempts as read), so two
 * processes never send the same row at once and a crashed sender's lease simply runs out.
 */
export class CityOutboxRepository {
  constructor(private readonly db: Executor) {}

  /** Queues results for one order, numbering them after the order's last one. Inside the change's transaction. */
  async enqueue(orderId: number, results: (seq: number) => CityResult[], at: string): Promise<void> {
    const last = await this.db
      .selectFrom('city_outbox')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    const rows = results(Number(last?.seq ?? 0) + 1);
    if (rows.length === 0) return;
    await this.db
      .insertInto('city_outbox')
      .values(
        rows.map((r) => ({
          order_id: orderId,
          seq: r.sequence,
          event_type: r.event,
          idempotency_key: r.idempotencyKey,
          payload: JSON.stringify(r),
          status: 'pending',
          next_attempt_at: at,
          created_at: at,
        })),
      )
      .execute();
  }

  /**
   * Rows ready to send: pending (or sending with a lease run out) and due, and the first
   * undelivered row of their order, so a later event never overtakes an earlier one.
   */
  due(now: string, limit: number): Promise<CityOutboxRow[]> {
    return this.dueRows(now, limit).execute();
  }

  private dueRows(now: string, limit: number) {
    return this.db
      .selectFrom('city_outbox as o')
      .selectAll('o')
      .where('o.status', 'in', ['pending', 'sending'])
      .where('o.next_attempt_at', '<=', now)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('city_outbox as e')
              .select('e.id')
              .whereRef('e.order_id', '=', 'o.order_id')
              .whereRef('e.seq', '<', 'o.seq')
              .where('e.status', '!=', 'sent'),
          ),
        ),
      )
      .orderBy('o.id')
      .limit(limit);
  }

  /**
   * Takes a batch of due rows for this process until `leaseUntil`, in one statement (see
   * `lockedForClaim`). Each returned row
   * carries the attempts as they were before this claim (the claim counts one more).
   */
  async claimDue(now: string, leaseUntil: string, limit: number): Promise<CityOutboxRow[]> {
    const rows = await this.db
      .updateTable('city_outbox')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
      .where('id', 'in', () => {
        return lockedForClaim(
          this.db as Kysely<Database>,
          this.dueRows(now, limit).clearSelect().select('o.id'),
        );
      })
      .returningAll()
      .execute();
    return rows.map((r) => ({ ...r, attempts: r.attempts - 1 })).sort((a, b) => a.id - b.id);
  }

  /** Takes the row for this process until `leaseUntil`; false when another process took it first. */
  async claim(row: CityOutboxRow, leaseUntil: string): Promise<boolean> {
    const r = await this.db
      .updateTable('city_outbox')
      .set({ status: 'sending', attempts: row.attempts + 1, next_attempt_at: leaseUntil })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Records the outcome of the attempt this process claimed (a stale claim changes nothing). */
  async settle(
    id: number,
    attempts: number,
    outcome:
      | { status: 'sent'; at: string }
      | { status: 'pending'; error: string; nextAt: string }
      | { status: 'dead'; error: string; at: string },
  ): Promise<void> {
    const set =
      outcome.status === 'sent'
        ? { status: 'sent', sent_at: outcome.at, last_error: null }
        : outcome.status === 'pending'
          ? { status: 'pending', last_error: outcome.error.slice(0, 500), next_attempt_at: outcome.nextAt }
          : { status: 'dead', last_error: outcome.error.slice(0, 500), dead_since: outcome.at };
    await this.db
      .updateTable('city_outbox')
      .set(set)
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('attempts', '=', attempts)
      .execute();
  }

  async deadLetters(limit = 500): Promise<DeadLetter[]> {
    const rows = await this.withOrders()
      .select(['o.dead_since', 'o.created_at'])
      .where('o.status', '=', 'dead')
      .orderBy('o.dead_since')
      .orderBy('o.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...listed(r),
      deadSince: r.dead_since ?? r.created_at,
      createdAt: r.created_at,
    }));
  }

  /**
   * Results still being tried after failing at least once: what failed, how often, and when the
   * next attempt is due. The office sees a failing link at once, not only when a result dies.
   */
  async retrying(limit = 200): Promise<RetryingResult[]> {
    const rows = await this.withOrders()
      .select('o.next_attempt_at')
      .where('o.status', 'in', ['pending', 'sending'])
      .where('o.attempts', '>', 0)
      .orderBy('o.next_attempt_at')
      .orderBy('o.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...listed(r), nextAttemptAt: r.next_attempt_at }));
  }

  /** Outbox rows with what the office reads of each: its order's codes, the event, the failures. */
  private withOrders() {
    return this.db
      .selectFrom('city_outbox as o')
      .innerJoin('work_orders as w', 'w.id', 'o.order_id')
      .select([
        'o.id',
        'o.order_id',
        'w.code',
        'w.city_order_no',
        'o.event_type',
        'o.seq',
        'o.attempts',
        'o.last_error',
      ]);
  }

  /** Puts dead rows (one, or all when id is null) back in the queue with fresh attempts. */
  async resend(id: number | null, now: string): Promise<number> {
    let q = this.db
      .updateTable('city_outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, dead_since: null })
      .where('status', '=', 'dead');
    if (id !== null) q = q.where('id', '=', id);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async countsByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('city_outbox')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Huiyin's side of the reconciliation: every order from the city, its state and what is still to send. */
  async cityOrders(): Promise<
    { cityOrderNo: string; orderCode: string; state: string; undelivered: number }[]
  > {
    const rows = await this.db
      .selectFrom('work_orders as w')
      .leftJoin('city_outbox as o', (j) => j.onRef('o.order_id', '=', 'w.id').on('o.status', '!=', 'sent'))
      .select(['w.city_order_no', 'w.code', 'w.state', (eb) => eb.fn.count<number>('o.id').as('undelivered')])
      .where('w.city_order_no', 'is not', null)
      .groupBy(['w.id', 'w.city_order_no', 'w.code', 'w.state'])
      .execute();
    return rows.map((r) => ({
      cityOrderNo: r.city_order_no as string,
      orderCode: r.code,
      state: r.state,
      undelivered: Number(r.undelivered),
    }));
  }
}
