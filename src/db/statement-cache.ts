import type { Database as SqliteFile, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The SQLite database as Kysely sees it, with prepared statements kept by their SQL text.
 *
 * Kysely prepares every query anew, and on this schema preparing costs about what running does
 * (50-column rows, the triggers of the search index and the figures): in a profile of an order's
 * page, `prepare` was the largest single cost (14 % of the server's CPU). Queries are built from a
 * few dozen shapes, so their texts repeat and a statement can be reused; a query whose text varies
 * (an `in (?, ?, …)` list of another length) takes one more entry, and the least recently used
 * entries beyond `capacity` are finalized by the garbage collector. A statement still being
 * iterated (a streamed export) is never handed out twice: a fresh one is prepared instead.
 * SQLite re-prepares a kept statement by itself when a migration changes the schema.
 */
const COMMIT = /^\s*(commit|end)\b/i;

export function withStatementCache(
  file: SqliteFile,
  capacity = 300,
  /**
   * Told of every statement that may write and of every COMMIT, just before it runs (Kysely
   * prepares each query right before running it, on the same thread): the log's group commit
   * (`WalSync`) counts them.
   */
  onWrite: () => void = () => {},
): SqliteDatabase {
  const kept = new Map<string, Statement>();
  const lookup = (sql: string): Statement => {
    const cached = kept.get(sql);
    if (cached && !cached.busy) {
      // Most recently used last: Map keeps insertion order, so the first key is the oldest.
      kept.delete(sql);
      kept.set(sql, cached);
      return cached;
    }
    const statement = file.prepare(sql);
    if (cached) return statement;
    kept.set(sql, statement);
    if (kept.size > capacity) kept.delete(kept.keys().next().value as string);
    return statement;
  };
  return {
    close: () => file.close(),
    prepare(sql: string) {
      const statement = lookup(sql);
      // SQLite counts BEGIN and COMMIT as read-only (they write nothing themselves); the COMMIT
      // is when a transaction's writes reach the log.
      if (!statement.readonly || COMMIT.test(sql)) onWrite();
      return statement;
    },
  };
}
