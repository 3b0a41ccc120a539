import type { Kysely, SelectQueryBuilder } from 'kysely';
import { dialectOf } from './connection.js';
import type { Database } from './schema.js';

/**
 * The due rows of a queue that several server processes drain (deliveries, the city outbox), as
 * the subquery of the one UPDATE that claims them. On PostgreSQL the rows are locked
 * `FOR UPDATE SKIP LOCKED`, so processes claiming at the same instant take disjoint rows instead
 * of waiting for or re-reading each other's; on SQLite the statement already runs under the
 * database's single write lock, which gives the same guarantee.
 */
// biome-ignore lint/suspicious/noExplicitAny: any table's select of ids
export function lockedForClaim<Q extends SelectQueryBuilder<any, any, any>>(db: Kysely<Database>, due: Q): Q {
  return (dialectOf(db) === 'postgres' ? due.forUpdate().skipLocked() : due) as Q;
}
