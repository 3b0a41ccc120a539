import type { Generated, Selectable } from 'kysely';

/** Tables of 现场督办 / 跟踪督办 records (migration 2026-12-01-supervise-001). */
export interface SupervisionVisitsTable {
  id: Generated<number>;
  order_id: number;
  unit_id: number;
  visited_at: string;
  place: string;
  visitors: string;
  met_with: string;
  findings: string;
  requirements: string;
  due_on: string | null;
  recorded_by: number;
  recorded_by_name: string;
  recorded_at: string;
}

export interface SupervisionTrackingsTable {
  id: Generated<number>;
  order_id: number;
  unit_id: number;
  reason: string;
  /** JSON array of YYYY-MM-DD dates. */
  checkpoints: string;
  started_at: string;
  started_by: number;
  started_by_name: string;
  ended_at: string | null;
  ended_by_name: string | null;
  conclusion: string | null;
}

export interface SupervisionFollowUpsTable {
  id: Generated<number>;
  tracking_id: number;
  followed_at: string;
  checkpoint: string | null;
  method: string;
  progress: string;
  recorded_by: number;
  recorded_by_name: string;
  recorded_at: string;
}

export interface SupervisionTables extends CityBulletinTables {
  supervision_visits: SupervisionVisitsTable;
  supervision_trackings: SupervisionTrackingsTable;
  supervision_follow_ups: SupervisionFollowUpsTable;
}

export type SupervisionVisitRow = Selectable<SupervisionVisitsTable>;
export type SupervisionTrackingRow = Selectable<SupervisionTrackingsTable>;
export type SupervisionFollowUpRow = Selectable<SupervisionFollowUpsTable>;

/** 被市政府通报 (migration 2026-12-01-supervise-002). */
export interface CityBulletinsTable {
  id: Generated<number>;
  number: string;
  title: string;
  issued_on: string;
  issuer: string;
  matter: string;
  recorded_by: number;
  recorded_by_name: string;
  recorded_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface CityBulletinOrdersTable {
  bulletin_id: number;
  order_id: number;
}

export interface CityBulletinUnitsTable {
  bulletin_id: number;
  unit_id: number;
  /** Copied from the bulletin: the figures count by it. */
  issued_on: string;
  /** Null while still to be decided. */
  measure: string | null;
  note: string;
  decided_by: string;
}

export interface CityBulletinTables {
  city_bulletins: CityBulletinsTable;
  city_bulletin_orders: CityBulletinOrdersTable;
  city_bulletin_units: CityBulletinUnitsTable;
}

export type CityBulletinRow = Selectable<CityBulletinsTable>;
export type CityBulletinUnitRow = Selectable<CityBulletinUnitsTable>;
