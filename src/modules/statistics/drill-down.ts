import { type OrderNarrowing, StatisticsRepository } from '../../db/repositories/statistics.repository.js';
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
  coSilent: { types: ['co_unit_silent'] },
  returned: { types: ['return_requested'] },
  returnsRejected: { types: ['return_rejected'] },
  extended: { types: ['extension_approved'] },
  replied: { types: ['replied', 'fax_reply_recorded'] },
  repliedLate: { types: ['replied', 'fax_reply_recorded'], outcome: 'late' },
  redone: { types: ['redo_ordered'] },
  unsatisfied: { types: ['callback_recorded'], outcome: 'unsatisfied' },
  unreachable: { types: ['callback_recorded'], outcome: 'unreachable' },
  urges: { types: ['urged'] },
};
// 超时签收 (signedLate) reads more than events of the period: drilled on its own, listed where it was.
const [firstEvent, ...laterEvents] = Object.keys(EVENTS);
export const DRILL_INDICATORS = ['overdueNow', 'overdueEver', firstEvent, 'signedLate', ...laterEvents] as [
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
  const repo = new StatisticsRepository(db);
  const { start, end } = bounds(resolvePeriod(ctx, q));
  const spec = EVENTS[q.indicator];
  let behind: OrderNarrowing;
  if (spec) {
    behind = repo.withEvent(q.unitId, spec.types, spec.outcome, start, end);
  } else if (q.indicator === 'signedLate') {
    // The missed sign-for deadlines the figure counts: marked, signed late unmarked, or passed unmarked.
    behind = repo.signedLate(q.unitId, start, end, now.toISOString());
  } else if (q.indicator === 'overdueEver') {
    // The same orders the figures count: overdue from the deadline instant (domain/overdue.ts).
    const ids = [...(await overdueOrders(db, start, end, now)).entries()]
      .filter(([, unitId]) => unitId === q.unitId)
      .map(([orderId]) => orderId);
    behind = repo.withIds(ids);
  } else {
    behind = repo.pastDeadline(q.unitId, UNIT_CLOCK_STATES, now.toISOString());
  }
  return repo.drillPage((o) => behind(scoped(o, scope)), q.page, q.pageSize);
}
