import { useSearchParams } from 'react-router';
import type { OrderQuery } from '../../api/types';

export const FILTER_KEYS = [
  'state',
  'type',
  'urgency',
  'channel',
  'due',
  'redo',
  'role',
  'escalation',
  'pendingExtension',
  'decision',
  // Set by the statistics dashboard's drill-down links.
  'level1',
  'level2',
  'categoryId',
  'townshipUnitId',
  // 工单查询's 承办单位 filter (those who see every order).
  'unitId',
  'q',
  'from',
  'to',
  'period',
  'sort',
  'page',
  'pageSize',
] as const;

/** The list filters as they stand in the address bar, so a view can be shared by its link. */
export function useOrderQuery(): [
  OrderQuery,
  (patch: Partial<Record<keyof OrderQuery, string | undefined>>) => void,
] {
  const [params, setParams] = useSearchParams();
  const query: OrderQuery = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) (query as Record<string, string>)[k] = v;
  }
  const update = (patch: Partial<Record<keyof OrderQuery, string | undefined>>) => {
    setParams(
      () => {
        // From the address itself: two quick changes must not undo each other.
        const next = new URLSearchParams(window.location.search);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        // A new filter starts again at page one.
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: false },
    );
  };
  return [query, update];
}
