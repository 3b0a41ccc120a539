import { StatisticsRepository } from '../../db/repositories/statistics.repository.js';
import {
  emptyCounts,
  type Period,
  type PeriodKind,
  periodOf,
  placesOf,
  rankingOf,
  ratesOf,
} from '../../domain/figures.js';
import { can } from '../../domain/policy.js';
import type { Actor } from '../../domain/roles.js';
import { shanghaiDate } from '../../domain/time.js';
import type { AppContext } from '../../server/context.js';
import { countyFigures } from './county-figures.js';
import { unitCounts } from './unit-figures.js';

export interface PeriodQuery {
  period: PeriodKind;
  date?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function resolvePeriod(ctx: AppContext, q: PeriodQuery): Period {
  const date = q.date ?? shanghaiDate(ctx.clock.now());
  return periodOf(q.period, date, q.from && q.to ? { from: q.from, to: q.to } : undefined);
}

/** Per-unit figures with rates, the ranking's indicator scores, and each unit's rank. */
export async function unitFigures(ctx: AppContext, actor: Actor, q: PeriodQuery) {
  const period = resolvePeriod(ctx, q);
  const settings = await ctx.settings.figures();
  // Statistics read the replica when there is one (DATABASE_READ_URL); settings and calendar are small and cached.
  const counts = await unitCounts(
    ctx.db.read,
    await ctx.calendar.calendar(),
    period,
    ctx.clock.now(),
    (await ctx.settings.assistant()).repeats,
    ctx.db.kysely,
  );
  const units = await new StatisticsRepository(ctx.db.read).handlingUnits();
  const rows = units.map((u) => {
    const base = counts.get(u.id) ?? emptyCounts();
    const rates = ratesOf(base, settings);
    const ranking = rankingOf(base, rates, settings) ?? { indicators: null, score: null };
    return { unitId: u.id, unitName: u.name, kind: u.kind, counts: base, rates, ranking };
  });
  const places = placesOf(rows, settings);
  const placed = rows.map((r) => {
    const place = places.get(r);
    return { ...r, rank: typeof place === 'number' ? place : null, fewOrders: place === 'fewOrders' };
  });
  // Ranked among all the county's units first: a unit's own people see their own row only, with
  // its place in the county (not 1st of the one row they see).
  const visible = placed.filter((r) => can(actor, 'statistics.units', { kind: 'unit', unitId: r.unitId }));
  return { period, settings, units: visible };
}

export async function county(ctx: AppContext, q: PeriodQuery) {
  return countyFigures(ctx.db.read, resolvePeriod(ctx, q), ctx.clock.now(), ctx.db.kysely);
}
