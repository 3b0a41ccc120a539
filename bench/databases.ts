import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_CONFIG } from '../src/config.js';
import { type Db, type DialectName, openDb } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { JobRounds } from '../src/jobs/job-rounds.js';
import { DispatchAssistant } from '../src/modules/assistant/dispatch-assistant.service.js';
import { AuditTrail } from '../src/modules/audit/audit.service.js';
import { CalendarService } from '../src/modules/calendar/calendar.service.js';
import { NOT_SENDING } from '../src/modules/outbound/outbound-http.js';
import { SettingsService } from '../src/modules/settings/settings.service.js';
import type { Clock } from '../src/server/clock.js';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../src/setup/seed/demo-county.js';
import { seedOrganization } from '../src/setup/seed/organization.js';
import { seedReference } from '../src/setup/seed/reference.js';

export const BENCH_DIR = join(process.cwd(), 'data', 'bench');

/** Where a benchmark database lives: a SQLite file, or a schema in the PostgreSQL bench database. */
export interface BenchDbTarget {
  dialect: DialectName;
  url: string;
  schema?: string;
  /** PostgreSQL: the server's maintenance database, to create this one. */
  server?: string;
}

/**
 * PostgreSQL for the benchmark: BENCH_DATABASE_URL (a server whose role may create databases),
 * or this machine's PostgreSQL 15, started the way scripts/with-postgres.sh does. Each data set
 * gets a database of its own (huiyin_bench_<name>), since Kysely's migrator looks for its
 * tables in every schema of a database. Null when unavailable.
 */
export function postgresServer(log: (s: string) => void): string | null {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const r = spawnSync('bash', [join(import.meta.dirname, 'postgres.sh')], { encoding: 'utf8' });
  if (r.status !== 0) {
    log(`PostgreSQL unavailable, skipping it: ${(r.stderr || r.stdout).trim()}`);
    return null;
  }
  return r.stdout.trim();
}

export function target(dialect: DialectName, name: string, pgServer: string | null): BenchDbTarget {
  if (dialect === 'sqlite') return { dialect, url: `sqlite:${join(BENCH_DIR, `${name}.db`)}` };
  if (!pgServer) throw new Error('no PostgreSQL');
  const url = new URL(pgServer);
  // BENCH_TAG keeps the data sets of several checkouts apart on one server (SQLite files already
  // are: they live in each checkout's data/bench).
  const tag = process.env.BENCH_TAG ? `${process.env.BENCH_TAG}_` : '';
  url.pathname = `/huiyin_bench_${tag}${name}`;
  return { dialect, url: url.toString(), schema: 'bench', server: pgServer };
}

export function open(t: BenchDbTarget): Db {
  return openDb(t.url, t.schema ? { schema: t.schema } : {});
}

/** Creates the target's PostgreSQL database when missing (SQLite files create themselves). */
export async function ensureDatabase(t: BenchDbTarget): Promise<void> {
  if (t.dialect !== 'postgres') return;
  const server = new pg.Client({ connectionString: t.server });
  await server.connect();
  try {
    const name = new URL(t.url).pathname.slice(1);
    const exists = await server.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await server.query(
        `create database ${name} encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' template template0`,
      );
    }
  } finally {
    await server.end();
  }
}

/** Drops whatever the target holds and makes it a migrated, seeded (reference + organization) database. */
export async function freshDatabase(t: BenchDbTarget, clock: Clock): Promise<void> {
  if (t.dialect === 'sqlite') {
    mkdirSync(BENCH_DIR, { recursive: true });
    const path = t.url.replace(/^sqlite:/, '');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  } else {
    await ensureDatabase(t);
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    await admin.query(`drop schema if exists ${t.schema} cascade`);
    await admin.query(`create schema ${t.schema}`);
    await admin.end();
  }
  const db = open(t);
  try {
    await seedBenchCounty(db, clock);
  } finally {
    await db.close();
  }
}

/** Migrates `db` and seeds the reference data and the demo county's units and accounts, as the generator needs. */
export async function seedBenchCounty(db: Db, clock: Clock): Promise<void> {
  await migrateToLatest(db);
  const audit = new AuditTrail(db.kysely, clock, randomBytes(32));
  const ctx = {
    db,
    config: DEFAULT_CONFIG,
    clock,
    calendar: new CalendarService(db.kysely, clock),
    settings: new SettingsService(db.kysely, clock, audit),
    audit,
    assistant: new DispatchAssistant(db.kysely, clock),
    uploadsDir: join(BENCH_DIR, 'uploads'),
    jobs: new JobRounds(),
    // Seeding calls nobody.
    outbound: NOT_SENDING,
  };
  await seedReference(ctx);
  await seedOrganization(db.kysely, DEMO_UNITS, DEMO_USERS, DEMO_PASSWORD, clock.now());
  // As in the demo: the bench's users sign in with a password (two-step verification is
  // measured by nobody here, and the office's roles would otherwise be asked to enrol first).
  await ctx.settings.setSecurity({ ...(await ctx.settings.security()), totpRequired: false });
}

/**
 * Fresh statistics for the planner. PostgreSQL in service has them (autovacuum). Huiyin never
 * analyzes SQLite, so a county's SQLite database has none; the data sets keep them all the same,
 * and the reads were measured on a copy without them too (docs/performance.md, "A unit's tabs on
 * PostgreSQL started from its own orders": the same figures within the runs' spread).
 */
export async function analyze(t: BenchDbTarget): Promise<void> {
  const db = open(t);
  try {
    if (t.dialect === 'postgres') await sql`vacuum analyze`.execute(db.kysely);
    else await sql`analyze`.execute(db.kysely);
  } finally {
    await db.close();
  }
}
