import type { Kysely, Transaction } from 'kysely';
import type { ReconciliationItem } from '../../domain/city-link.js';
import type { CityReconciliationRow, Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface ReconciliationReport {
  id: number;
  runKey: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  compared: number;
  items: ReconciliationItem[];
}

const toReport = (r: CityReconciliationRow): ReconciliationReport => ({
  id: r.id,
  runKey: r.run_key,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status as ReconciliationReport['status'],
  error: r.error,
  compared: r.compared,
  items: JSON.parse(r.items) as ReconciliationItem[],
});

/** The order-list poll's cursor and the reconciliation reports. */
export class CitySyncRepository {
  constructor(private readonly db: Executor) {}

  /** The unit that stands for the city platform: orders pulled from its list are registered in its name. */
  cityPlatformUnit() {
    return this.db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('kind', '=', 'city_platform')
      .orderBy('id')
      .executeTakeFirst();
  }

  async cursor(name: string): Promise<{ cursor: string; polledAt: string } | null> {
    const row = await this.db
      .selectFrom('city_sync_cursors')
      .select(['cursor', 'polled_at'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? { cursor: row.cursor, polledAt: row.polled_at } : null;
  }

  /**
   * Moves the cursor from `from` to `to`, only if nobody moved it since it was read: in the
   * transaction that stores the orders, so orders and cursor commit together, and a second
   * process polling the same page gets false and rolls back.
   */
  async advance(name: string, from: string | null, to: string, at: string): Promise<boolean> {
    if (from === null) {
      const r = await this.db
        .insertInto('city_sync_cursors')
        .values({ name, cursor: to, polled_at: at })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const r = await this.db
      .updateTable('city_sync_cursors')
      .set({ cursor: to, polled_at: at })
      .where('name', '=', name)
      .where('cursor', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Starts a run under a unique key; null when a run with that key exists (another process has it). */
  async startReconciliation(runKey: string, at: string, userId: number | null): Promise<number | null> {
    const r = await this.db
      .insertInto('city_reconciliations')
      .values({ run_key: runKey, started_at: at, started_by: userId, status: 'running', items: '[]' })
      .onConflict((oc) => oc.column('run_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return r ? Number(r.id) : null;
  }

  async finishReconciliation(
    id: number,
    at: string,
    outcome: { items: ReconciliationItem[]; compared: number } | { error: string },
  ): Promise<void> {
    await this.db
      .updateTable('city_reconciliations')
      .set(
        'error' in outcome
          ? { status: 'failed', finished_at: at, error: outcome.error.slice(0, 500) }
          : {
              status: 'done',
              finished_at: at,
              items: JSON.stringify(outcome.items),
              compared: outcome.compared,
            },
      )
      .where('id', '=', id)
      .execute();
  }

  async reconciliation(id: number): Promise<ReconciliationReport | null> {
    const r = await this.db
      .selectFrom('city_reconciliations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toReport(r) : null;
  }

  async latestReconciliation(): Promise<ReconciliationReport | null> {
    const r = await this.db
      .selectFrom('city_reconciliations')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? toReport(r) : null;
  }
}
