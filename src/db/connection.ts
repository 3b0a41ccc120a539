import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresAdapter, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type ChangeBus, LocalChangeBus, PgChangeBus } from './change-bus.js';
import { CommitGeneration } from './commit-generation.js';
import { OwnSchemaPostgresDialect } from './current-schema-introspector.js';
import { withNamedStatements } from './pg-named-statements.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';
import { type SyncFile, WalSync } from './wal-sync.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  /**
   * Where statistics and exports read: a replica (DATABASE_READ_URL, e.g. a streaming standby)
   * when one is named, otherwise the primary itself. Its data may lag the primary by the
   * replication delay, so nothing that must see the request's own writes reads here.
   */
  read: Kysely<Database>;
  dialect: DialectName;
  /** Tells the other server processes on this database what changed (LISTEN/NOTIFY on PostgreSQL). */
  bus: ChangeBus;
  /**
   * Resolves once every write committed so far would survive a power cut: an answer waits for it
   * before it acknowledges anything. PostgreSQL's commit is already durable when it returns; a
   * SQLite file syncs its log in groups, off the event loop (`WalSync`).
   */
  durable(): Promise<void>;
  /** Whether `durable()` would wait now (a cheap check for every answer). */
  writesPending(): boolean;
  /**
   * A token that stays the same only while nothing has been committed (commit-generation.ts), for
   * reads kept until the next commit (until-next-commit.ts); null where it cannot be told cheaply:
   * PostgreSQL, whose other server processes commit without telling this one.
   */
  generation(): string | null;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/huiyin.db';

/**
 * Opens the database named by a URL: `postgres://…` (or `postgresql://…`) for PostgreSQL,
 * `sqlite:<path>` or a bare path for the embedded SQLite default, `sqlite::memory:` for tests.
 */
export interface OpenOptions {
  /** PostgreSQL only: isolates a test run in its own schema. */
  schema?: string;
  /** PostgreSQL only: connections in the pool. */
  poolMax?: number;
  /**
   * SQLite only. FULL (the default): every commit is on disk before the answer that follows it
   * (the log synced in groups, off the event loop). NORMAL: commits are not synced; a power cut
   * may lose the last ones.
   */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** SQLite only: how the log is made durable (tests watch or slow it); fdatasync by default. */
  syncFile?: SyncFile;
  /** A replica for statistics and exports (DATABASE_READ_URL); the primary when omitted. */
  readUrl?: string;
}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

export function openDb(url: string = DEFAULT_DATABASE_URL, options: OpenOptions = {}): Db {
  const primary = openOne(url, options);
  if (!options.readUrl || options.readUrl === url) return primary;
  if (isPostgres(options.readUrl) !== isPostgres(url))
    throw new Error('DATABASE_READ_URL 应与 DATABASE_URL 为同一种数据库（PostgreSQL 的只读副本）。');
  // The replica's URL names its own place (its own `options`, if any); only the pool size is shared.
  const replica = openOne(options.readUrl, { poolMax: options.poolMax, readOnly: true });
  return {
    ...primary,
    read: replica.kysely,
    close: async () => {
      await replica.close();
      await primary.close();
    },
  };
}

function openOne(url: string, options: OpenOptions & { readOnly?: boolean }): Db {
  if (isPostgres(url)) {
    const clientConfig: pg.ClientConfig = {
      connectionString: url,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    };
    const pool = new pg.Pool({ ...clientConfig, max: options.poolMax ?? 10 });
    const kysely = new Kysely<Database>({
      dialect: new OwnSchemaPostgresDialect({
        pool: withNamedStatements(pool),
        onCreateConnection: async (c) => {
          // JIT compiles a plan whose estimate is large (a search over a million orders) for
          // tens of milliseconds, more than these short queries then run.
          await c.executeQuery(CompiledQuery.raw('set jit = off'));
          // A standby refuses writes anyway; saying so makes a write sent to the read URL fail
          // the same way when it names the primary.
          if (options.readOnly)
            await c.executeQuery(CompiledQuery.raw('set default_transaction_read_only = on'));
        },
      }),
    });
    const bus = new PgChangeBus(clientConfig);
    return {
      kysely,
      read: kysely,
      dialect: 'postgres',
      bus,
      durable: async () => {},
      writesPending: () => false,
      generation: () => null,
      close: async () => {
        await bus.close();
        await kysely.destroy();
      },
    };
  }
  const path = url.replace(/^sqlite:/, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path, { readonly: options.readOnly === true });
  if (!options.readOnly) sqlite.pragma('journal_mode = WAL');
  // Nothing the API has acknowledged may be lost, not even to a power cut. SQLite's own FULL
  // would fsync inside every commit, on the event loop; instead commits are written without a
  // sync (NORMAL keeps the file consistent) and `WalSync` syncs the log, in groups and off the
  // loop, before any answer goes out (the server waits for `durable()` in its onSend hook).
  const groupCommit =
    path !== ':memory:' && !options.readOnly && (options.sqliteSynchronous ?? 'FULL') === 'FULL'
      ? new WalSync(`${path}-wal`, options.syncFile)
      : null;
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Statement journals (a statement inside a transaction that may need undoing alone) stay in
  // memory: by default one past 64 KiB, as a registration's insert with its triggers and index
  // rows is, went to a temporary file created, unlinked and written at every such statement.
  sqlite.pragma('temp_store = MEMORY');
  const commits = new CommitGeneration(sqlite);
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: withStatementCache(sqlite, undefined, () => {
        commits.noteWrite();
        groupCommit?.noteWrite();
      }),
    }),
  });
  return {
    kysely,
    read: kysely,
    dialect: 'sqlite',
    bus: new LocalChangeBus(),
    durable: () => groupCommit?.durable() ?? Promise.resolve(),
    writesPending: () => groupCommit?.pending() ?? false,
    generation: () => commits.current(),
    close: async () => {
      await groupCommit?.close();
      await kysely.destroy();
    },
  };
}

/** One round trip to the database: the health check's proof that it answers. */
export async function ping(db: Kysely<Database>): Promise<void> {
  await db.executeQuery(CompiledQuery.raw('select 1'));
}

/** The dialect behind a Kysely instance or transaction (repositories that need a PostgreSQL-only clause ask). */
export function dialectOf(db: Kysely<Database>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
