import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_SERVER_JS, buildServerOrThrow } from '../scripts/server-build.mjs';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../scripts/server-runtime.mjs';
import { type BenchDbTarget, ensureDatabase, freshDatabase, open } from './databases.js';
import { type Child, sampleRss, startChild } from './load/child.js';
import { BROWSER_ENCODING, Http, HttpError } from './load/http.js';
import { castOf, lifecycle } from './load/lifecycle-client.js';
import { type LoadResult, runLoad } from './load/run-load.js';

export interface ThroughputResult {
  workflow: LoadResult;
  raw: LoadResult | null;
  /**
   * Reads under the same concurrent load, on the orders the workflow load left: an order's page
   * (timeline, deadlines, allowed actions) as the office, a unit's filtered list as its liaison,
   * and the bare read of one row by id beside them. Each twice: as a client that asks for no
   * encoding (the bytes as built), and `asBrowser` with a browser's Accept-Encoding (what a
   * person's page asks). The bare route's 150-byte answer is sent as it is either way.
   */
  reads: {
    detail: LoadResult;
    unitList: LoadResult;
    asBrowser: { detail: LoadResult; unitList: LoadResult };
    /**
     * The product's own health check under the same load: every hook a request passes (security
     * headers, the access log, compression, the durable-answer wait) and one database ping, but no
     * session and no order: about what a request of the product costs before its own work.
     */
    floor: LoadResult;
    rawRead: LoadResult | null;
  } | null;
  /** The server's highest resident memory during the workflow load. */
  rssMax: number;
  lifecycles: number;
}

export interface LoadOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  now: Date;
  cpuProfileDir?: string;
  /** Experiments on the server that are not the product (see app-server.ts). */
  whatIf?: {
    stmtCache?: boolean;
    /** `false`: every page and list built from the database (STORED_PAGES=0). */
    storedPages?: boolean;
  };
  /** Skip the raw limit (when only the workflow is re-measured). */
  noRaw?: boolean;
}

const here = import.meta.dirname;

function childEnv(t: BenchDbTarget, now: Date, whatIf: LoadOptions['whatIf'] = {}): Record<string, string> {
  return {
    BENCH_STMT_CACHE: whatIf.stmtCache ? '1' : '0',
    STORED_PAGES: whatIf.storedPages === false ? '0' : '1',
    BENCH_DB_URL: t.url,
    BENCH_DB_SCHEMA: t.schema ?? '',
    BENCH_NOW: now.toISOString(),
    // As `npm start` runs the server (scripts/server-runtime.mjs); the bench's own environment wins.
    ...SERVER_ENV,
    ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
    // One pool connection per virtual user at most; the product's default is 10.
    PG_POOL_MAX: process.env.PG_POOL_MAX ?? '10',
    // Dozens of bench users sign in from one address within seconds; the throttle is not measured.
    LOGIN_RATE_PER_MINUTE: '100000',
  };
}

/**
 * Handling units with one liaison and one leader each: replies go out through 签发, so a unit
 * whose leaders have no accounts (typed issuer) takes no part in the load.
 */
async function handlingUnits(t: BenchDbTarget) {
  const db = open(t);
  try {
    const rows = await db.kysely
      .selectFrom('units')
      .innerJoin('users', 'users.unit_id', 'units.id')
      .select(['units.id', 'users.username', 'users.roles'])
      .where('units.kind', 'in', ['department', 'township'])
      .where('units.active', '=', 1)
      .where('units.sign_off_mode', '=', 'leader')
      .orderBy('units.id')
      .orderBy('users.username')
      .execute();
    const cast = new Map<number, { liaison?: string; leader?: string }>();
    for (const r of rows) {
      const unit = cast.get(r.id) ?? {};
      if (!unit.liaison && r.roles.includes('unit_liaison')) unit.liaison = r.username;
      if (!unit.leader && /unit_(main_)?leader/.test(r.roles)) unit.leader = r.username;
      cast.set(r.id, unit);
    }
    return [...cast].flatMap(([id, u]) =>
      u.liaison && u.leader ? [{ id, liaison: u.liaison, leader: u.leader }] : [],
    );
  } finally {
    await db.close();
  }
}

/** Where the bench's app server writes its request log. */
export const SERVER_LOG = join(tmpdir(), 'huiyin-bench-server.log');

export async function startAppServer(
  t: BenchDbTarget,
  now: Date,
  cpuProfileDir?: string,
  whatIf?: LoadOptions['whatIf'],
): Promise<Child> {
  // The product's server as `npm start` runs it: built to JavaScript, no TypeScript loader.
  await buildServerOrThrow();
  return startChild(
    BENCH_SERVER_JS,
    childEnv(t, now, whatIf),
    [
      ...SERVER_NODE_FLAGS,
      ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
      // BENCH_SERVER_NODE_ARGS: more Node or V8 flags for the server alone (trying another setting).
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    // The request log, written as in production and kept for a look after the run (rewritten at each start).
    SERVER_LOG,
  );
}

/** Workflow lifecycles over HTTP on a fresh database, then the raw insert limit, same load. */
export async function throughput(
  workflowDb: BenchDbTarget,
  rawDb: BenchDbTarget,
  options: LoadOptions,
): Promise<ThroughputResult> {
  await freshDatabase(workflowDb, { now: () => options.now });
  const units = await handlingUnits(workflowDb);
  const server = await startAppServer(workflowDb, options.now, options.cpuProfileDir, options.whatIf);
  const http = new Http(server.port, options.concurrency);
  let workflow: LoadResult;
  let rssMax = 0;
  let lifecycles = 0;
  let detail: LoadResult;
  let unitList: LoadResult;
  let asBrowser: { detail: LoadResult; unitList: LoadResult };
  let floor: LoadResult;
  try {
    const cast = await castOf(http, units);
    const rss = sampleRss(server.process.pid as number);
    let next = 0;
    const created: number[] = [];
    workflow = await runLoad({
      ...options,
      serverPid: server.process.pid as number,
      scenario: async (_vu, record, running) => {
        await lifecycle(http, cast, next++, record, running, created);
        lifecycles++;
      },
    });
    const ids = created.filter((id) => id > 0);
    const readLoads = async (acceptEncoding?: string) => ({
      detail: await runLoad({
        ...options,
        serverPid: server.process.pid as number,
        scenario: async (_vu, record) => {
          const id = ids[Math.floor(Math.random() * ids.length)];
          const res = await record(() =>
            http.request('GET', `/api/work-orders/${id}`, { cookie: cast.reviewer, acceptEncoding }),
          );
          if (res.status !== 200) throw new HttpError(res.status, res.text, 'order detail');
        },
      }),
      // A unit's closed orders, a page of 35 (the list a liaison looks through), newest first.
      unitList: await runLoad({
        ...options,
        serverPid: server.process.pid as number,
        scenario: async (vu, record) => {
          const unit = cast.units[vu % cast.units.length] as (typeof cast.units)[number];
          const res = await record(() =>
            http.request('GET', '/api/work-orders?state=closed&pageSize=35', {
              cookie: unit.cookie,
              acceptEncoding,
            }),
          );
          if (res.status !== 200) throw new HttpError(res.status, res.text, 'unit list');
        },
      }),
    });
    ({ detail, unitList } = await readLoads());
    asBrowser = await readLoads(BROWSER_ENCODING);
    floor = await runLoad({
      ...options,
      serverPid: server.process.pid as number,
      scenario: async (_vu, record) => {
        const res = await record(() => http.request('GET', '/api/health'));
        if (res.status !== 200) throw new HttpError(res.status, res.text, 'health check');
      },
    });
    rssMax = rss.stop().max;
  } finally {
    await http.close();
    await server.stop();
  }

  if (options.noRaw)
    return {
      workflow,
      raw: null,
      reads: { detail, unitList, asBrowser, floor, rawRead: null },
      rssMax,
      lifecycles,
    };
  await ensureDatabase(rawDb);
  const rawServer = await startChild(join(here, 'load', 'raw-server.ts'), childEnv(rawDb, options.now));
  const rawHttp = new Http(rawServer.port, options.concurrency);
  let raw: LoadResult;
  let rawRead: LoadResult;
  try {
    const body = {
      title: '小区门口路灯损坏',
      content: '滨河路小区门口的三盏路灯已经坏了半个月,晚上出行很不安全,希望尽快修好。',
    };
    raw = await runLoad({
      ...options,
      serverPid: rawServer.process.pid as number,
      scenario: async (_vu, record) => {
        const res = await record(() => rawHttp.request('POST', '/raw', { body }));
        if (res.status !== 200) throw new Error(`raw insert: ${res.status} ${res.text}`);
      },
    });
    // One row by id among those just inserted: the ceiling of "HTTP + one read".
    const rows = Math.max(1, raw.requests);
    rawRead = await runLoad({
      ...options,
      serverPid: rawServer.process.pid as number,
      scenario: async (_vu, record) => {
        const id = 1 + Math.floor(Math.random() * rows);
        const res = await record(() => rawHttp.request('GET', `/raw/${id}`));
        if (res.status !== 200) throw new Error(`raw read: ${res.status} ${res.text}`);
      },
    });
  } finally {
    await rawHttp.close();
    await rawServer.stop();
  }
  return { workflow, raw, reads: { detail, unitList, asBrowser, floor, rawRead }, rssMax, lifecycles };
}
