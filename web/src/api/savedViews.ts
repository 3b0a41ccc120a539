import type { SavedView } from '../../../src/modules/saved-views/saved-views.service';
import { api } from './client';

export type { SavedView };
export interface SavedViews {
  items: SavedView[];
  homeViewId: number | null;
}
export type SavedViewInput = Pick<SavedView, 'name' | 'query' | 'shared'>;

/** Saved views of the order list (工单查询): named filters, private or shared with the unit. */
export const savedViewsApi = {
  list: () => api.get<SavedViews>('/api/saved-views', { list: 'orders' }),
  create: (v: SavedViewInput) => api.post<SavedView>('/api/saved-views', { ...v, list: 'orders' }),
  update: (id: number, v: SavedViewInput & { version: number }) =>
    api.put<SavedView>(`/api/saved-views/${id}`, v),
  remove: (v: SavedView) => api.delete<null>(`/api/saved-views/${v.id}?version=${v.version}`),
  setHome: (viewId: number | null) =>
    api.put<SavedViews>('/api/saved-views/home', { list: 'orders', viewId }),
};
