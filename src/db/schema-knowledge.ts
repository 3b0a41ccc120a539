import type { Generated, Selectable } from 'kysely';

// The knowledge base (issue 12).

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

export interface KnowledgeTables {
  knowledge_entries: KnowledgeEntriesTable;
  knowledge_versions: KnowledgeVersionsTable;
}

export type KnowledgeEntryRow = Selectable<KnowledgeEntriesTable>;
export type KnowledgeVersionRow = Selectable<KnowledgeVersionsTable>;
