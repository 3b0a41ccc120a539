import type { Kysely, Transaction } from 'kysely';
import {
  continuesRun,
  POLL_RUNS_KEPT,
  type PollAttempt,
  type PollOutcomeKind,
} from '../../domain/city-poll.js';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface PollRun {
  outcome: PollOutcomeKind;
  reason: string | null;
  firstAt: string;
  lastAt: string;
  polls: number;
  received: number;
  refusedOrders: number;
}

/** The order-list polls' latest runs (migration city-002, domain/city-poll.ts). */
export class CityPollRepository {
  constructor(private readonly db: Executor) {}

  /** Adds a poll to the latest run when it continues it; else starts a run and deletes the oldest beyond the kept ones. */
  async record(attempt: PollAttempt, at: string): Promise<void> {
    const latest = await this.db
      .selectFrom('city_poll_runs')
      .select(['id', 'outcome', 'reason'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (
      latest &&
      continuesRun({ outcome: latest.outcome as PollOutcomeKind, reason: latest.reason }, attempt)
    ) {
      await this.db
        .updateTable('city_poll_runs')
        .set((eb) => ({
          last_at: at,
          polls: eb('polls', '+', 1),
          received: eb('received', '+', attempt.received),
          refused_orders: eb('refused_orders', '+', attempt.refusedOrders),
        }))
        .where('id', '=', latest.id)
        .execute();
      return;
    }
    await this.db
      .insertInto('city_poll_runs')
      .values({
        outcome: attempt.outcome,
        reason: attempt.reason,
        first_at: at,
        last_at: at,
        received: attempt.received,
        refused_orders: attempt.refusedOrders,
      })
      .execute();
    const oldestKept = await this.db
      .selectFrom('city_poll_runs')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .offset(POLL_RUNS_KEPT - 1)
      .executeTakeFirst();
    if (oldestKept) await this.db.deleteFrom('city_poll_runs').where('id', '<', oldestKept.id).execute();
  }

  /** When the latest poll ended, whatever its outcome; null before the first. */
  async lastPolledAt(): Promise<string | null> {
    const latest = await this.db
      .selectFrom('city_poll_runs')
      .select('last_at')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return latest?.last_at ?? null;
  }

  /** The kept runs, the latest first. */
  async recent(): Promise<PollRun[]> {
    const rows = await this.db
      .selectFrom('city_poll_runs')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(POLL_RUNS_KEPT)
      .execute();
    return rows.map((r) => ({
      outcome: r.outcome as PollOutcomeKind,
      reason: r.reason,
      firstAt: r.first_at,
      lastAt: r.last_at,
      polls: r.polls,
      received: r.received,
      refusedOrders: r.refused_orders,
    }));
  }
}
