import type { Kysely } from 'kysely';
import { DeliveryRepository } from '../db/repositories/delivery.repository.js';
import type { Database } from '../db/schema.js';
import { buildChannels, type ChannelName } from '../modules/notifications/channels.js';
import { OutboundAddressRefused, type OutboundHttp } from '../modules/outbound/outbound-http.js';
import type { SettingsService } from '../modules/settings/settings.service.js';
import type { Clock } from '../server/clock.js';

export const MAX_ATTEMPTS = 6;
/** How long a claimed delivery is reserved for the process sending it; after that another may retry. */
const LEASE_MS = 2 * 60_000;
/**
 * Deliveries claimed at a time: a batch is sent one by one, each send up to the channels' 10 s
 * timeout, so a batch ends well inside its lease and no row is claimed again while still being sent.
 */
const BATCH = 10;

/** Exponential backoff: 30 s, 1 min, 2 min, 4 min, 8 min (capped at 1 hour). */
export const backoffMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3600_000);

/**
 * Sends pending deliveries through their channels. Each batch is claimed in one statement
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL), so with several server processes every message is
 * sent by exactly one of them; failures are retried with backoff, every attempt recorded on the row.
 */
export class DeliveryWorker {
  private readonly repo: DeliveryRepository;

  constructor(
    db: Kysely<Database>,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly log: (msg: string) => void,
    /** How webhooks and the SMS gateway are called: only addresses Huiyin may call (ctx.outbound). */
    private readonly http: OutboundHttp,
    /** Resolves when the rows claimed are on disk (`Db.durable`): no message goes out that a power cut could take back. */
    private readonly durable: () => Promise<void> = async () => {},
  ) {
    this.repo = new DeliveryRepository(db);
  }

  async runOnce(limit = 50): Promise<{ sent: number; failed: number }> {
    const tally = { sent: 0, failed: 0 };
    for (let left = limit; left > 0; ) {
      const claimed = await this.sendBatch(Math.min(BATCH, left), tally);
      if (claimed < BATCH) break;
      left -= claimed;
    }
    return tally;
  }

  private async sendBatch(size: number, tally: { sent: number; failed: number }): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.repo.claimDue(
      now.toISOString(),
      new Date(now.getTime() + LEASE_MS).toISOString(),
      size,
    );
    if (claimed.length === 0) return 0;
    await this.durable();
    const channels = new Map(
      buildChannels(await this.settings.channels(), this.log, this.http).map((c) => [c.name, c]),
    );
    for (const d of claimed) {
      const channel = channels.get(d.channel as ChannelName);
      try {
        if (!channel) throw new Error(`渠道 ${d.channel} 已停用`);
        await channel.send({ title: d.title, body: d.body, target: d.target });
        await this.repo.settle(d.id, d.attempt, { status: 'sent', at: this.clock.now().toISOString() });
        tally.sent++;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        // A refused address is refused again on every retry: failed at once, its reason kept.
        const giveUp = d.attempt >= MAX_ATTEMPTS || !channel || e instanceof OutboundAddressRefused;
        await this.repo.settle(d.id, d.attempt, {
          status: giveUp ? 'failed' : 'pending',
          error,
          nextAt: new Date(now.getTime() + backoffMs(d.attempt)).toISOString(),
        });
        tally.failed++;
      }
    }
    return claimed.length;
  }
}
