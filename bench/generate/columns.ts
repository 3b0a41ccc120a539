import type { WorkOrderRow, WorkOrderUnitRow } from '../../src/db/schema.js';

// The simulated rows as the bulk writer takes them: one array of values per row, in these columns.

export type Row = unknown[];
export interface Batch {
  orders: Row[];
  units: Row[];
  events: Row[];
  attachments: Row[];
}

export const ORDER_COLUMNS = [
  'id',
  'code',
  'city_order_no',
  'channel',
  'citizen_name',
  'citizen_phone',
  'citizen_address',
  'place_key',
  'township_unit_id',
  'category_id',
  'type',
  'title',
  'content',
  'urgency',
  'leader_instruction',
  'leader_deadline',
  'needs_citizen_reply',
  'city_deadline',
  'state',
  'version',
  'lead_unit_id',
  'dispatched_at',
  'sign_by',
  'return_by',
  'handle_by',
  'co_unit_by',
  'warn_at',
  'state_before_return',
  'pending_extension',
  'return_count',
  'extension_count',
  'redo_count',
  'callback_count',
  'last_callback_result',
  'reply',
  'reply_draft',
  'leader_read',
  'replied_at',
  'closed_at',
  'void_reason',
  'merged_into_id',
  'registered_by',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof WorkOrderRow>;

export const UNIT_COLUMNS = [
  'id',
  'order_id',
  'unit_id',
  'role',
  'active',
  'dispatched_at',
  'signed_at',
  'signed_by',
  'opinion_at',
  'silent',
] as const satisfies ReadonlyArray<keyof WorkOrderUnitRow>;

export const EVENT_COLUMNS = [
  'id',
  'order_id',
  'type',
  'at',
  'actor_user_id',
  'actor_unit_id',
  'actor_name',
  'ip',
  'from_state',
  'to_state',
  'payload',
  'unit_id',
  'outcome',
] as const;

export const ATTACHMENT_COLUMNS = [
  'id',
  'order_id',
  'purpose',
  'file_name',
  'mime_type',
  'size',
  'sha256',
  'storage_key',
  'uploaded_by',
  'unit_id',
  'created_at',
] as const;
