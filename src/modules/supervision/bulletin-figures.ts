import type { Kysely } from 'kysely';
import { BulletinRepository } from '../../db/repositories/bulletin.repository.js';
import { StatisticsRepository } from '../../db/repositories/statistics.repository.js';
import { UnitRepository } from '../../db/repositories/unit.repository.js';
import type { Database } from '../../db/schema.js';
import type { BulletinFigures, UnitFigures } from '../../domain/bulletin.js';
import type { RepeatSettings } from '../../domain/repeats.js';
import { addDays, startOfShanghaiDay } from '../../domain/time.js';
import { UNIT_CLOCK_STATES } from '../../domain/workflow/index.js';
import { cityBulletinCounts } from '../city-bulletins/city-bulletin-figures.js';
import { repeatComplaintsByUnit } from '../repeats/repeat-figures.js';
import { decisionLateCount } from '../statistics/decision-late.js';
import { dispatchLateCount } from '../statistics/dispatch-late.js';
import { overdueOrders } from '../statistics/overdue-orders.js';

/**
 * A period's figures per lead unit. Definitions (also in docs/operations.md):
 * received — orders dispatched to the unit as lead in the period; overdue — orders of the unit
 * whose deadline passed unanswered in the period (domain/overdue.ts); redone — redo orders in the period; poor replies — redos
 * for an unclear result, poor quality or "should have been done"; repeated complaints — as
 * defined once in domain/repeats.ts (repeatedComplaintOf).
 */
export async function bulletinFigures(
  db: Kysely<Database>,
  from: string,
  to: string,
  repeatSettings: RepeatSettings,
  now: Date,
): Promise<BulletinFigures> {
  const start = startOfShanghaiDay(from).toISOString();
  const end = startOfShanghaiDay(addDays(to, 1)).toISOString();
  const bulletins = new BulletinRepository(db);
  const units = await new UnitRepository(db).handling();
  const figures = new Map<number, UnitFigures>(
    units.map((u) => [
      u.id,
      {
        unitId: u.id,
        unitName: u.name,
        received: 0,
        overdue: 0,
        stillOverdue: 0,
        signLate: 0,
        coSilent: 0,
        redone: 0,
        poorReplies: 0,
        repeatedComplaints: 0,
        cityBulletins: 0,
        accountabilities: 0,
      },
    ]),
  );
  const add = (unitId: number | null, key: keyof Omit<UnitFigures, 'unitId' | 'unitName'>, n: number) => {
    const f = unitId === null ? undefined : figures.get(unitId);
    if (f) f[key] += n;
  };

  const received = await bulletins.dispatchPayloads(start, end);
  for (const r of received) add(r.leadUnitId, 'received', 1);

  const events = await bulletins.redoEvents(start, end);
  for (const e of events) {
    add(e.leadUnitId, 'redone', 1);
    if (e.payload.reasons.some((r) => r === 'unclear' || r === 'poor_quality' || r === 'not_done'))
      add(e.leadUnitId, 'poorReplies', 1);
  }
  // Overdue from the deadline instant (the same count as the unit figures), even with no watcher run then.
  const overdue = await overdueOrders(db, start, end, now);
  for (const unitId of overdue.values()) add(unitId, 'overdue', 1);

  // Still past the deadline in the unit's hands when drafted, whenever the deadline passed: an
  // order overdue since last month and open still is named again, not left out for being old.
  const statistics = new StatisticsRepository(db);
  for (const [unitId, n] of await statistics.overdueNow(UNIT_CLOCK_STATES, now.toISOString()))
    add(unitId, 'stillOverdue', n);
  // 超时未签收: the same count as the unit figures (marked, and passed but not yet marked).
  for (const [unitId, n] of await statistics.signLate(from, to)) add(unitId, 'signLate', n);
  for (const [unitId, n] of await statistics.unmarkedSignLate(start, end, now.toISOString()))
    add(unitId, 'signLate', n);

  // 协办超时: the same count as the unit figures, against the co-unit.
  for (const [unitId, n] of await statistics.coSilent(start, end)) add(unitId, 'coSilent', n);

  // 「重复投诉」: the one definition shared with the unit figures and the dispatcher's detector.
  for (const [unitId, n] of await repeatComplaintsByUnit(db, start, end, repeatSettings))
    add(unitId, 'repeatedComplaints', n);

  // 被市政府通报: the same count as the unit figures (domain/city-bulletin.ts).
  for (const [unitId, c] of await cityBulletinCounts(db, { from, to })) {
    add(unitId, 'cityBulletins', c.cityBulletins);
    add(unitId, 'accountabilities', c.accountabilities);
  }

  const totals = await bulletins.orderTotals(start, end);
  const list = [...figures.values()];
  return {
    from,
    to,
    received: totals.received,
    closed: totals.closed,
    overdue: overdue.size,
    redone: list.reduce((n, u) => n + u.redone, 0),
    // The office's own clock (第一时间分发), counted from the dispatch deadline like overdue.
    dispatchLate: await dispatchLateCount(db, start, end, now),
    // …and its own clock to decide the units' requests (审批时限).
    decisionLate: await decisionLateCount(db, start, end, now),
    units: list,
  };
}
