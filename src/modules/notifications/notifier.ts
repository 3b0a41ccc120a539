import type { Transaction } from 'kysely';
import { announceChange } from '../../db/change-bus.js';
import type { Database } from '../../db/schema.js';
import { type Notice, type NoticeFacts, noticesFor } from '../../domain/notification-policy.js';
import { shanghaiDate } from '../../domain/time.js';
import type { DecidedEvent } from '../../domain/workflow/index.js';
import type { SettingsService } from '../settings/settings.service.js';
import { buildChannels, type ChannelSettings } from './channels.js';
import { resolveAudience } from './recipients.js';

/**
 * Writes notices in the caller's transaction, beside the change that caused them (an outbox):
 * in-app notifications for each person, and a pending delivery for each configured outbound
 * channel. The delivery worker sends them after commit, so a notice is never lost and never
 * sent for a change that was rolled back. The people notified are announced on the change bus
 * (db/change-bus.ts), so live streams on every server process hear of it once it commits.
 */
export class Notifier {
  constructor(private readonly settings: SettingsService) {}

  async forEvents(
    trx: Transaction<Database>,
    orderId: number | null,
    facts: NoticeFacts,
    events: DecidedEvent[],
    now: Date,
  ) {
    const notices = events.flatMap((e) => noticesFor(e.type, e.payload, facts));
    await this.send(trx, orderId, notices, now);
  }

  async send(
    trx: Transaction<Database>,
    orderId: number | null,
    notices: Notice[],
    now: Date,
  ): Promise<number> {
    if (notices.length === 0) return 0;
    const channelSettings = await this.settings.channels(trx);
    const channels = buildChannels(channelSettings, () => {});
    const today = shanghaiDate(now);
    const at = now.toISOString();
    let count = 0;
    const notified = new Set<number>();
    for (const notice of notices) {
      const people = await resolveAudience(trx, notice.audience, today);
      let first: number | null = null;
      for (const person of people) {
        const row = await trx
          .insertInto('notifications')
          .values({
            user_id: person.id,
            order_id: orderId,
            kind: notice.kind,
            title: notice.title,
            body: notice.body,
            created_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(row.id);
        first ??= id;
        count++;
        notified.add(person.id);
        for (const channel of channels.filter((c) => c.perPerson)) {
          const target = channel.targetOf(person);
          if (target !== null) await this.queue(trx, id, channel.name, target, at);
        }
      }
      // Group robots: one message per notice, attached to its first notification.
      if (first !== null) {
        for (const channel of channels.filter((c) => !c.perPerson))
          await this.queue(trx, first, channel.name, '', at);
      }
    }
    await announceChange(trx, 'notifications', [...notified]);
    return count;
  }

  private async queue(
    trx: Transaction<Database>,
    notificationId: number,
    channel: string,
    target: string,
    at: string,
  ) {
    await trx
      .insertInto('deliveries')
      .values({
        notification_id: notificationId,
        channel,
        target,
        status: 'pending',
        next_attempt_at: at,
        created_at: at,
      })
      .execute();
  }
}

export type { ChannelSettings };
