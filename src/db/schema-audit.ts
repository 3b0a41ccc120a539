import type { Generated } from 'kysely';

// The audit log and the head of its HMAC chain.

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

export interface AuditTables {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
}
