import { type PostgresPool, type PostgresPoolClient, type PostgresQueryResult, sql } from 'kysely';
import type pg from 'pg';

/**
 * Named prepared statements on PostgreSQL for the few hot statements whose plan does not depend
 * on their parameters (an order's whole page by id).
 *
 * Kysely sends every statement unnamed, so PostgreSQL parses and plans it on every request. For
 * the whole-order statement (four joins, four JSON subqueries) planning took 1–3 ms against
 * 0.7–0.9 ms of execution on the 1M stand-in (EXPLAIN ANALYZE, warm connection). A named
 * statement is parsed once per connection, and after five executions PostgreSQL keeps a generic
 * plan when it costs no more than the custom ones, as it does for a lookup by primary key.
 *
 * Only texts registered with `keepPrepared`, or ending with `KEPT_PREPARED`, are named, not every
 * repeated text: a generic plan is chosen without the parameters' values, which is wrong for a
 * list whose best plan depends on how many orders a unit or a keyword has. The set is bounded;
 * texts past the bound run unnamed as before.
 */
const MAX_NAMED = 200;
const KEPT_MARK = '/* kept prepared */';

/**
 * Appended to a statement (Kysely's `modifyEnd`) whose plan is the same whatever its parameters:
 * a write or a read by key, such as the workflow's guarded update of an order, its events, its
 * assignments and its notices. On PostgreSQL the statement is then named and kept prepared on
 * each connection; an order's update alone took 120 µs to plan, every action (pg_stat_statements,
 * docs/performance.md). On SQLite it is a comment.
 */
export const KEPT_PREPARED = sql.raw(KEPT_MARK);
const names = new Map<string, string>();

/** Marks a statement's text to be sent as a named prepared statement on PostgreSQL. */
export function keepPrepared(text: string): void {
  if (!names.has(text) && names.size < MAX_NAMED) names.set(text, `huiyin_${names.size + 1}`);
}

/** The name a kept text runs under (tests look at `pg_prepared_statements`). */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

/**
 * After DDL changes a kept statement's result columns (a migration adding a column to
 * `work_orders`, whose `w.*` the page selects), PostgreSQL refuses to run it again on that
 * connection: "cached plan must not change result type". The connection then prepares the text
 * again under a new name, and a statement outside a transaction is run again at once; one inside
 * a transaction fails once (the transaction is already aborted), and the next attempt succeeds.
 * The app answers that request 503 RETRY_AFTER_UPGRADE (server/plugins/errors.ts).
 */
export const isStalePlan = (e: unknown) =>
  (e as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String(e));

class NamingClient implements PostgresPoolClient {
  /** Bumped when a kept plan went stale: every kept text is prepared again under a new name. */
  private generation = 0;
  private inTransaction = false;

  constructor(private readonly client: pg.PoolClient) {}

  // biome-ignore lint/suspicious/noExplicitAny: the overloads of Kysely's PostgresPoolClient.
  query(sql: any, parameters?: ReadonlyArray<unknown>): any {
    if (typeof sql !== 'string') return this.client.query(sql);
    return this.run(sql, parameters ?? []);
  }

  private async run<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    this.track(sql);
    let name = names.get(sql);
    if (name === undefined && sql.endsWith(KEPT_MARK)) {
      keepPrepared(sql);
      name = names.get(sql);
    }
    if (name === undefined) return this.client.query(sql, [...parameters]) as never;
    const named = () =>
      this.client.query({ name: `${name}_${this.generation}`, text: sql, values: [...parameters] }) as never;
    try {
      return await named();
    } catch (e) {
      if (!isStalePlan(e)) throw e;
      this.generation++;
      if (this.inTransaction) throw e;
      return named();
    }
  }

  /** Whether a statement may be run again after a stale plan: not in an aborted transaction. */
  private track(sql: string) {
    if (/^\s*(begin|start transaction)\b/i.test(sql)) this.inTransaction = true;
    else if (/^\s*(commit|rollback)\s*;?\s*$/i.test(sql)) this.inTransaction = false;
  }

  release(destroy?: boolean): void {
    this.inTransaction = false;
    this.client.release(destroy);
  }
}

/**
 * The pool as Kysely sees it, naming the kept statements. Each pg client keeps one wrapper, so
 * Kysely (which keys its connections by the client object) sets each connection up only once.
 */
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, NamingClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = new NamingClient(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
