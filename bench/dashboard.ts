import { Pool } from 'undici';
import { migrateToLatest } from '../src/db/migrate.js';
import { DEMO_PASSWORD } from '../src/setup/seed/demo-county.js';
import { type BenchDbTarget, open } from './databases.js';
import { Http } from './load/http.js';
import { Samples } from './stats.js';
import { startAppServer } from './throughput.js';

/**
 * A year's statistics as the county office opens them: the statistics page asks for the county
 * figures (volume by source, type, category, township and day; hot categories and words) and
 * every unit's figures with the ranking, both for 2025, through the real API on the data set.
 * Migrations run first, timed, so that a migration which backfills pre-summed figures is measured
 * apart from the requests (and does not count against the server's start).
 */
export interface DashboardResult {
  /** Seconds the pending migrations took on this data set (0 when none were pending). */
  migrateSeconds: number;
  county: Samples;
  units: Samples;
  /** Both requests in parallel, as the page sends them. */
  page: Samples;
  total: number;
  replied: number;
}

const YEAR = 'period=year&date=2025-01-01';

export async function dashboard(
  t: BenchDbTarget,
  options: { now: Date; iterations: number; log: (s: string) => void },
): Promise<DashboardResult> {
  const db = open(t);
  const m0 = performance.now();
  try {
    await migrateToLatest(db);
  } finally {
    await db.close();
  }
  const migrateSeconds = (performance.now() - m0) / 1000;
  options.log(`  migrations on the data set: ${migrateSeconds.toFixed(1)} s`);
  const server = await startAppServer(t, options.now);
  const http = new Http(server.port, 2);
  try {
    const office = await http.login('dispatcher', DEMO_PASSWORD);
    await noTraining(http, office);
    // No time limit: before the daily figures, a year took minutes.
    const pool = new Pool(`http://127.0.0.1:${server.port}`, {
      connections: 2,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    const get = async (path: string) => {
      const res = await pool.request({ method: 'GET', path, headers: { cookie: office } });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${text.slice(0, 200)}`);
      return JSON.parse(text) as unknown;
    };
    const time = async (samples: Samples, i: number, f: () => Promise<unknown>) => {
      const t0 = performance.now();
      const out = await f();
      if (i >= 0) samples.add(performance.now() - t0);
      return out;
    };
    const county = new Samples();
    const units = new Samples();
    const page = new Samples();
    let total = 0;
    let replied = 0;
    // One warm-up first, unless only one or two runs are asked for (a year took minutes before).
    for (let i = options.iterations > 2 ? -1 : 0; i < options.iterations; i++) {
      const c = (await time(county, i, () => get(`/api/statistics/county?${YEAR}`))) as { total: number };
      const u = (await time(units, i, () => get(`/api/statistics/units?${YEAR}`))) as {
        units: Array<{ counts: { replied: number } }>;
      };
      await time(page, i, () =>
        Promise.all([get(`/api/statistics/county?${YEAR}`), get(`/api/statistics/units?${YEAR}`)]),
      );
      total = c.total;
      replied = u.units.reduce((n, x) => n + x.counts.replied, 0);
    }
    await pool.close();
    return { migrateSeconds, county, units, page, total, replied };
  } finally {
    await http.close();
    await server.stop();
  }
}

/**
 * When the server runs its jobs, it trains its first dispatch model a second after it starts, on
 * its own thread (a minute or two at 1M orders): requests made meanwhile would wait for it, so
 * the figures are measured once no training is under way.
 */
async function noTraining(http: Http, cookie: string) {
  await new Promise((r) => setTimeout(r, 2000));
  for (const stop = Date.now() + 600_000; Date.now() < stop; ) {
    const s = await http.request('GET', '/api/assistant/dispatch-model', { cookie });
    if (!(JSON.parse(s.text) as { training: boolean }).training) return;
    await new Promise((r) => setTimeout(r, 2000));
  }
}
