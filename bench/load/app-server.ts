import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../../src/config.js';
import { openDb } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';

/**
 * The product's server for the benchmark, in a child process: the real buildApp on the bench's
 * database, listening on loopback only. Its clock starts at the data set's present and runs.
 */
const url = process.env.BENCH_DB_URL as string;

// What-if experiment (--what-if stmt-cache), not the product: reuse better-sqlite3's prepared
// statements by SQL text, as a cache in src/db/connection.ts would. Kysely prepares each query
// anew, and preparing costs as much as running on this schema (triggers, 50-column rows).
if (process.env.BENCH_STMT_CACHE === '1') {
  const proto = SQLite.prototype as unknown as { prepare(source: string): unknown };
  const prepare = proto.prepare;
  const caches = new WeakMap<object, Map<string, unknown>>();
  proto.prepare = function (this: object, source: string) {
    const cache = caches.get(this) ?? new Map<string, unknown>();
    caches.set(this, cache);
    const statement = cache.get(source) ?? prepare.call(this, source);
    cache.set(source, statement);
    return statement;
  };
}
const schema = process.env.BENCH_DB_SCHEMA;
const startAt = new Date(process.env.BENCH_NOW as string).getTime();
const t0 = Date.now();
const clock = { now: () => new Date(startAt + (Date.now() - t0)) };

const config = loadConfig();
const db = openDb(url, {
  ...(schema ? { schema } : {}),
  poolMax: config.PG_POOL_MAX,
  sqliteSynchronous: config.SQLITE_SYNCHRONOUS,
});
await migrateToLatest(db);
// Logging as `npm start` does (src/server/main.ts): a line per request received and answered, at
// LOG_LEVEL, to standard output (a file the bench names; a journal or a pipe in production).
const { app } = await buildApp({
  db,
  config,
  logger: true,
  clock,
  uploadsDir: mkdtempSync(join(tmpdir(), 'huiyin-bench-')),
});
await app.listen({ host: '127.0.0.1', port: 0 });
// BENCH_MEMORY_LOG=1: where the server's memory is, every second (what the RSS figure is made of).
if (process.env.BENCH_MEMORY_LOG === '1') {
  const mib = (n: number) => (n / 2 ** 20).toFixed(0);
  setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(
      `memory rss ${mib(m.rss)} heapTotal ${mib(m.heapTotal)} heapUsed ${mib(m.heapUsed)} external ${mib(m.external)} arrayBuffers ${mib(m.arrayBuffers)} MiB\n`,
    );
  }, 1000).unref();
}
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', async () => {
  await app.close();
  await db.close();
  process.exit(0);
});
