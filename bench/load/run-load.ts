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
  errors: number;
  firstError: string | null;
}

export type Recorder = <T>(fn: () => Promise<T>) => Promise<T>;

export async function runLoad(options: {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  scenario: (vu: number, record: Recorder, running: () => boolean) => Promise<void>;
}): Promise<LoadResult> {
  const latency = new Samples();
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  let errors = 0;
  let firstError: string | null = null;
  const running = () => performance.now() < stopAt;
  const record: Recorder = async (fn) => {
    const t0 = performance.now();
    const result = await fn();
    const t1 = performance.now();
    if (t0 >= measureFrom && t1 <= stopAt) latency.add(t1 - t0);
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
  const seconds = options.durationMs / 1000;
  return {
    requests: latency.count,
    seconds,
    perSecond: latency.count / seconds,
    latency,
    errors,
    firstError,
  };
}
