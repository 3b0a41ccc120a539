import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
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
  /** SQLite only: FULL (default) or NORMAL. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}

export function openDb(url: string = DEFAULT_DATABASE_URL, options: OpenOptions = {}): Db {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolMax ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', close: () => kysely.destroy() };
  }
  const path = url.replace(/^sqlite:/, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed transaction survives a power cut, not only a crash of the process —
  // nothing the API has acknowledged may be lost. (NORMAL is faster and may lose the last commits.)
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}
