/** The orders a list may be sorted by, and how the filter bar (and the audit log) words each. */
export const ORDER_SORTS = ['newest', 'oldest', 'deadline', 'sign_deadline'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export const ORDER_SORT_LABELS: Record<OrderSort, string> = {
  newest: '最新登记在前',
  oldest: '最早登记在前',
  deadline: '办理期限最近在前',
  sign_deadline: '签收期限最近在前',
};
