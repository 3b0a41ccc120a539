import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type KyselyPlugin, type QueryId, type RootOperationNode, sql } from 'kysely';
import pg from 'pg';
import { type Config, DEFAULT_CONFIG, loadConfig } from '../../src/config.js';
import { type Db, openDb } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { SyncFile } from '../../src/db/wal-sync.js';
import { buildApp } from '../../src/server/app.js';
import { ManualClock } from '../../src/server/clock.js';
import type { AppContext } from '../../src/server/context.js';
import { seedDemo } from '../../src/setup/seed/demo.js';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../../src/setup/seed/demo-county.js';
import { seedOrganization } from '../../src/setup/seed/organization.js';
import { seedReference } from '../../src/setup/seed/reference.js';

/**
 * The database under test: SQLite in memory by default; PostgreSQL when TEST_DATABASE_URL is
 * set (scripts/with-postgres.sh sets it), each test file in a schema of its own.
 */
export const TEST_DIALECT = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** Where the test database lives, as DATABASE_URL (and the schema on PostgreSQL) would name it. */
export interface TestDatabasePlace {
  databaseUrl: string;
  schema?: string;
}

export async function openTestDb(
  sqliteFile?: string,
  syncFile?: SyncFile,
  poolMax?: number,
): Promise<{ db: Db; drop: () => Promise<void>; another: () => Db | null; place: TestDatabasePlace }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const databaseUrl = `sqlite:${sqliteFile ?? ':memory:'}`;
    const db = openDb(databaseUrl, { syncFile });
    return { db, drop: () => db.close(), another: () => null, place: { databaseUrl } };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDb(url, { schema, ...(poolMax ? { poolMax } : {}) });
  return {
    db,
    place: { databaseUrl: url, schema },
    another: () => openDb(url, { schema }),
    drop: async () => {
      await sql.raw(`drop schema ${schema} cascade`).execute(db.kysely);
      await db.close();
    },
  };
}

export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  unitId(code: string): number;
  /** A client logged in as a demo user (sessions are cached per user). */
  as(username: string): Promise<Client>;
  anonymous: Client;
  /** On PostgreSQL, a second connection pool to the same database, as another server process would have; null on SQLite. */
  anotherConnection(): Db | null;
  /** The session cookie of a demo user, for requests the client does not cover (uploads). */
  cookieOf(username: string): Promise<string>;
  /** The database as a backup names it, the audit chain's key and the attachments' folder. */
  place: TestDatabasePlace;
  auditKey: Buffer;
  uploadsDir: string;
  /** With `countQueries`: the statements the application has run so far (kinds and tables), for budgets. */
  queries: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** SQLite only: a database file instead of memory (backups copy files). */
  sqliteFile?: string;
  /** SQLite file only: how the write-ahead log is synced (a test watches or holds it). */
  syncFile?: SyncFile;
  /** Record every statement the application runs in `queries` (a Kysely plugin on its executor). */
  countQueries?: boolean;
  /** Log as `npm start` does, each line (JSON text) pushed here. */
  logLines?: string[];
  /** PostgreSQL only: the pool's size (1: every request on one connection, whose session a test looks at). */
  poolMax?: number;
  /** The whole demo county, its orders driven through the workflow as `npm start` seeds it. */
  demoOrders?: boolean;
  /** `false`: no units and no accounts, as a county's own database before its first administrators. */
  organization?: boolean;
}

/** What a statement is, for reading a budget's failure: "select work_orders", "insert work_order_events". */
function describeQuery(node: RootOperationNode): string {
  const tables = new Set<string>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    const n = value as { kind?: string; table?: { identifier?: { name?: string } } };
    if (n.kind === 'TableNode' && n.table?.identifier?.name) tables.add(n.table.identifier.name);
    for (const child of Object.values(value)) walk(child);
  };
  walk(node);
  return `${node.kind.replace(/QueryNode$/, '').toLowerCase()} ${[...tables].join(',')}`.trim();
}

/** Counts the statements executed (a result came back), whatever built them. */
function queryRecorder(into: string[]): KyselyPlugin {
  const built = new WeakMap<QueryId, string>();
  return {
    transformQuery(args) {
      built.set(args.queryId, describeQuery(args.node));
      return args.node;
    },
    async transformResult(args) {
      into.push(built.get(args.queryId) ?? 'compiled');
      return args.result;
    },
  };
}

/** OUTBOUND_ALLOWED_NETWORKS of the test applications: loopback, where the fake endpoints listen. */
export const TEST_OUTBOUND_ALLOWED = loadConfig({
  OUTBOUND_ALLOWED_NETWORKS: '127.0.0.0/8,::1',
}).OUTBOUND_ALLOWED_NETWORKS;

/** A fresh application on a fresh database with the demo county's organization and no orders. */
export async function createTestApp(
  start = '2026-03-02T09:00:00+08:00',
  config: Partial<Config> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const {
    db: opened,
    drop,
    another,
    place,
  } = await openTestDb(options.sqliteFile, options.syncFile, options.poolMax);
  const queries: string[] = [];
  const db = options.countQueries
    ? { ...opened, kysely: opened.kysely.withPlugin(queryRecorder(queries)) }
    : opened;
  const auditKey = randomBytes(32);
  const clock = new ManualClock(start);
  const uploadsDir = mkdtempSync(join(tmpdir(), 'huiyin-uploads-'));
  // Tests sign in far more often than people: the per-IP login limit is tested on its own (test/security).
  // The tests' webhooks and city platform listen on this machine: loopback is permitted as a
  // deployment would permit a gateway on its own host (test/security/outbound-addresses.test.ts
  // passes `OUTBOUND_ALLOWED_NETWORKS: []` to see the product's default).
  const { app, ctx } = await buildApp({
    db,
    clock,
    uploadsDir,
    auditKey,
    config: {
      ...DEFAULT_CONFIG,
      LOGIN_RATE_PER_MINUTE: 100_000,
      OUTBOUND_ALLOWED_NETWORKS: TEST_OUTBOUND_ALLOWED,
      ...config,
    },
    ...(options.logLines
      ? { logger: true, logStream: { write: (line: string) => options.logLines?.push(line) } }
      : {}),
  });
  await migrateToLatest(db);
  await seedReference(ctx);
  if (options.demoOrders) await seedDemo(ctx);
  const units = options.demoOrders
    ? new Map(
        (await db.kysely.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
      )
    : options.organization === false
      ? new Map<string, number>()
      : await seedOrganization(db.kysely, DEMO_UNITS, DEMO_USERS, DEMO_PASSWORD, clock.now());
  // As in the demo: password only, unless a test switches two-step verification on (test/security).
  // Sessions as long as the settings allow, so tests that move the clock by days sign in less often
  // (test/security/sign-in.test.ts sets the defaults back to test the limits). Passwords do not
  // age, so tests that move the clock by months keep their accounts (test/security/password-age.test.ts
  // sets a maximum age).
  await ctx.settings.setSecurity({
    ...(await ctx.settings.security()),
    totpRequired: false,
    idleMinutes: 240,
    absoluteHours: 24,
    passwordMaxAgeDays: 0,
  });

  const request = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body: unknown,
    username?: string,
  ) => {
    const headers = username ? { cookie: await sessionCookie(username) } : {};
    return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
  };
  const client = (username?: string): Client => ({
    get: (url) => request('GET', url, undefined, username),
    post: (url, body) => request('POST', url, body ?? {}, username),
    put: (url, body) => request('PUT', url, body ?? {}, username),
    delete: (url) => request('DELETE', url, undefined, username),
  });
  // Sessions end after 240 idle minutes and 24 hours of (test) clock time; a client logs in again
  // when the clock has moved further than that since it last used its session.
  const sessions = new Map<string, { cookie: string; at: number; used: number }>();
  async function sessionCookie(username: string): Promise<string> {
    const cached = sessions.get(username);
    const now = clock.now().getTime();
    if (cached && now - cached.used < 230 * 60_000 && now - cached.at < 23 * 3600_000) {
      cached.used = now;
      return cached.cookie;
    }
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    sessions.set(username, { cookie, at: now, used: now });
    return cookie;
  }

  return {
    app,
    ctx,
    clock,
    unitId(code) {
      const id = units.get(code);
      if (!id) throw new Error(`no unit ${code}`);
      return id;
    },
    async as(username) {
      await sessionCookie(username);
      return client(username);
    },
    anonymous: client(),
    anotherConnection: another,
    cookieOf: sessionCookie,
    place,
    auditKey,
    uploadsDir,
    queries,
    async close() {
      await app.close();
      await drop();
      rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
