import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { wordCounts } from '../../domain/county-figures.js';
import type { DayTotal } from '../../domain/handling-time.js';
import type { Database } from '../schema.js';
import { notAwaitingOffice } from './awaiting-office.js';

type OrderQuery = SelectQueryBuilder<Database, 'work_orders', object>;
/** How the caller narrows the orders (scope, list filters): built above the db floor. */
export type OrderNarrowing = (q: OrderQuery) => OrderQuery;

/** One count of the pre-summed figures: a key (null where the row had none) and its sum. */
export interface Tally {
  key: string | null;
  count: number;
}

const tally = (rows: Array<{ key: string; n: unknown }>): Tally[] =>
  rows.map((r) => ({ key: r.key === '' ? null : r.key, count: Number(r.n) }));

/**
 * The statistics' reads. Volumes and unit counts come from the pre-summed daily tables that
 * triggers keep in the same transaction as the orders and events (migration
 * 2026-12-01-summaries-001-daily-figures): a year is a few thousand rows. Days are Beijing
 * dates, inclusive; a count that fell back to zero is left out, as a GROUP BY over the rows
 * would leave it out.
 */
export class StatisticsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Orders registered on [from, to], by dimension ('channel', 'type', 'township', 'category') and key; 'on_spot' by closing day. */
  async orderVolumes(from: string, to: string, dims: string[]): Promise<Map<string, Tally[]>> {
    const rows = await this.db
      .selectFrom('order_day_figures')
      .select(['dim', 'key', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .where('dim', 'in', dims)
      .groupBy(['dim', 'key'])
      .having((eb) => eb.fn.sum('n'), '<>', 0)
      .execute();
    const out = new Map<string, Tally[]>(dims.map((d) => [d, []]));
    for (const r of rows) out.get(r.dim)?.push(...tally([r]));
    return out;
  }

  /** Orders registered on each day of [from, to] (days without any left out). */
  async ordersByDay(from: string, to: string): Promise<Tally[]> {
    return tally(
      await this.db
        .selectFrom('order_day_figures')
        .select(['day as key', (eb) => eb.fn.sum<number>('n').as('n')])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .where('dim', '=', 'channel')
        .groupBy('day')
        .having((eb) => eb.fn.sum('n'), '<>', 0)
        .orderBy('day')
        .execute(),
    );
  }

  /**
   * The words of the titles registered on these days (each title counts a word once), summed
   * from each day's stored counts. A day whose counts are stale (an order of that day was
   * registered, retitled or removed since) or missing is counted from its titles, and the result
   * stored through `primary` unless the day changed again meanwhile (its gen moved on): a reader
   * never stores counts older than the titles. The gen is read before the titles, so a change
   * that commits between the two reads leaves the stored counts stale, never wrong.
   */
  async dayWords(days: readonly string[], primary: Kysely<Database>): Promise<Map<string, number>> {
    const total = new Map<string, number>();
    const add = (counts: Iterable<[string, number]>) => {
      for (const [w, n] of counts) total.set(w, (total.get(w) ?? 0) + n);
    };
    if (days.length === 0) return total;
    const sorted = [...days].sort();
    const stored = new Map(
      (
        await this.db
          .selectFrom('title_words_days')
          .select(['day', 'gen', 'words'])
          .where('day', '>=', sorted[0] as string)
          .where('day', '<=', sorted.at(-1) as string)
          .execute()
      ).map((r) => [r.day, r]),
    );
    for (const day of sorted) {
      const row = stored.get(day);
      if (row?.words) {
        add(Object.entries(JSON.parse(row.words) as Record<string, number>));
        continue;
      }
      const titles = await this.db
        .selectFrom('work_orders')
        .select('title')
        .where('created_day', '=', day)
        .execute();
      const counts = wordCounts(titles.map((t) => t.title));
      add(counts);
      const gen = row?.gen ?? 0;
      await primary
        .insertInto('title_words_days')
        .values({ day, gen, words: JSON.stringify(Object.fromEntries(counts)) })
        .onConflict((oc) =>
          oc
            .column('day')
            .doUpdateSet((eb) => ({ words: eb.ref('excluded.words') }))
            .where('title_words_days.gen', '=', gen),
        )
        .execute();
    }
    return total;
  }

  categories() {
    return this.db.selectFrom('categories').select(['id', 'level1', 'level2', 'level3']).execute();
  }

  townships() {
    return this.db.selectFrom('units').select(['id', 'name']).where('kind', '=', 'township').execute();
  }

  /** The units with figures: departments and townships. */
  handlingUnits() {
    return this.db
      .selectFrom('units')
      .select(['id', 'name', 'kind'])
      .where('kind', 'in', ['department', 'township'])
      .orderBy('id')
      .execute();
  }

  /** The counted timeline events of [from, to] per unit, type and outcome (null when none). */
  async unitEvents(
    from: string,
    to: string,
  ): Promise<Array<{ unitId: number; type: string; outcome: string | null; count: number }>> {
    const rows = await this.db
      .selectFrom('unit_event_days')
      .select(['unit_id', 'type', 'outcome', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy(['unit_id', 'type', 'outcome'])
      .having((eb) => eb.fn.sum('n'), '<>', 0)
      .execute();
    return rows.map((r) => ({
      unitId: Number(r.unit_id),
      type: r.type,
      outcome: r.outcome === '' ? null : r.outcome,
      count: Number(r.n),
    }));
  }

  /**
   * The replies of [from, to] whose handling began on or after `heldFrom` of their reply's year
   * (the first day of the run of calendar years that reaches it; a reply year not in the map has
   * none), summed twice: per unit and reply day (how many, the sum of the replies' milliseconds
   * into their Beijing day), and per unit and the day their handling began (the same for the
   * starts). The working time of every reply is the difference of the two sides, so a year's
   * handling time is read as about 2 × units × days rows, not one row per pair of days (84,000 for
   * a year at a million orders).
   */
  async replyDayTotals(
    from: string,
    to: string,
    heldFrom: ReadonlyMap<string, string>,
  ): Promise<{ replies: DayTotal[]; starts: DayTotal[] }> {
    // No year of the period in the calendar: no reply can be measured.
    if (heldFrom.size === 0) return { replies: [], starts: [] };
    const sinceHeld = sql<string | null>`case substr(reply_day, 1, 4) ${sql.join(
      [...heldFrom].map(([year, day]) => sql`when ${year} then ${day}`),
      sql` `,
    )} end`;
    const spans = this.db
      .selectFrom('unit_reply_spans')
      .where('reply_day', '>=', from)
      .where('reply_day', '<=', to)
      .where('n', '<>', 0)
      .where('began_day', '>=', sinceHeld);
    /** One side of the spans summed per its day and unit. */
    const side = async (day: 'reply_day' | 'began_day', ms: 'reply_ms' | 'began_ms'): Promise<DayTotal[]> => {
      const rows = await spans
        .select((eb) => ['unit_id', eb.ref(day).as('day'), eb.fn.sum('n').as('n'), eb.fn.sum(ms).as('ms')])
        .groupBy([day, 'unit_id'])
        .execute();
      return rows.map((r) => ({
        unitId: Number(r.unit_id),
        day: r.day,
        count: Number(r.n),
        ms: Number(r.ms),
      }));
    };
    const [replies, starts] = await Promise.all([
      side('reply_day', 'reply_ms'),
      side('began_day', 'began_ms'),
    ]);
    return { replies, starts };
  }

  /** Orders still with their lead unit past the deadline, now, per lead unit. */
  async overdueNow(states: readonly string[], now: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('work_orders')
      .select(['lead_unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', 'in', [...states])
      .where('handle_by', '<=', now)
      .where('lead_unit_id', 'is not', null)
      .where(notAwaitingOffice)
      .groupBy('lead_unit_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.lead_unit_id), Number(r.n)]));
  }

  /**
   * The orders in each unit's hands at the start of the Beijing day `day` (期初在手): the moves
   * of unit_held_days summed over the days before it (migration 2026-12-06-ranking-001).
   */
  async heldAtStartOf(day: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('unit_held_days')
      .select(['unit_id', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('day', '<', day)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.filter((r) => Number(r.n) > 0).map((r) => [Number(r.unit_id), Number(r.n)]));
  }

  /** The sign-for deadlines each unit missed on the days [from, to], as recorded (unit_sign_late_days). */
  async signLate(from: string, to: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('unit_sign_late_days')
      .select(['unit_id', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.filter((r) => Number(r.n) !== 0).map((r) => [Number(r.unit_id), Number(r.n)]));
  }

  /**
   * Orders waiting to be signed whose sign-for deadline fell in [start, end) and has passed by
   * `now`, not yet marked 「超时未签收」 for it (the watcher has not run since), per lead unit:
   * late from the deadline, as 期内超期 is, whether or not the watcher saw it.
   */
  async unmarkedSignLate(start: string, end: string, now: string): Promise<Map<number, number>> {
    const rows = await this.unmarkedSignLateOrders(this.db.selectFrom('work_orders'), start, end, now)
      .select(['lead_unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('lead_unit_id', 'is not', null)
      .groupBy('lead_unit_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.lead_unit_id), Number(r.n)]));
  }

  private unmarkedSignLateOrders(q: OrderQuery, start: string, end: string, now: string): OrderQuery {
    return q
      .where('work_orders.state', '=', 'pending_sign')
      .where('work_orders.sign_by', '>=', start)
      .where('work_orders.sign_by', '<', end)
      .where('work_orders.sign_by', '<=', now)
      .where((eb) =>
        eb.or([
          eb('work_orders.sign_overdue_marked_for', 'is', null),
          eb('work_orders.sign_overdue_marked_for', '!=', eb.ref('work_orders.sign_by')),
        ]),
      );
  }

  /**
   * The narrowing to the orders behind a unit's 超时签收 of [start, end): the same facts the
   * count reads (unit_sign_late_days and unmarkedSignLate), from the events of that unit.
   */
  signedLate(unitId: number, start: string, end: string, now: string): OrderNarrowing {
    return (q) =>
      q.where((eb) =>
        eb.or([
          eb(
            'work_orders.id',
            'in',
            eb
              .selectFrom('work_order_events as e')
              .select('e.order_id')
              .where('e.unit_id', '=', unitId)
              .where('e.at', '>=', start)
              .where('e.at', '<', end)
              .where((w) =>
                w.or([
                  w('e.type', '=', 'sign_overdue'),
                  w.and([
                    w('e.type', '=', 'signed'),
                    w('e.outcome', '=', 'late'),
                    // A late signing after a mark since its dispatch is that mark's deadline, counted by the mark.
                    w.not(
                      w.exists(
                        w
                          .selectFrom('work_order_events as m')
                          .select('m.id')
                          .whereRef('m.order_id', '=', 'e.order_id')
                          .where('m.type', '=', 'sign_overdue')
                          .whereRef('m.id', '<', 'e.id')
                          .where((x) =>
                            x(
                              'm.id',
                              '>',
                              x.fn.coalesce(
                                x
                                  .selectFrom('work_order_events as d')
                                  .select((y) => y.fn.max('d.id').as('last'))
                                  .whereRef('d.order_id', '=', 'e.order_id')
                                  .where('d.type', '=', 'dispatched')
                                  .whereRef('d.id', '<', 'e.id'),
                                x.lit(0),
                              ),
                            ),
                          ),
                      ),
                    ),
                  ]),
                ]),
              ),
          ),
          eb(
            'work_orders.id',
            'in',
            this.unmarkedSignLateOrders(eb.selectFrom('work_orders'), start, end, now)
              .select('work_orders.id')
              .where('work_orders.lead_unit_id', '=', unitId),
          ),
        ]),
      );
  }

  /** Co-unit assignments made in [start, end), per unit. */
  async coReceived(start: string, end: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('work_order_units')
      .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('role', '=', 'co')
      .where('dispatched_at', '>=', start)
      .where('dispatched_at', '<', end)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.unit_id), Number(r.n)]));
  }

  /**
   * Co-units recorded silent (协办超时) in [start, end), per co-unit: the watcher's records, each
   * at its deadline and naming the co-unit. Asked unit by unit, so that both databases count them
   * from `events_unit_type_at` alone: read by type and time, each record's row was fetched for its
   * unit (a year at a million orders holds ~20,000: 50–100 ms, now a few).
   */
  async coSilent(start: string, end: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('work_order_events')
      .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('unit_id', 'in', (eb) => eb.selectFrom('units').select('units.id'))
      .where('type', '=', 'co_unit_silent')
      .where('at', '>=', start)
      .where('at', '<', end)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.unit_id), Number(r.n)]));
  }

  /** A drill-down page: the orders the caller may see, narrowed to those behind one indicator. */
  async drillPage(narrow: OrderNarrowing, page: number, pageSize: number) {
    const base = narrow(this.db.selectFrom('work_orders'));
    const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await base
      .leftJoin('units as lead', 'lead.id', 'work_orders.lead_unit_id')
      .selectAll('work_orders')
      .select(['lead.name as lead_name'])
      .orderBy('work_orders.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { rows, total };
  }

  /** The narrowing to the orders with a timeline event of these types (and outcome) by a unit in [start, end). */
  withEvent(
    unitId: number,
    types: string[],
    outcome: string | undefined,
    start: string,
    end: string,
  ): OrderNarrowing {
    return (q) =>
      q.where('work_orders.id', 'in', (eb) => {
        let sub = eb
          .selectFrom('work_order_events')
          .select('work_order_events.order_id')
          .where('work_order_events.unit_id', '=', unitId)
          .where('work_order_events.type', 'in', types)
          .where('work_order_events.at', '>=', start)
          .where('work_order_events.at', '<', end);
        if (outcome) sub = sub.where('work_order_events.outcome', '=', outcome);
        return sub;
      });
  }

  /** The narrowing to these orders. */
  withIds(ids: readonly number[]): OrderNarrowing {
    return (q) => q.where('work_orders.id', 'in', ids.length > 0 ? [...ids] : [-1]);
  }

  /** The narrowing to a unit's orders, in these states, whose deadline has passed by `now`. */
  pastDeadline(unitId: number, states: readonly string[], now: string): OrderNarrowing {
    return (q) =>
      q
        .where('work_orders.lead_unit_id', '=', unitId)
        .where('work_orders.state', 'in', [...states])
        .where('work_orders.handle_by', '<=', now)
        .where(notAwaitingOffice);
  }

  /** One batch of an export: the orders after `after` by id, with their unit, township and category names. */
  exportBatch(narrow: OrderNarrowing, after: number, size: number) {
    return narrow(this.db.selectFrom('work_orders'))
      .leftJoin('units as lead', 'lead.id', 'work_orders.lead_unit_id')
      .leftJoin('units as town', 'town.id', 'work_orders.township_unit_id')
      .leftJoin('categories as cat', 'cat.id', 'work_orders.category_id')
      .selectAll('work_orders')
      .select([
        'lead.name as lead_name',
        'town.name as township_name',
        'cat.level1',
        'cat.level2',
        'cat.level3',
      ])
      .where('work_orders.id', '>', after)
      .orderBy('work_orders.id')
      .limit(size)
      .execute();
  }

  /** A unit with its registration form (登记表), for the print page. */
  registration(unitId: number) {
    return this.db
      .selectFrom('units')
      .leftJoin('unit_registrations as r', 'r.unit_id', 'units.id')
      .selectAll('r')
      .select(['units.name'])
      .where('units.id', '=', unitId)
      .executeTakeFirst();
  }
}
