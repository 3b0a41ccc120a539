import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

// Work orders, their units, timeline events, attachments and repeat clusters.

export interface WorkOrdersTable {
  id: Generated<number>;
  code: string;
  city_order_no: string | null;
  channel: string;
  citizen_name: string;
  citizen_phone: string;
  citizen_address: string;
  township_unit_id: number | null;
  category_id: number | null;
  type: string;
  title: string;
  content: string;
  urgency: string;
  leader_instruction: string | null;
  leader_deadline: string | null;
  needs_citizen_reply: number;
  city_deadline: string | null;
  state: string;
  version: number;
  lead_unit_id: number | null;
  dispatched_at: string | null;
  sign_by: string | null;
  return_by: string | null;
  handle_by: string | null;
  co_unit_by: string | null;
  warn_at: string | null;
  state_before_return: string | null;
  pending_extension: string | null;
  return_count: Generated<number>;
  extension_count: Generated<number>;
  redo_count: Generated<number>;
  callback_count: Generated<number>;
  last_callback_result: string | null;
  reply: string | null;
  replied_at: string | null;
  closed_at: string | null;
  void_reason: string | null;
  merged_into_id: number | null;
  registered_by: number | null;
  created_at: string;
  updated_at: string;
  due_soon_marked_for: string | null;
  overdue_marked_for: string | null;
  sign_overdue_marked_for: string | null;
  escalated_at: string | null;
  escalation_reported_at: string | null;
  escalation_concluded_at: string | null;
  urge_count: Generated<number>;
  phone_supervision_count: Generated<number>;
  /** The Beijing date of created_at. */
  created_day: string | null;
  /** The address as compared for repeats and clusters (domain/repeats.ts placeKey). */
  place_key: Generated<string>;
  /** The order the office linked this one to as a repeat (a merge sets merged_into_id). */
  repeat_of_id: number | null;
  cluster_id: number | null;
  /** Title and the start of the content, kept by the database: what the repeat check compares. */
  repeat_text: GeneratedAlways<string>;
  /** The knowledge version the office answered this consultation from (直办), if it did. */
  answered_on_spot_version_id: Generated<number | null>;
  /** JSON: the reply a liaison submitted for a leader's sign-off (签发), or the one sent back with the comment. */
  reply_draft: string | null;
  /** JSON: the main leader's reading (阅批) of a leader-instructed or urgent order. */
  leader_read: string | null;
  /** 保密 (0/1): the citizen asked that units not learn their identity. */
  confidential: Generated<number>;
  /** The office's dispatch deadline (第一时间分发) and from when it is due soon; null for orders before it existed. */
  dispatch_by: Generated<string | null>;
  dispatch_warn_at: Generated<string | null>;
  /** The dispatch deadline the watcher recorded 分发超时 for (claimed once). */
  dispatch_overdue_marked_for: Generated<string | null>;
  /** Under an approved extension: when the next progress report is due. */
  progress_due_at: Generated<string | null>;
  /** The due instant the watcher recorded a missed progress report for (claimed once). */
  progress_missed_for: Generated<string | null>;
  /** While a unit's request (延期、回退) awaits the office: when it came and by when the office must decide. */
  decision_requested_at: Generated<string | null>;
  decide_by: Generated<string | null>;
  /** The decision deadline the office was recorded late for (审批超时, claimed once). */
  decision_overdue_marked_for: Generated<string | null>;
}

export interface OrderClustersTable {
  id: Generated<number>;
  township_unit_id: number | null;
  place: string;
  first_order_id: number;
  order_count: number;
  started_at: string;
  alerted_at: string;
  last_at: string;
}

export interface WorkOrderUnitsTable {
  id: Generated<number>;
  order_id: number;
  unit_id: number;
  role: string;
  active: number;
  dispatched_at: string;
  signed_at: string | null;
  signed_by: number | null;
  opinion_at: string | null;
  silent: number;
  /** When a co-unit returned its part (its assignment then ends). */
  returned_at: string | null;
  /** The co-unit deadline this part was warned for (预警, co_unit_due_soon), claimed once. */
  due_soon_marked_for: string | null;
}

export interface WorkOrderEventsTable {
  id: Generated<number>;
  order_id: number;
  type: string;
  at: string;
  actor_user_id: number | null;
  actor_unit_id: number | null;
  actor_name: string;
  ip: string | null;
  from_state: string | null;
  to_state: string | null;
  payload: string;
  /** The unit the event concerns: the lead unit at the time, or the co-unit for co-unit events. */
  unit_id: number | null;
  /** 'on_time' | 'late' for signs and replies, the callback result, the redo reasons (comma-separated). */
  outcome: string | null;
}

export interface AttachmentsTable {
  id: Generated<number>;
  order_id: number | null;
  purpose: string;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number;
  unit_id: number;
  created_at: string;
  /** The request this file proves (e.g. `requestExtension@<instant>`); null while unused. */
  bound_to: string | null;
  /** A unit's registration form scan: the unit it was uploaded for (no order). */
  for_unit_id: number | null;
}

/**
 * Moved by the database when something an order's page shows changes without a new version
 * (migration pages-001): with the version, what a stored page is checked against.
 */
export interface PageStampsTable {
  order_id: number;
  stamp: number;
  /** The write that last changed the order: a transaction id on PostgreSQL, a sequence on SQLite (migration pages-002). */
  changed: ColumnType<string | number, never, never>;
}

/** The key of a registration request and the order it registered (see the migration registration-001). */
export interface RegistrationRequestsTable {
  key: string;
  user_id: number;
  order_id: number | null;
  created_at: string;
  /** SHA-256 of the form the key came with; null for keys kept before it was recorded. */
  content_hash: string | null;
}

export interface WorkOrderTables {
  work_orders: WorkOrdersTable;
  registration_requests: RegistrationRequestsTable;
  page_stamps: PageStampsTable;
  order_clusters: OrderClustersTable;
  work_order_units: WorkOrderUnitsTable;
  work_order_events: WorkOrderEventsTable;
  attachments: AttachmentsTable;
}

export type WorkOrderRow = Selectable<WorkOrdersTable>;
export type NewWorkOrder = Insertable<WorkOrdersTable>;
export type WorkOrderUpdate = Updateable<WorkOrdersTable>;
export type WorkOrderUnitRow = Selectable<WorkOrderUnitsTable>;
export type WorkOrderEventRow = Selectable<WorkOrderEventsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
