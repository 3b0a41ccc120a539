import type { Actor } from './roles.js';

/** The lists a view can be saved for. */
export const SAVED_VIEW_LISTS = ['orders'] as const;
export type SavedViewList = (typeof SAVED_VIEW_LISTS)[number];

/** Kept to the owner, or shared with the owner's unit (for office staff: the office). */
export const SAVED_VIEW_SHARES = ['private', 'unit'] as const;
export type SavedViewShare = (typeof SAVED_VIEW_SHARES)[number];

export interface SavedViewFacts {
  ownerUserId: number;
  ownerUnitId: number;
  shared: SavedViewShare;
}

/** A user sees their own views and the views shared with their unit. */
export function canSeeView(actor: Pick<Actor, 'userId' | 'unitId'>, view: SavedViewFacts): boolean {
  return view.ownerUserId === actor.userId || (view.shared === 'unit' && view.ownerUnitId === actor.unitId);
}

/** Only the owner changes or deletes a view; the others who see it may only use it. */
export function canEditView(actor: Pick<Actor, 'userId'>, view: SavedViewFacts): boolean {
  return view.ownerUserId === actor.userId;
}

/** Filters a view never keeps: where the list was paged to is not part of what it shows. */
const NOT_SAVED = new Set(['page']);

/**
 * The filters of a list as a view keeps them: a query string without the page, the keys in a
 * fixed order and empty values dropped, so two views of the same filters store the same text.
 */
export function normalizeViewQuery(query: string): string {
  const params = new URLSearchParams(query.trim().replace(/^\?/, ''));
  const kept = [...params.entries()]
    .filter(([k, v]) => !NOT_SAVED.has(k) && v.trim() !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(kept).toString();
}
