import type { Generated } from 'kysely';

// 催办 (urges) to units and the office's own bulletins (通报).

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
  /** The issue number (文号), given at publication: the year and its count from 1. */
  issue_year: number | null;
  issue_no: number | null;
}

export interface UrgeBulletinTables {
  urges: UrgesTable;
  bulletins: BulletinsTable;
}
