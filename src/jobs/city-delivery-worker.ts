import type { Kysely } from 'kysely';
import { CityOutboxRepository } from '../db/repositories/city-outbox.repository.js';
import type { CityOutboxRow, Database } from '../db/schema.js';
import { type CityResult, cityBackoffMs } from '../domain/city-link.js';
import { type CityAdapter, PermanentCityError } from '../modules/city/city-adapter.js';
import { jsonCityAdapter } from '../modules/city/json-adapter.js';
import type { OutboundHttp } from '../modules/outbound/outbound-http.js';
import type { SettingsService } from '../modules/settings/settings.service.js';
import type { Clock } from '../server/clock.js';

/** Results in flight at once (each for a different order: an order's results go one by one). */
const CONCURRENCY = 8;

export interface CityDeliveryOptions {
  /** The first retry's delay; each further retry waits twice as long. */
  retryBaseMs: number;
  /** How the city is called: only addresses Huiyin may call (ctx.outbound). */
  outbound: OutboundHttp;
  /** Resolves when the rows claimed are on disk (`Db.durable`): nothing goes to the city that a power cut could take back. */
  durable?: () => Promise<void>;
}

/**
 * Sends the city outbox. Each row is claimed with a lease longer than a request can take, so a
 * process killed mid-send leaves a row that another (or the restarted) process resends after the
 * lease — with the same idempotency key, so the city keeps it once. Failures are retried with
 * exponential backoff; after the last attempt (or a refusal the city would repeat) the row is
 * dead and waits for the office to resend it, holding back the order's later results.
 */
export class CityDeliveryWorker {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly options: CityDeliveryOptions,
    private readonly adapterFor: (
      s: NonNullable<Awaited<ReturnType<SettingsService['cityLink']>>>,
    ) => CityAdapter = (s) => jsonCityAdapter(s, options.outbound),
  ) {}

  async runOnce(limit = 64): Promise<{ sent: number; failed: number; dead: number; due: number }> {
    const tally = { sent: 0, failed: 0, dead: 0, due: 0 };
    const settings = await this.settings.cityLink();
    if (!settings?.enabled) return tally;
    const adapter = this.adapterFor(settings);
    const repo = new CityOutboxRepository(this.db);
    const now = this.clock.now();
    // Longer than a batch can take (CONCURRENCY senders, each request within the timeout), so a
    // lease only runs out when its sender is gone.
    const rounds = Math.ceil(limit / CONCURRENCY);
    const leaseUntil = new Date(now.getTime() + (rounds + 1) * settings.timeoutMs + 5_000).toISOString();
    // One statement (SKIP LOCKED on PostgreSQL): with several processes each row goes to one of them.
    const claimed = await repo.claimDue(now.toISOString(), leaseUntil, limit);
    tally.due = claimed.length;
    if (claimed.length > 0) await this.options.durable?.();

    const send = async (row: CityOutboxRow) => {
      const attempts = row.attempts + 1;
      try {
        await adapter.deliver(JSON.parse(row.payload) as CityResult);
        await repo.settle(row.id, attempts, { status: 'sent', at: this.clock.now().toISOString() });
        tally.sent++;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        const at = this.clock.now();
        if (e instanceof PermanentCityError || attempts >= settings.maxAttempts) {
          await repo.settle(row.id, attempts, { status: 'dead', error, at: at.toISOString() });
          tally.dead++;
        } else {
          const nextAt = new Date(at.getTime() + cityBackoffMs(attempts, this.options.retryBaseMs));
          await repo.settle(row.id, attempts, { status: 'pending', error, nextAt: nextAt.toISOString() });
          tally.failed++;
        }
      }
    };
    const queue = [...claimed];
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
        for (let row = queue.shift(); row; row = queue.shift()) await send(row);
      }),
    );
    return tally;
  }

  /** Rounds until nothing is due (the scheduler's tick: a burst goes out without waiting a tick per batch). */
  async drain(maxRounds = 50): Promise<{ sent: number; failed: number; dead: number }> {
    const total = { sent: 0, failed: 0, dead: 0 };
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.runOnce();
      total.sent += r.sent;
      total.failed += r.failed;
      total.dead += r.dead;
      if (r.sent === 0) break;
    }
    return total;
  }
}
