import type { Generated } from 'kysely';

// Notifications and their deliveries by channel.

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  order_id: number | null;
  kind: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

export interface DeliveriesTable {
  id: Generated<number>;
  notification_id: number;
  channel: string;
  target: string;
  /** pending → sending → sent, or back to pending with a later next_attempt_at, or failed for good. */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  deliveries: DeliveriesTable;
}
