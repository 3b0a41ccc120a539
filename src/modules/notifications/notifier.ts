import type { Transaction } from 'kysely';
import { announceChange } from '../../db/change-bus.js';
import { NotificationRepository } from '../../db/repositories/notification.repository.js';
import type { Database } from '../../db/schema.js';
import { type Notice, type NoticeFacts, noticesForAll } from '../../domain/notification-policy.js';
import { shanghaiDate } from '../../domain/time.js';
import type { DecidedEvent } from '../../domain/workflow/index.js';
import { NOT_SENDING } from '../outbound/outbound-http.js';
import type { SettingsService } from '../settings/settings.service.js';
import { buildChannels, type ChannelSettings } from './channels.js';
import { type Recipient, resolveAudience } from './recipients.js';

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
    const notices = noticesForAll(events, facts);
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
    // Only who gets what is needed here: the delivery worker sends after commit.
    const channels = buildChannels(channelSettings, () => {}, NOT_SENDING);
    const today = shanghaiDate(now);
    const at = now.toISOString();
    // Who gets what, then one insert of every notification and one of every delivery.
    const rows: Array<{ person: Recipient; notice: Notice; firstOfNotice: number | null }> = [];
    for (const notice of notices) {
      const people = await resolveAudience(trx, notice.audience, today);
      const first = rows.length;
      people.forEach((person, i) => {
        // The notice's last person carries the index of its first notification (for the group robots).
        rows.push({ person, notice, firstOfNotice: i === people.length - 1 ? first : null });
      });
    }
    if (rows.length === 0) return 0;
    const notifications = new NotificationRepository(trx);
    const ids = await notifications.insertMany(
      rows.map(({ person, notice }) => ({
        userId: person.id,
        orderId,
        kind: notice.kind,
        title: notice.title,
        body: notice.body,
      })),
      at,
    );
    const deliveries = rows.flatMap(({ person, firstOfNotice }, i) => {
      const id = ids[i] as number;
      const firstId = firstOfNotice === null ? null : (ids[firstOfNotice] as number);
      const perPerson = channels
        .filter((c) => c.perPerson)
        .flatMap((c) => {
          const target = c.targetOf(person);
          return target === null ? [] : [{ notificationId: id, channel: c.name, target }];
        });
      // Group robots: one message per notice, attached to its first notification.
      const group =
        firstId === null
          ? []
          : channels
              .filter((c) => !c.perPerson)
              .map((c) => ({ notificationId: firstId, channel: c.name, target: '' }));
      return [...perPerson, ...group];
    });
    await notifications.enqueueDeliveries(deliveries, at);
    // Other processes' live streams hear of it at commit (PostgreSQL: a trigger; SQLite: in process).
    await announceChange(trx, 'notifications', [...new Set(rows.map((r) => r.person.id))]);
    return rows.length;
  }
}

export type { ChannelSettings };
