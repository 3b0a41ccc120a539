import { readdirSync, readFileSync } from 'node:fs';
import { Samples } from '../stats.js';

/**
 * A closed-loop load: `concurrency` virtual users each run `scenario` again and again. Requests
 * that finish inside the measuring window (after the warm-up) are counted; the run stops by
 * itself after warm-up + duration, letting requests in flight finish.
 */
export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  latency: Samples;
  /** The same latencies by the label each request was recorded under (a workflow's steps). */
  byLabel: Map<string, Samples>;
  errors: number;
  firstError: string | null;
  /**
   * The server's CPU time (user + system) in the measuring window per request counted, when its
   * process id was given: unlike the rate, it hardly moves when other work shares the machine.
   */
  serverCpuMs: number | null;
  /**
   * In the same window and per request: the CPU of this machine's PostgreSQL processes (zero when
   * the database is SQLite, inside the server), and of the whole machine (server, database, the
   * bench's own client, the kernel). What the server's figure leaves out is where the rest went.
   */
  databaseCpuMs: number | null;
  machineCpuMs: number | null;
}

/** CPU time a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time so far of every process named `postgres` (the backends live as long as the pool's connections). */
function postgresCpuMs(): number {
  let ms = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') ms += cpuMsOf(Number(pid));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ms;
}

/** CPU time the whole machine has been busy so far, over all cores (/proc/stat; idle and iowait left out). */
function machineBusyMs(): number {
  const ticks = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/).slice(1).map(Number);
  const busy = ticks.reduce((a, b) => a + (b || 0), 0) - (ticks[3] ?? 0) - (ticks[4] ?? 0);
  return busy * 10;
}

interface CpuMarks {
  server: number;
  database: number;
  machine: number;
}
const cpuMarks = (pid: number): CpuMarks => ({
  server: cpuMsOf(pid),
  database: postgresCpuMs(),
  machine: machineBusyMs(),
});

export type Recorder = <T>(fn: () => Promise<T>, label?: string) => Promise<T>;

export async function runLoad(options: {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  scenario: (vu: number, record: Recorder, running: () => boolean) => Promise<void>;
  serverPid?: number;
}): Promise<LoadResult> {
  const latency = new Samples();
  const byLabel = new Map<string, Samples>();
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  let errors = 0;
  let firstError: string | null = null;
  const running = () => performance.now() < stopAt;
  const pid = options.serverPid;
  const cpu: { from?: CpuMarks; to?: CpuMarks } = {};
  const timers =
    pid === undefined
      ? []
      : [
          setTimeout(() => (cpu.from = cpuMarks(pid)), options.warmupMs),
          setTimeout(() => (cpu.to = cpuMarks(pid)), options.warmupMs + options.durationMs),
        ];
  const record: Recorder = async (fn, label) => {
    const t0 = performance.now();
    const result = await fn();
    const t1 = performance.now();
    if (t0 >= measureFrom && t1 <= stopAt) {
      latency.add(t1 - t0);
      if (label !== undefined) {
        const samples = byLabel.get(label) ?? new Samples();
        samples.add(t1 - t0);
        byLabel.set(label, samples);
      }
    }
    return result;
  };
  const vus = Array.from({ length: options.concurrency }, async (_, vu) => {
    while (running()) {
      try {
        await options.scenario(vu, record, running);
      } catch (e) {
        errors++;
        firstError ??= String(e instanceof Error ? e.message : e);
        if (errors > 1000) throw new Error(`too many errors; first: ${firstError}`);
      }
    }
  });
  await Promise.all(vus);
  for (const t of timers) clearTimeout(t);
  // The last requests may have ended before the window's timer fired.
  if (pid !== undefined && cpu.from !== undefined && cpu.to === undefined) cpu.to = cpuMarks(pid);
  const perRequest = (key: keyof CpuMarks) =>
    cpu.from !== undefined && cpu.to !== undefined && latency.count > 0
      ? (cpu.to[key] - cpu.from[key]) / latency.count
      : null;
  const seconds = options.durationMs / 1000;
  return {
    requests: latency.count,
    seconds,
    perSecond: latency.count / seconds,
    latency,
    byLabel,
    errors,
    firstError,
    serverCpuMs: perRequest('server'),
    databaseCpuMs: perRequest('database'),
    machineCpuMs: perRequest('machine'),
  };
}
