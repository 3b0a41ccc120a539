import { Notifier } from '../modules/notifications/notifier.js';
import type { AppContext } from '../server/context.js';
import { CityDeliveryWorker } from './city-delivery-worker.js';
import { CityOrderPoller } from './city-poller.js';
import { CitySync } from './city-sync.js';
import { DeadlineWatcher } from './deadline-watcher.js';
import { DeliveryWorker } from './delivery-worker.js';
import { HOUSEKEEPING_EVERY_MS, Housekeeping } from './housekeeping.js';
import type { JobName } from './job-rounds.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface JobOptions {
  watchEveryMs: number;
  deliverEveryMs: number;
  log: (msg: string) => void;
  onError: (err: unknown) => void;
}

/**
 * Runs the background work inside the server: the deadline watcher, the delivery worker, the
 * city link (results back, order poll, daily reconciliation), the dispatch assistant's retraining and
 * the housekeeping (ended sessions, old registration keys), each on its own timer, never overlapping itself. All work from the database's state, so a
 * restart simply picks up where the last run stopped.
 */
export function startJobs(ctx: AppContext, options: JobOptions): { stop(): Promise<void> } {
  const watcher = new DeadlineWatcher(ctx, new Notifier(ctx.settings));
  const durable = () => ctx.db.durable();
  const worker = new DeliveryWorker(
    ctx.db.kysely,
    ctx.settings,
    ctx.clock,
    options.log,
    ctx.outbound,
    durable,
  );
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const loop = (name: JobName, every: number, task: () => Promise<unknown>) => {
    const tick = async () => {
      if (stopped) return;
      const p = task().then(
        () => true,
        (err: unknown) => {
          options.onError(err);
          return false;
        },
      );
      running.add(p);
      const ok = await p;
      running.delete(p);
      ctx.jobs.ended(name, ctx.clock.now(), ok);
      // setTimeout takes at most 2^31-1 ms (24.8 days); a longer delay would fire at once, in a loop.
      if (!stopped) timers.push(setTimeout(tick, Math.min(every, MAX_TIMER_MS)));
    };
    timers.push(setTimeout(tick, 1000));
  };
  const timers: NodeJS.Timeout[] = [];
  loop('deadlineWatcher', options.watchEveryMs, () => watcher.runOnce());
  loop('deliveryWorker', options.deliverEveryMs, () => worker.runOnce());
  const cityWorker = new CityDeliveryWorker(ctx.db.kysely, ctx.settings, ctx.clock, {
    retryBaseMs: ctx.config.CITY_RETRY_BASE_MS,
    outbound: ctx.outbound,
    durable,
  });
  loop('cityDelivery', ctx.config.CITY_DELIVER_EVERY_MS, () => cityWorker.drain());
  const citySync = new CitySync(ctx, new CityOrderPoller(ctx));
  loop('citySync', ctx.config.CITY_SYNC_EVERY_MS, () => citySync.tick());
  // The dispatch assistant relearns from the history; its first run, a second after start, builds the first model.
  loop('assistantRetraining', ctx.config.ASSISTANT_RETRAIN_HOURS * 3_600_000, () => ctx.assistant.retrain());
  const housekeeping = new Housekeeping(ctx.db.kysely, ctx.clock);
  loop('housekeeping', HOUSEKEEPING_EVERY_MS, () => housekeeping.runOnce());
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(running);
    },
  };
}
