import type { Generated, Selectable } from 'kysely';

// The city platform link: outbox, sync cursors, reconciliations and spreadsheet imports.

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

/** A city order from the pulled list that could not be registered (migration city-001). */
export interface CityRefusedOrdersTable {
  id: Generated<number>;
  city_order_no: string;
  reason: string;
  /** JSON: the row as the city listed it (capped). */
  content: string;
  first_seen_at: string;
  last_seen_at: string;
  seen_count: Generated<number>;
  resolved_at: string | null;
  /** Who marked it handled, or 「已登记」 when the order arrived registered. */
  resolved_by: string | null;
}

/** A run of order-list polls with one outcome and reason (migration city-002, domain/city-poll.ts). */
export interface CityPollRunsTable {
  id: Generated<number>;
  /** ok, refused or failed. */
  outcome: string;
  reason: string | null;
  first_at: string;
  last_at: string;
  polls: Generated<number>;
  received: Generated<number>;
  refused_orders: Generated<number>;
}

export interface CityTables {
  city_outbox: CityOutboxTable;
  city_sync_cursors: CitySyncCursorsTable;
  city_reconciliations: CityReconciliationsTable;
  city_import_previews: CityImportPreviewsTable;
  city_import_mappings: CityImportMappingsTable;
  city_refused_orders: CityRefusedOrdersTable;
  city_poll_runs: CityPollRunsTable;
}

export type CityOutboxRow = Selectable<CityOutboxTable>;
export type CityReconciliationRow = Selectable<CityReconciliationsTable>;
export type CityImportPreviewRow = Selectable<CityImportPreviewsTable>;
