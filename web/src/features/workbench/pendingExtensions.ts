import { ordersApi } from '../../api/orders';
import type { OrderList, OrderListItem, OrderQuery } from '../../api/types';

let cache: { at: number; items: Promise<OrderListItem[]> } | null = null;

/**
 * Orders with an extension request waiting for the office. The list endpoint has no such
 * filter yet, so this reads the handling orders' details (at most 100) and keeps those
 * with a pending request; shared for a few seconds between the count and the list.
 */
async function loadAll(): Promise<OrderListItem[]> {
  const handling = await ordersApi.list({ state: 'handling', sort: 'deadline', pageSize: '100' });
  const details = await Promise.all(handling.items.map((o) => ordersApi.get(o.id).catch(() => null)));
  return handling.items.filter((_, i) => details[i]?.pendingExtension);
}

export async function pendingExtensions(query: OrderQuery): Promise<OrderList> {
  if (!cache || Date.now() - cache.at > 5000) cache = { at: Date.now(), items: loadAll() };
  let items = await cache.items;
  if (query.q) items = items.filter((o) => o.title.includes(query.q as string) || o.code === query.q);
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 20);
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize };
}
