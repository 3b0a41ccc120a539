import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface StoredAnswer {
  requestHash: string;
  status: number;
  response: unknown;
}

/** The first answer given to each (client, idempotency key). */
export class IdempotencyRepository {
  constructor(private readonly db: Executor) {}

  async find(clientId: number, key: string): Promise<StoredAnswer | undefined> {
    const row = await this.db
      .selectFrom('idempotency_records')
      .select(['request_hash', 'status', 'response'])
      .where('client_id', '=', clientId)
      .where('key', '=', key)
      .executeTakeFirst();
    return row && { requestHash: row.request_hash, status: row.status, response: JSON.parse(row.response) };
  }

  /**
   * Claims the key inside the caller's transaction. A concurrent claim of the same key waits on
   * the primary key until this transaction ends, then fails as a duplicate: the loser reads the
   * winner's answer instead of doing the work twice.
   */
  async claim(clientId: number, key: string, requestHash: string, at: string): Promise<void> {
    await this.db
      .insertInto('idempotency_records')
      .values({
        client_id: clientId,
        key,
        request_hash: requestHash,
        status: 0,
        response: 'null',
        created_at: at,
      })
      .execute();
  }

  async answer(clientId: number, key: string, status: number, response: unknown): Promise<void> {
    await this.db
      .updateTable('idempotency_records')
      .set({ status, response: JSON.stringify(response) })
      .where('client_id', '=', clientId)
      .where('key', '=', key)
      .execute();
  }
}

/** Whether a database error is a unique / primary key violation (PostgreSQL 23505, SQLite CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
