import type { Generated, Selectable } from 'kysely';

// Machine clients (keys, calls, nonces, idempotency) and their Open311 requests.

export interface ApiClientsTable {
  id: Generated<number>;
  name: string;
  /** JSON array of scopes (see domain/api-scopes.ts). */
  scopes: string;
  /** The unit the client speaks for (the city platform's unit), if any. */
  unit_id: number | null;
  require_signature: number;
  /** JSON array of the addresses and networks it may call from; empty: any (domain/address-allowlist.ts). */
  allowed_addresses: Generated<string>;
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

export interface ApiClientTables {
  api_clients: ApiClientsTable;
  api_client_keys: ApiClientKeysTable;
  api_client_calls: ApiClientCallsTable;
  api_nonces: ApiNoncesTable;
  idempotency_records: IdempotencyRecordsTable;
  open311_requests: Open311RequestsTable;
}

export type ApiClientRow = Selectable<ApiClientsTable>;
export type ApiClientKeyRow = Selectable<ApiClientKeysTable>;
