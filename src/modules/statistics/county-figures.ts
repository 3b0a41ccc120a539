import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { CHANNEL_LABEL, type CountyFigures, hotWords } from '../../domain/county-figures.js';
import { type Period, previousPeriod } from '../../domain/figures.js';
import { dispatchLateCount } from './dispatch-late.js';
import { bounds } from './unit-figures.js';

type Row = { key: string | number | null; n: number | string | bigint };
const tally = (rows: Row[]) =>
  rows.map((r) => ({ key: r.key === null ? null : String(r.key), count: Number(r.n) }));

/** Volume by source, type, category (three levels), township and day; hot categories and words. */
export async function countyFigures(db: Kysely<Database>, period: Period, now: Date): Promise<CountyFigures> {
  const created = (p: Period) =>
    db.selectFrom('work_orders').where('created_day', '>=', p.from).where('created_day', '<=', p.to);
  const by = async (
    column: 'channel' | 'type' | 'township_unit_id' | 'created_day' | 'category_id',
    p = period,
  ) =>
    tally(
      (await created(p)
        .select([`${column} as key`, (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(column)
        .execute()) as Row[],
    );

  const [bySource, byType, byTownship, byDay, byCategoryId, previousCategories] = await Promise.all([
    by('channel'),
    by('type'),
    by('township_unit_id'),
    by('created_day'),
    by('category_id'),
    by('category_id', previousPeriod(period)),
  ]);
  const categories = new Map(
    (await db.selectFrom('categories').select(['id', 'level1', 'level2', 'level3']).execute()).map((c) => [
      String(c.id),
      c,
    ]),
  );
  const townships = new Map(
    (await db.selectFrom('units').select(['id', 'name']).where('kind', '=', 'township').execute()).map(
      (u) => [String(u.id), u.name],
    ),
  );
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

  const onSpot = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('answered_on_spot_version_id', 'is not', null)
    .where('state', '=', 'closed')
    .where('closed_at', '>=', bounds(period).start)
    .where('closed_at', '<', bounds(period).end)
    .executeTakeFirst();
  const texts = async (p: Period) => (await created(p).select(['title']).execute()).map((r) => r.title);
  const { start, end } = bounds(period);
  return {
    period,
    total: byDay.reduce((n, r) => n + r.count, 0),
    answeredOnSpot: Number(onSpot?.n ?? 0),
    dispatchLate: await dispatchLateCount(db, start, end, now),
    bySource: bySource.map((r) => ({ key: r.key ?? '', name: CHANNEL_LABEL(r.key), count: r.count })),
    byType: byType.map((r) => ({ key: r.key ?? '', count: r.count })),
    byCategory: { level1: levels('level1'), level2: levels('level2'), level3: levels('level3') },
    byTownship: byTownship.map((r) => ({
      unitId: r.key ? Number(r.key) : null,
      name: r.key ? (townships.get(r.key) ?? '') : '未指明乡镇',
      count: r.count,
    })),
    byDay: byDay
      .map((r) => ({ day: r.key ?? '', count: r.count }))
      .sort((a, b) => a.day.localeCompare(b.day)),
    hotCategories,
    hotWords: hotWords(await texts(period), await texts(previousPeriod(period))),
    bounds: { start, end },
  };
}
