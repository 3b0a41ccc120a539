import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../schema.js';

/**
 * No request of the unit awaits the office's decision (domain/office-decision.ts, awaitingOffice):
 * not in 回退待审, no pending extension. Only such an order is overdue against its unit: what the
 * watcher marks, the figures count as overdue now, and the lists show as 超期.
 */
export const notAwaitingOffice = (eb: ExpressionBuilder<Database, 'work_orders'>) =>
  eb.and([
    eb('work_orders.state', '!=', 'return_requested'),
    eb('work_orders.pending_extension', 'is', null),
  ]);
