import type { Kysely } from 'kysely';
import { StatisticsRepository, type Tally } from '../../db/repositories/statistics.repository.js';
import type { Database } from '../../db/schema.js';
import { CHANNEL_LABEL, type CountyFigures, hotWordsOf } from '../../domain/county-figures.js';
import { daySeries, type Period, previousPeriod } from '../../domain/figures.js';
import { decisionLateCount } from './decision-late.js';
import { dispatchLateCount } from './dispatch-late.js';
import { bounds } from './unit-figures.js';

const order = (a: string | null, b: string | null, numeric: boolean) =>
  a === null || b === null
    ? (a === null ? 0 : 1) - (b === null ? 0 : 1)
    : numeric
      ? Number(a) - Number(b)
      : a < b
        ? -1
        : a > b
          ? 1
          : 0;

/**
 * Volume by source, type, category (three levels), township and day; hot categories and words.
 * The volumes come from the pre-summed daily figures (statistics.repository.ts), the hot words
 * from each day's stored word counts (recounted for a day whose titles changed, written through
 * `primary` when `db` is a replica), and 分发超时 from the deadlines as of now.
 */
export async function countyFigures(
  db: Kysely<Database>,
  period: Period,
  now: Date,
  primary: Kysely<Database> = db,
): Promise<CountyFigures> {
  const repo = new StatisticsRepository(db);
  const previous = previousPeriod(period);
  const [volumes, byDay, previousDays, before_, categoryRows, townshipRows] = await Promise.all([
    repo.orderVolumes(period.from, period.to, ['channel', 'type', 'township', 'category', 'on_spot']),
    repo.ordersByDay(period.from, period.to),
    repo.ordersByDay(previous.from, previous.to),
    repo.orderVolumes(previous.from, previous.to, ['category']),
    repo.categories(),
    repo.townships(),
  ]);
  // In the order of their keys (numbers as numbers, none first), as a GROUP BY on the rows gave them.
  const of = (dim: string, from = volumes): Tally[] =>
    [...(from.get(dim) ?? [])].sort((a, b) => order(a.key, b.key, dim === 'township' || dim === 'category'));
  const [bySource, byType, byTownship, byCategoryId, previousCategories] = [
    of('channel'),
    of('type'),
    of('township'),
    of('category'),
    of('category', before_),
  ];
  const categories = new Map(categoryRows.map((c) => [String(c.id), c]));
  const townships = new Map(townshipRows.map((u) => [String(u.id), u.name]));
  const levels = (level: 'level1' | 'level2' | 'level3') => {
    const sums = new Map<string, number>();
    for (const r of byCategoryId) {
      const c = r.key ? categories.get(r.key) : undefined;
      const name = c
        ? [c.level1, c.level2, c.level3]
            .slice(0, ['level1', 'level2', 'level3'].indexOf(level) + 1)
            .join(' / ')
        : '未分类';
      sums.set(name, (sums.get(name) ?? 0) + r.count);
    }
    return [...sums].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
  };
  const before = new Map(previousCategories.map((r) => [r.key, r.count]));
  const hotCategories = byCategoryId
    .filter((r) => r.key)
    .map((r) => {
      const c = categories.get(r.key as string);
      const previous = before.get(r.key) ?? 0;
      return {
        categoryId: Number(r.key),
        name: c ? `${c.level2} / ${c.level3}` : '',
        count: r.count,
        previous,
        rise: r.count - previous,
      };
    })
    .filter((c) => c.rise > 0)
    .sort((a, b) => b.rise - a.rise || b.count - a.count)
    .slice(0, 10);

  const { start, end } = bounds(period);
  return {
    period,
    total: byDay.reduce((n, r) => n + r.count, 0),
    answeredOnSpot: of('on_spot').reduce((n, r) => n + r.count, 0),
    dispatchLate: await dispatchLateCount(db, start, end, now),
    decisionLate: await decisionLateCount(db, start, end, now),
    bySource: bySource.map((r) => ({ key: r.key ?? '', name: CHANNEL_LABEL(r.key), count: r.count })),
    byType: byType.map((r) => ({ key: r.key ?? '', count: r.count })),
    byCategory: { level1: levels('level1'), level2: levels('level2'), level3: levels('level3') },
    byTownship: byTownship.map((r) => ({
      unitId: r.key ? Number(r.key) : null,
      name: r.key ? (townships.get(r.key) ?? '') : '未指明乡镇',
      count: r.count,
    })),
    byDay: daySeries(
      period,
      byDay.map((r) => ({ day: r.key ?? '', count: r.count })),
    ),
    hotCategories,
    hotWords: hotWordsOf(
      await repo.dayWords(
        byDay.map((d) => d.key as string),
        primary,
      ),
      await repo.dayWords(
        previousDays.map((d) => d.key as string),
        primary,
      ),
    ),
    bounds: { start, end },
  };
}
