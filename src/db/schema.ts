import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type { FiguresTables } from './schema-figures.js';
import type { SupervisionTables } from './schema-supervision.js';

/**
 * The database, typed. Portable representations, so the same queries run on SQLite and
 * PostgreSQL: instants are ISO 8601 UTC strings with milliseconds (fixed width, so they sort
 * and compare as text), calendar dates are `YYYY-MM-DD`, booleans are 0/1 integers and
 * structured values are JSON text.
 */
export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  remit: string;
  active: number;
  created_at: string;
  /** How the unit's replies are signed off: 'leader' (by a leader's own login) or 'typed' (typed issuer, scan attached). */
  sign_off_mode: Generated<string>;
  /** The office's words for it, separated by 「、」 (e.g. 住建、房管、建设局). */
  synonyms: Generated<string>;
}

export interface UnitRegistrationsTable {
  unit_id: number;
  leader_in_charge: string;
  liaison_a: string;
  liaison_b: string;
  remarks: string;
  filled_by: string;
  filled_by_phone: string;
  updated_at: string;
  updated_by: number | null;
  /** The stamped form's scan behind the latest filing (migration 2026-12-01-supervise-003). */
  scan_attachment_id: number | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  name: string;
  unit_id: number;
  roles: string;
  phone: string;
  password_hash: string;
  active: number;
  /** Liaison slot in the AB-role system: 'A', 'B' or null. */
  liaison_slot: string | null;
  away_from: string | null;
  away_until: string | null;
  away_note: string | null;
  email: string | null;
  created_at: string;
  /** 1: the user must choose a new password before anything else (first login, after a reset). */
  must_change_password: Generated<number>;
  /** Base32 TOTP secret once enrolled; the pending one while the user confirms the first code. */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  /** The last 30-second step a code was accepted for: a code is good once. */
  totp_last_step: number | null;
  /** JSON array of SHA-256 hashes of the unused recovery codes. */
  recovery_codes: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: the token itself is never stored. */
  id: string;
  user_id: number;
  created_at: string;
  /** The absolute end, fixed at login. */
  expires_at: string;
  last_seen_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailuresTable {
  username: string;
  ip: string;
  at: string;
}

export interface CalendarYearsTable {
  year: number;
  source: string;
  updated_at: string;
}

export interface CalendarDaysTable {
  date: string;
  kind: string;
  name: string | null;
}

export interface CategoriesTable {
  id: Generated<number>;
  level1: string;
  level2: string;
  level3: string;
  active: number;
  /** The office's words for it, separated by 「、」 (e.g. 排水、下水道、井盖). */
  synonyms: Generated<string>;
}

/** A user's named filters of an order list (saved view), private or shared with the owner's unit. */
export interface SavedViewsTable {
  id: Generated<number>;
  owner_user_id: number;
  /** The owner's unit when saved: a shared view is seen by this unit's people. */
  owner_unit_id: number;
  /** Which list the filters are for ('orders'). */
  list: string;
  name: string;
  /** The filters as a URL query string (state=pending_sign&due=overdue), checked against the list's schema. */
  query: string;
  /** 'private' or 'unit'. */
  shared: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The view a user's list opens on. */
export interface SavedViewHomesTable {
  user_id: number;
  list: string;
  view_id: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

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

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  detail: string;
  ip: string | null;
  target: string | null;
  before_json: string | null;
  after_json: string | null;
  /** Place in the chain (1, 2, …); null only before the row is sealed. */
  seq: number | null;
  prev_mac: string | null;
  /** HMAC-SM3 over the entry's content and prev_mac. */
  mac: string | null;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  mac: string;
}

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

export interface UrgesTable {
  id: Generated<number>;
  order_id: number;
  unit_id: number;
  message: string;
  auto: number;
  created_at: string;
  created_by: number | null;
  read_at: string | null;
  read_by: number | null;
}

export interface BulletinsTable {
  id: Generated<number>;
  title: string;
  period_from: string;
  period_to: string;
  body: string;
  figures: string;
  status: string;
  version: Generated<number>;
  created_by: number;
  created_at: string;
  published_at: string | null;
  published_by: number | null;
}

/** A result waiting to go back to the city platform (the city link's outbox). */
export interface CityOutboxTable {
  id: Generated<number>;
  order_id: number;
  seq: number;
  event_type: string;
  idempotency_key: string;
  payload: string;
  /** pending → sending (leased until next_attempt_at) → sent; back to pending with backoff; dead. */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  dead_since: string | null;
}

export interface CitySyncCursorsTable {
  name: string;
  cursor: string;
  polled_at: string;
}

export interface CityReconciliationsTable {
  id: Generated<number>;
  run_key: string;
  started_at: string;
  finished_at: string | null;
  started_by: number | null;
  status: string;
  error: string | null;
  /** JSON: the differences found. */
  items: string;
  compared: Generated<number>;
}

export interface CityImportPreviewsTable {
  id: string;
  created_by: number;
  created_at: string;
  expires_at: string;
  file_name: string;
  /** JSON: the header row as read. */
  headers: string;
  /** JSON: the data rows as read (dates tagged, see city-import.repository). */
  cells: string;
  /** JSON: field → header. */
  mapping: string;
  /** JSON: each row's planned outcome. */
  plan: string;
  status: string;
  confirmed_at: string | null;
  /** JSON: each row's outcome once confirmed. */
  result: string | null;
}

export interface CityImportMappingsTable {
  signature: string;
  headers: string;
  mapping: string;
  saved_by: number;
  saved_at: string;
}

export interface ApiClientsTable {
  id: Generated<number>;
  name: string;
  /** JSON array of scopes (see domain/api-scopes.ts). */
  scopes: string;
  /** The unit the client speaks for (the city platform's unit), if any. */
  unit_id: number | null;
  require_signature: number;
  active: number;
  created_at: string;
  revoked_at: string | null;
}

export interface ApiClientKeysTable {
  id: Generated<number>;
  client_id: number;
  /** SHA-256 of the key, hex; the key itself is shown once and never stored. */
  key_hash: string;
  key_prefix: string;
  created_at: string;
  /** Null while current; set when rotated (the overlap's end). */
  expires_at: string | null;
}

export interface ApiClientCallsTable {
  id: Generated<number>;
  client_id: number;
  at: string;
  method: string;
  route: string;
  status: number;
  error_code: string | null;
  duration_ms: number;
}

export interface ApiNoncesTable {
  client_id: number;
  nonce: string;
  at: string;
}

export interface IdempotencyRecordsTable {
  client_id: number;
  key: string;
  request_hash: string;
  status: number;
  /** The first answer, JSON. */
  response: string;
  created_at: string;
}

export interface Open311RequestsTable {
  order_id: number;
  client_id: number;
  lat: number | null;
  long: number | null;
  created_at: string;
}

/** A knowledge-base entry: who owns it and which of its versions is current (issue 12). */
export interface KnowledgeEntriesTable {
  id: Generated<number>;
  owner_unit_id: number;
  /** The approved version offered now; null until the office first approves one. */
  current_version_id: number | null;
  created_at: string;
  updated_at: string;
  /** Bumped by every proposal and decision: a stale one is refused (409). */
  version: number;
}

/** Every version of an entry, kept for ever: proposed, approved, sent back or superseded. */
export interface KnowledgeVersionsTable {
  id: Generated<number>;
  entry_id: number;
  version_no: number;
  status: string;
  kind: string;
  title: string;
  body: string;
  /** Callers' words for the entry, joined by 「、」. */
  keywords: Generated<string>;
  category_id: number | null;
  source_document: string;
  source_date: string;
  valid_from: string;
  valid_until: string | null;
  proposed_by: number | null;
  proposed_by_name: string;
  proposed_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_comment: string | null;
}

/** Pre-summed daily figures, kept by triggers (migration 2026-12-01-summaries-001-daily-figures). */
export interface OrderDayFiguresTable {
  /** Beijing date: of registration, or of closing for dim 'on_spot'. */
  day: string;
  /** 'channel' | 'type' | 'township' | 'category' | 'on_spot' */
  dim: string;
  /** The value ('' for none). */
  key: string;
  n: number;
}

export interface UnitEventDaysTable {
  day: string;
  unit_id: number;
  type: string;
  /** '' for none. */
  outcome: string;
  n: number;
}

export interface UnitReplySpansTable {
  reply_day: string;
  unit_id: number;
  /** The Beijing date the handling began (the last dispatch or redo before the reply). */
  began_day: string;
  n: number;
  /** Sums of milliseconds into the Beijing day of the replies and of their starts. */
  reply_ms: number | string;
  began_ms: number | string;
}

export interface TitleWordsDaysTable {
  day: string;
  /** Moved on by the triggers at each change to the day's titles. */
  gen: number;
  /** JSON: word → in how many of the day's titles; null when stale. */
  words: string | null;
}

export interface Database extends SupervisionTables, FiguresTables {
  title_words_days: TitleWordsDaysTable;
  order_day_figures: OrderDayFiguresTable;
  unit_event_days: UnitEventDaysTable;
  unit_reply_spans: UnitReplySpansTable;
  knowledge_entries: KnowledgeEntriesTable;
  knowledge_versions: KnowledgeVersionsTable;
  open311_requests: Open311RequestsTable;
  city_outbox: CityOutboxTable;
  city_sync_cursors: CitySyncCursorsTable;
  city_reconciliations: CityReconciliationsTable;
  city_import_previews: CityImportPreviewsTable;
  city_import_mappings: CityImportMappingsTable;
  api_clients: ApiClientsTable;
  api_client_keys: ApiClientKeysTable;
  api_client_calls: ApiClientCallsTable;
  api_nonces: ApiNoncesTable;
  idempotency_records: IdempotencyRecordsTable;
  notifications: NotificationsTable;
  deliveries: DeliveriesTable;
  urges: UrgesTable;
  bulletins: BulletinsTable;
  units: UnitsTable;
  unit_registrations: UnitRegistrationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  categories: CategoriesTable;
  settings: SettingsTable;
  counters: CountersTable;
  work_orders: WorkOrdersTable;
  work_order_units: WorkOrderUnitsTable;
  work_order_events: WorkOrderEventsTable;
  attachments: AttachmentsTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  order_clusters: OrderClustersTable;
  saved_views: SavedViewsTable;
  saved_view_homes: SavedViewHomesTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type WorkOrderRow = Selectable<WorkOrdersTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type SavedViewRow = Selectable<SavedViewsTable>;
export type NewWorkOrder = Insertable<WorkOrdersTable>;
export type WorkOrderUpdate = Updateable<WorkOrdersTable>;
export type WorkOrderUnitRow = Selectable<WorkOrderUnitsTable>;
export type WorkOrderEventRow = Selectable<WorkOrderEventsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type CityOutboxRow = Selectable<CityOutboxTable>;
export type CityReconciliationRow = Selectable<CityReconciliationsTable>;
export type CityImportPreviewRow = Selectable<CityImportPreviewsTable>;
export type ApiClientRow = Selectable<ApiClientsTable>;
export type ApiClientKeyRow = Selectable<ApiClientKeysTable>;
export type KnowledgeEntryRow = Selectable<KnowledgeEntriesTable>;
export type KnowledgeVersionRow = Selectable<KnowledgeVersionsTable>;
