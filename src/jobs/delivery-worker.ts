import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { buildChannels, type ChannelName } from '../modules/notifications/channels.js';
import type { SettingsService } from '../modules/settings/settings.service.js';
import type { Clock } from '../server/clock.js';

export const MAX_ATTEMPTS = 6;
/** How long a claimed delivery is reserved for the process sending it; after that another may retry. */
const LEASE_MS = 2 * 60_000;

/** Exponential backoff: 30 s, 1 min, 2 min, 4 min, 8 min (capped at 1 hour). */
export const backoffMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3600_000);

/**
 * Sends pending deliveries through their channels, each claimed by one process at a time,
 * retried with backoff on failure, every attempt recorded on the delivery row.
 */
export class DeliveryWorker {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly log: (msg: string) => void,
  ) {}

  async runOnce(limit = 50): Promise<{ sent: number; failed: number }> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const due = await this.db
      .selectFrom('deliveries')
      .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
      .select([
        'deliveries.id',
        'deliveries.channel',
        'deliveries.target',
        'deliveries.attempts',
        'deliveries.status',
        'notifications.title',
        'notifications.body',
      ])
      .where('deliveries.status', 'in', ['pending', 'sending'])
      .where('deliveries.next_attempt_at', '<=', nowIso)
      .orderBy('deliveries.id')
      .limit(limit)
      .execute();
    const channels = new Map(buildChannels(await this.settings.channels(), this.log).map((c) => [c.name, c]));
    let sent = 0;
    let failed = 0;
    for (const d of due) {
      // Claim: only the process whose update matches the row as read goes on to send.
      const claimed = await this.db
        .updateTable('deliveries')
        .set({
          status: 'sending',
          attempts: d.attempts + 1,
          next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString(),
        })
        .where('id', '=', d.id)
        .where('status', '=', d.status)
        .where('attempts', '=', d.attempts)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      const attempt = d.attempts + 1;
      const channel = channels.get(d.channel as ChannelName);
      try {
        if (!channel) throw new Error(`渠道 ${d.channel} 已停用`);
        await channel.send({ title: d.title, body: d.body, target: d.target });
        await this.db
          .updateTable('deliveries')
          .set({ status: 'sent', sent_at: this.clock.now().toISOString(), last_error: null })
          .where('id', '=', d.id)
          .execute();
        sent++;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        const giveUp = attempt >= MAX_ATTEMPTS || !channel;
        await this.db
          .updateTable('deliveries')
          .set({
            status: giveUp ? 'failed' : 'pending',
            last_error: error.slice(0, 500),
            next_attempt_at: new Date(now.getTime() + backoffMs(attempt)).toISOString(),
          })
          .where('id', '=', d.id)
          .execute();
        failed++;
      }
    }
    return { sent, failed };
  }
}
