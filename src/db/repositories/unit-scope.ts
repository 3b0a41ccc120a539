import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * A unit sees only the orders it works or worked on: an active assignment of the order to the
 * unit. EXISTS, not IN: SQLite would otherwise start from all the unit's assignments (a hundred
 * thousand at a city's scale); with EXISTS it walks the list's own order (or the state index) and
 * probes wou_unit_order (unit_id, active, order_id) by key, stopping at the page's end.
 *
 * `orderId` is the order's id column as the caller's query names it (`work_orders.id`, `o.id`).
 */
export function seenByUnit(orderId: string, unitId: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from work_order_units as wu
    where wu.unit_id = ${unitId} and wu.active = 1 and wu.order_id = ${sql.ref(orderId)})`;
}
