import type { OrderScope } from '../../domain/policy.js';
import { UNIT_CLOCK_STATES } from '../../domain/workflow/index.js';
import type { AppContext } from '../../server/context.js';
import { scoped } from '../work-orders/work-order.queries.js';
import { overdueOrders } from './overdue-orders.js';
import { type PeriodQuery, resolvePeriod } from './statistics.service.js';
import { bounds } from './unit-figures.js';

/** Each drillable indicator: the timeline events behind it (type, and outcome where it matters). */
const EVENTS: Record<string, { types: string[]; outcome?: string }> = {
  received: { types: ['dispatched'] },
  signedLate: { types: ['signed'], outcome: 'late' },
  returned: { types: ['return_requested'] },
  returnsRejected: { types: ['return_rejected'] },
  extended: { types: ['extension_approved'] },
  replied: { types: ['replied', 'fax_reply_recorded'] },
  repliedLate: { types: ['replied', 'fax_reply_recorded'], outcome: 'late' },
  redone: { types: ['redo_ordered'] },
  unsatisfied: { types: ['callback_recorded'], outcome: 'unsatisfied' },
  urges: { types: ['urged'] },
};
export const DRILL_INDICATORS = ['overdueNow', 'overdueEver', ...Object.keys(EVENTS)] as [
  string,
  ...string[],
];

export async function drillDown(
  ctx: AppContext,
  scope: OrderScope,
  q: PeriodQuery & { unitId: number; indicator: string; page: number; pageSize: number },
  now: Date,
) {
  const db = ctx.db.read;
  const { start, end } = bounds(resolvePeriod(ctx, q));
  let base = scoped(db.selectFrom('work_orders'), scope);
  const spec = EVENTS[q.indicator];
  if (spec) {
    base = base.where('work_orders.id', 'in', (eb) => {
      let sub = eb
        .selectFrom('work_order_events')
        .select('work_order_events.order_id')
        .where('work_order_events.unit_id', '=', q.unitId)
        .where('work_order_events.type', 'in', spec.types)
        .where('work_order_events.at', '>=', start)
        .where('work_order_events.at', '<', end);
      if (spec.outcome) sub = sub.where('work_order_events.outcome', '=', spec.outcome);
      return sub;
    });
  } else if (q.indicator === 'overdueEver') {
    // The same orders the figures count: overdue from the deadline instant (domain/overdue.ts).
    const ids = [...(await overdueOrders(db, start, end, now)).entries()]
      .filter(([, unitId]) => unitId === q.unitId)
      .map(([orderId]) => orderId);
    base = base.where('work_orders.id', 'in', ids.length > 0 ? ids : [-1]);
  } else {
    base = base
      .where('work_orders.lead_unit_id', '=', q.unitId)
      .where('work_orders.state', 'in', [...UNIT_CLOCK_STATES])
      .where('work_orders.handle_by', '<=', now.toISOString());
  }
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await base
    .leftJoin('units as lead', 'lead.id', 'work_orders.lead_unit_id')
    .selectAll('work_orders')
    .select(['lead.name as lead_name'])
    .orderBy('work_orders.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows, total };
}
