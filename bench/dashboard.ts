import { sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import { startOfShanghaiDay } from '../src/domain/time.js';

/**
 * The figures of a year's dashboard (no endpoint yet): orders by state, by lead unit and by
 * month, the on-time rate (replies given by the deadline in force) and satisfaction (callbacks
 * of closed orders). One pass over the year's rows, grouped in SQL, folded here: the reporting
 * index (work_orders_report) holds every column it reads, so the wide rows are never touched.
 * (A variant with one SUM(CASE …) per figure and no GROUP BY was slower on SQLite: per-row
 * expression work, not the sort, is what a year of orders costs.)
 */
export interface Dashboard {
  total: number;
  byState: Record<string, number>;
  byUnit: Array<{ unitId: number | null; total: number; onTime: number; replied: number }>;
  byMonth: Record<string, number>;
  onTimeRate: number;
  satisfaction: {
    satisfied: number;
    basicallySatisfied: number;
    unsatisfied: number;
    unreachable: number;
    rate: number;
  };
}

export async function yearDashboard(db: Db, year: number): Promise<Dashboard> {
  const from = startOfShanghaiDay(`${year}-01-01`).toISOString();
  const to = startOfShanghaiDay(`${year + 1}-01-01`).toISOString();
  // Months in Beijing time: the instant + 8 h, then its year-month.
  const month =
    db.dialect === 'postgres'
      ? sql<string>`to_char(created_at::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM')`
      : sql<string>`substr(datetime(created_at, '+8 hours'), 1, 7)`;
  const rows = await db.kysely
    .selectFrom('work_orders')
    .select([
      month.as('month'),
      'state',
      'lead_unit_id',
      'last_callback_result',
      sql<
        number | null
      >`case when replied_at is null then null when replied_at <= handle_by then 1 else 0 end`.as('on_time'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy([sql`1`, 'state', 'lead_unit_id', 'last_callback_result', sql`5`])
    .execute();

  const d: Dashboard = {
    total: 0,
    byState: {},
    byUnit: [],
    byMonth: {},
    onTimeRate: 0,
    satisfaction: { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, unreachable: 0, rate: 0 },
  };
  const units = new Map<number | null, Dashboard['byUnit'][number]>();
  let replied = 0;
  let onTime = 0;
  for (const r of rows) {
    const n = Number(r.n);
    d.total += n;
    d.byState[r.state] = (d.byState[r.state] ?? 0) + n;
    d.byMonth[r.month] = (d.byMonth[r.month] ?? 0) + n;
    const u = units.get(r.lead_unit_id) ?? { unitId: r.lead_unit_id, total: 0, onTime: 0, replied: 0 };
    u.total += n;
    if (r.on_time !== null) {
      u.replied += n;
      replied += n;
      if (Number(r.on_time) === 1) {
        u.onTime += n;
        onTime += n;
      }
    }
    units.set(r.lead_unit_id, u);
    if (r.state === 'closed') {
      const s = d.satisfaction;
      if (r.last_callback_result === 'satisfied') s.satisfied += n;
      else if (r.last_callback_result === 'basically_satisfied') s.basicallySatisfied += n;
      else if (r.last_callback_result === 'unsatisfied') s.unsatisfied += n;
      else if (r.last_callback_result === 'unreachable') s.unreachable += n;
    }
  }
  const s = d.satisfaction;
  const reached = s.satisfied + s.basicallySatisfied + s.unsatisfied;
  s.rate = reached ? (s.satisfied + s.basicallySatisfied) / reached : 0;
  d.onTimeRate = replied ? onTime / replied : 0;
  d.byUnit = [...units.values()].sort((a, b) => b.total - a.total);
  return d;
}
