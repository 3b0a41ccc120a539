import type { Generated, Selectable } from 'kysely';

// A user's saved views of a list and the view each list opens on.

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

export interface SavedViewTables {
  saved_views: SavedViewsTable;
  saved_view_homes: SavedViewHomesTable;
}

export type SavedViewRow = Selectable<SavedViewsTable>;
