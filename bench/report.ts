import { cpus, totalmem } from 'node:os';
import type { DialectName } from '../src/db/connection.js';
import type { DashboardResult } from './dashboard.js';
import type { GenerateReport } from './generate/index.js';
import type { LoadResult } from './load/run-load.js';
import type { ReadsResult } from './reads.js';
import { mib, type Samples, table } from './stats.js';
import type { ThroughputResult } from './throughput.js';
import type { WatcherResult } from './watcher.js';
import { describeLoad, type WebLoadResult } from './web/first-load.js';

export interface DialectResults {
  throughput?: ThroughputResult;
  /** SQLite: the same load on a server that reuses prepared statements (an experiment). */
  stmtCache?: ThroughputResult;
  generate?: GenerateReport & { reused?: boolean };
  reads?: ReadsResult;
  dashboard?: DashboardResult;
  watcher?: WatcherResult;
  export?: { rows: number; seconds: number; bytes: number; rssMax: number; rssAt: Array<[number, number]> };
}

/** What one run of `npm run bench` measured, and how it was asked. */
export interface BenchRun {
  results: Partial<Record<DialectName, DialectResults>>;
  dialects: DialectName[];
  orders: number;
  concurrency: number;
  exportRows: number;
  web: WebLoadResult | null;
  /** The run's time so far. */
  seconds: number;
}

/**
 * The benchmark's table of figures, each beside its target and the machine's raw limits measured
 * in the same run, with the notes under it (refused steps, generated states, read details).
 */
export function reportText(run: BenchRun): string {
  const { results, dialects: DIALECTS, orders: ORDERS, concurrency, exportRows, web, seconds } = run;
  const d = (f: (r: DialectResults) => string) => DIALECTS.map((x) => (results[x] ? f(results[x]) : '—'));
  const p = (s: Samples | undefined, q: number) => (s?.count ? `${s.percentile(q).toFixed(1)}` : '—');
  const rows: string[][] = [];
  const t = (f: (x: ThroughputResult) => string) => d((r) => (r.throughput ? f(r.throughput) : '—'));
  rows.push([
    `workflow actions/s (${concurrency} users)`,
    // A refused step ends its lifecycle early and changes the mix of actions: the figure says so.
    ...t(
      (x) =>
        `${x.workflow.perSecond.toFixed(0)}${x.workflow.errors ? ` (${x.workflow.errors} refused: not comparable)` : ''}`,
    ),
    'SQLite ≥ 2000, PostgreSQL ≥ 800',
  ]);
  rows.push([
    '  latency p50 / p99 ms',
    ...t((x) => `${p(x.workflow.latency, 50)} / ${p(x.workflow.latency, 99)}`),
    'p99 < 50',
  ]);
  rows.push([
    '  what-if: prepared statements reused',
    ...d((r) =>
      r.stmtCache
        ? `${r.stmtCache.workflow.perSecond.toFixed(0)}/s, p99 ${p(r.stmtCache.workflow.latency, 99)} ms`
        : '—',
    ),
    'not the product',
  ]);
  rows.push(['raw limit: bare insert route /s', ...t((x) => x.raw?.perSecond.toFixed(0) ?? '—'), '']);
  rows.push([
    '  raw latency p50 / p99 ms',
    ...t((x) => (x.raw ? `${p(x.raw.latency, 50)} / ${p(x.raw.latency, 99)}` : '—')),
    '',
  ]);
  rows.push([
    'workflow ÷ raw',
    ...t((x) => (x.raw ? `${((100 * x.workflow.perSecond) / x.raw.perSecond).toFixed(1)} %` : '—')),
    'SQLite ≥ 30 %, PostgreSQL ≥ 15 %',
  ]);
  // What the target leaves an action, from this run's raw rate: the server is one thread (on SQLite
  // the database runs inside it), and the machine's cores are shared by the server, PostgreSQL and
  // the bench's own client.
  const share: Partial<Record<DialectName, number>> = { sqlite: 0.3, postgres: 0.15 };
  rows.push([
    '  CPU ms an action may use at the target: server / machine',
    ...DIALECTS.map((x) => {
      const raw = results[x]?.throughput?.raw?.perSecond;
      const rate = raw && share[x] ? raw * (share[x] as number) : 0;
      return rate ? `${(1000 / rate).toFixed(2)} / ${((1000 * cpus().length) / rate).toFixed(2)}` : '—';
    }),
    '',
  ]);
  rows.push(['server RSS under workflow load', ...t((x) => mib(x.rssMax)), '< 300 MiB']);
  // Reads under the same load (throughput.ts), beside the bare read of one row by id.
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? (a / b).toFixed(2) : '—');
  const rate = (l: { perSecond: number; latency: Samples } | null | undefined) =>
    l ? `${l.perSecond.toFixed(0)}/s, p50 ${p(l.latency, 50)} / p99 ${p(l.latency, 99)} ms` : '—';
  rows.push(['raw limit: bare read by id', ...t((x) => rate(x.reads?.rawRead)), '']);
  rows.push(['order detail (timeline, allowed actions)', ...t((x) => rate(x.reads?.detail)), '']);
  rows.push([
    '  detail ÷ bare read',
    ...t((x) => ratio(x.reads?.detail.perSecond, x.reads?.rawRead?.perSecond)),
    '≥ 0.5',
  ]);
  rows.push(["a unit's filtered list (35 rows)", ...t((x) => rate(x.reads?.unitList)), '']);
  rows.push([
    '  list ÷ bare read',
    ...t((x) => ratio(x.reads?.unitList.perSecond, x.reads?.rawRead?.perSecond)),
    '≥ 0.5',
  ]);
  // The same two reads as a browser asks for them (Accept-Encoding: gzip, deflate, br).
  rows.push(['order detail, as a browser asks', ...t((x) => rate(x.reads?.asBrowser.detail)), '']);
  rows.push([
    '  detail ÷ bare read',
    ...t((x) => ratio(x.reads?.asBrowser.detail.perSecond, x.reads?.rawRead?.perSecond)),
    '≥ 0.5',
  ]);
  rows.push([
    "a unit's filtered list, as a browser asks",
    ...t((x) => rate(x.reads?.asBrowser.unitList)),
    '',
  ]);
  rows.push([
    '  list ÷ bare read',
    ...t((x) => ratio(x.reads?.asBrowser.unitList.perSecond, x.reads?.rawRead?.perSecond)),
    '≥ 0.5',
  ]);
  // The product's floor: its health check passes every hook a request passes and pings the
  // database, with no session and no order. Every read of the product passes the same hooks.
  rows.push(["the product's floor: its health check", ...t((x) => rate(x.reads?.floor)), '']);
  rows.push([
    '  health check ÷ bare read',
    ...t((x) => ratio(x.reads?.floor.perSecond, x.reads?.rawRead?.perSecond)),
    '',
  ]);
  // The server process's own CPU per request (not the database server's): steadier than the rates
  // on a machine others load too.
  const cpu = (l: LoadResult | null | undefined) => (l?.serverCpuMs != null ? l.serverCpuMs.toFixed(2) : '—');
  rows.push([
    '  server CPU ms: action / detail / list',
    ...t((x) => `${cpu(x.workflow)} / ${cpu(x.reads?.detail)} / ${cpu(x.reads?.unitList)}`),
    '',
  ]);
  rows.push([
    '  server CPU ms: detail / list, as a browser asks',
    ...t((x) => `${cpu(x.reads?.asBrowser.detail)} / ${cpu(x.reads?.asBrowser.unitList)}`),
    '',
  ]);
  rows.push([
    '  server CPU ms: health check; a read may use at 0.5',
    ...t((x) => {
      const bare = x.reads?.rawRead?.perSecond;
      return `${cpu(x.reads?.floor)}; ${bare ? (1000 / (0.5 * bare)).toFixed(3) : '—'}`;
    }),
    '',
  ]);
  rows.push([
    '  server CPU ms: bare insert / bare read',
    ...t((x) => `${cpu(x.raw)} / ${cpu(x.reads?.rawRead)}`),
    '',
  ]);
  // Where an action's CPU goes on this machine: the server, PostgreSQL's processes, everything.
  const ms = (v: number | null | undefined) => (v != null ? v.toFixed(2) : '—');
  rows.push([
    '  CPU ms per action: server / PostgreSQL / machine',
    ...t(
      (x) =>
        `${ms(x.workflow.serverCpuMs)} / ${ms(x.workflow.databaseCpuMs)} / ${ms(x.workflow.machineCpuMs)}`,
    ),
    '',
  ]);
  rows.push([
    '  CPU ms per bare insert: server / PostgreSQL / machine',
    ...t((x) => `${ms(x.raw?.serverCpuMs)} / ${ms(x.raw?.databaseCpuMs)} / ${ms(x.raw?.machineCpuMs)}`),
    '',
  ]);
  for (const name of [
    ...new Set(DIALECTS.flatMap((x) => results[x]?.reads?.figures.map((f) => f.name) ?? [])),
  ]) {
    rows.push([
      `${name} p50 / p95 ms`,
      ...d((r) => {
        const f = r.reads?.figures.find((x) => x.name === name);
        return f ? `${p(f.samples, 50)} / ${p(f.samples, 95)}` : '—';
      }),
      /search/.test(name) ? 'p95 < 150' : /queue|home|detail/.test(name) ? 'p95 < 30' : '',
    ]);
  }
  rows.push(['server RSS during reads', ...d((r) => (r.reads ? mib(r.reads.rssMax) : '—')), '< 300 MiB']);
  const both = (f: (x: DashboardResult) => Samples) =>
    d((r) => (r.dashboard ? `${p(f(r.dashboard), 50)} / ${p(f(r.dashboard), 95)}` : '—'));
  rows.push(["a year's statistics (2025), both requests p50 / p95 ms", ...both((x) => x.page), '< 500']);
  rows.push(['  county figures p50 / p95 ms', ...both((x) => x.county), '< 500']);
  rows.push(['  unit figures and ranking p50 / p95 ms', ...both((x) => x.units), '< 500']);
  rows.push([
    '  migrations before the run',
    ...d((r) => (r.dashboard ? `${r.dashboard.migrateSeconds.toFixed(1)} s` : '—')),
    '',
  ]);
  rows.push([
    "the deadline watcher's catch-up (no marks in the data set)",
    ...d((r) => {
      const c = r.watcher?.catchUp;
      if (!c) return '—';
      const marks = c.reduce((n, x) => n + x.marks, 0);
      const longest = (f: (x: WatcherResult['catchUp'][number]) => number) =>
        Math.max(0, ...c.map(f)).toFixed(0);
      return `${c.length} rounds, ${marks} marks, longest ${longest((x) => x.ms)} ms, loop held ${longest((x) => x.stallMs)} ms`;
    }),
    '',
  ]);
  rows.push([
    '  a quiet round (every minute) p50 / p95 ms; loop held',
    ...d((r) =>
      r.watcher
        ? `${p(r.watcher.quiet, 50)} / ${p(r.watcher.quiet, 95)}; ${r.watcher.quietStallMs.toFixed(0)} ms`
        : '—',
    ),
    '',
  ]);
  rows.push([
    `Excel export, ${exportRows} rows`,
    ...d((r) =>
      r.export ? `${r.export.seconds.toFixed(1)} s, ${(r.export.bytes / 1048576).toFixed(0)} MB file` : '—',
    ),
    '< 10 s',
  ]);
  rows.push([
    '  export RSS: start → max',
    ...d((r) => (r.export ? `${mib(r.export.rssAt[0]?.[1] ?? 0)} → ${mib(r.export.rssMax)}` : '—')),
    'flat',
  ]);
  rows.push([
    `generate ${ORDERS} orders`,
    ...d((r) =>
      r.generate ? `${r.generate.seconds.toFixed(0)} s (${r.generate.events} events)` : 'reused / skipped',
    ),
    'minutes',
  ]);
  const webRows = (web?.loads ?? []).map((l) => [l.name, describeLoad(l), `< ${l.target} ms`]);
  const text = [
    `回音 Huiyin benchmark — ${new Date().toISOString()}, ${ORDERS} orders, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    '',
    table(['figure', ...DIALECTS.map((x) => (x === 'sqlite' ? 'SQLite' : 'PostgreSQL')), 'target'], rows),
    '',
    ...(webRows.length
      ? [
          table(
            ['slow-link page load (Chromium, 1.6 Mbit/s, 150 ms)', 'time, transferred', 'target'],
            webRows,
          ),
          '',
        ]
      : []),
    ...DIALECTS.flatMap((x) => {
      const r = results[x];
      if (!r) return [];
      const lines = [];
      if (r.generate)
        lines.push(
          `${x}: generated states ${JSON.stringify(r.generate.byState)}; refused attempts ${r.generate.refusals} ${JSON.stringify(r.generate.refusalCodes)}`,
        );
      if (r.throughput?.workflow.errors)
        lines.push(
          `${x}: workflow errors ${r.throughput.workflow.errors}: ${r.throughput.workflow.firstError}`,
        );
      if (r.dashboard)
        lines.push(
          `${x}: 2025 statistics: ${r.dashboard.total} orders registered, ${r.dashboard.replied} replies`,
        );
      if (r.export)
        lines.push(
          `${x}: export RSS by rows: ${r.export.rssAt.map(([n, b]) => `${n / 1000}k ${mib(b)}`).join(', ')}`,
        );
      for (const f of r.reads?.figures ?? []) lines.push(`${x}: ${f.name}: ${f.detail}`);
      return lines;
    }),
    '',
    `total ${seconds.toFixed(0)} s`,
  ].join('\n');
  return text;
}
