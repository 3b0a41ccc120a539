import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { DeadlineWatcher } from '../src/jobs/deadline-watcher.js';
import { Notifier } from '../src/modules/notifications/notifier.js';
import { buildApp } from '../src/server/app.js';
import { type BenchDbTarget, open } from './databases.js';
import { Samples } from './stats.js';

/**
 * The deadline watcher's rounds on the data set, as the server runs them every minute on its one
 * thread (on SQLite a round's statements run on the thread that answers requests, so a long round
 * is felt by everyone who clicks meanwhile). The generator does not simulate the watcher's marks,
 * so the first rounds catch up as a server does after a long downtime, 500 marks of each kind a
 * round; then the quiet rounds of every minute after, with nothing or little to mark.
 */
export interface WatcherResult {
  /**
   * Rounds that marked something, each with its time, how many marks it made and the longest the
   * event loop was held meanwhile (what a request arriving then waited before it was even read).
   */
  catchUp: Array<{ ms: number; marks: number; stallMs: number }>;
  quiet: Samples;
  /** The longest hold of the event loop in the quiet rounds. */
  quietStallMs: number;
}

export async function watcherRounds(
  t: BenchDbTarget,
  options: { now: Date; iterations: number; log: (s: string) => void },
): Promise<WatcherResult> {
  const db = open(t);
  const startAt = options.now.getTime();
  const t0 = Date.now();
  const clock = { now: () => new Date(startAt + (Date.now() - t0)) };
  const { app, ctx } = await buildApp({
    db,
    config: loadConfig(),
    logger: false,
    clock,
    uploadsDir: mkdtempSync(join(tmpdir(), 'huiyin-bench-')),
  });
  const watcher = new DeadlineWatcher(ctx, new Notifier(ctx.settings));
  const round = async () => {
    const delay = monitorEventLoopDelay({ resolution: 2 });
    delay.enable();
    const r0 = performance.now();
    const counts = await watcher.runOnce();
    const ms = performance.now() - r0;
    // Let the monitor's last timer fire, so that a hold at the round's end is counted.
    await new Promise((resolve) => setTimeout(resolve, 5));
    delay.disable();
    const marks = Object.values(counts).reduce((a, b) => a + b, 0);
    return { ms, marks, stallMs: delay.max / 1e6 };
  };
  try {
    const catchUp: WatcherResult['catchUp'] = [];
    for (let r = await round(); r.marks > 0; r = await round()) {
      catchUp.push(r);
      options.log(
        `  catching up: ${r.marks} marks in ${r.ms.toFixed(0)} ms, the event loop held up to ${r.stallMs.toFixed(0)} ms`,
      );
      if (catchUp.length >= 200) throw new Error('the watcher still marks after 200 rounds');
    }
    const quiet = new Samples();
    let quietStallMs = 0;
    for (let i = 0; i < options.iterations; i++) {
      const r = await round();
      quiet.add(r.ms);
      quietStallMs = Math.max(quietStallMs, r.stallMs);
    }
    options.log(
      `  quiet round: p50 ${quiet.percentile(50).toFixed(1)} ms, p95 ${quiet.percentile(95).toFixed(1)} ms, the event loop held up to ${quietStallMs.toFixed(0)} ms`,
    );
    return { catchUp, quiet, quietStallMs };
  } finally {
    await app.close();
    await db.close();
  }
}
