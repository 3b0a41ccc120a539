import { type Kysely, sql } from 'kysely';
import type { OrderSort } from '../../domain/order-sorts.js';
import type { OrderScope } from '../../domain/policy.js';
import type { EscalationRuleSettings } from '../../domain/workflow/index.js';
import { dialectOf } from '../connection.js';
import type { Database, WorkOrderRow } from '../schema.js';
import {
  filteredBut,
  type OrderFilter,
  type OrderQuery,
  scoped,
  unfiltered,
  withKeyword,
} from './work-order-filter.js';
import { type Keyword, keyword } from './work-order-search.js';

/**
 * How a list may be ordered (src/domain/order-sorts.ts): by registration, newest or oldest first,
 * or by a deadline, the nearest first — the handling deadline (a unit's queues), or the sign-for
 * deadline (待签收: what must be signed first, an urgent order's hours before a routine order's day).
 */
export { ORDER_SORTS, type OrderSort } from '../../domain/order-sorts.js';

const DEADLINE_COLUMNS = { deadline: 'handle_by', sign_deadline: 'sign_by' } as const;
type DeadlineSort = keyof typeof DEADLINE_COLUMNS;
const byDeadlineSort = (sort: OrderSort): sort is DeadlineSort => sort in DEADLINE_COLUMNS;

export interface OrderPageRequest extends OrderFilter {
  sort: OrderSort;
  page: number;
  pageSize: number;
}

/**
 * The columns a list shows (`toListItem`) and presents the citizen from: a third of the row. The
 * rest (the content, the reply and its draft, the leader's reading, the repeat text) is the
 * order's page's; reading it for 35 rows was most of what a list's statement returned.
 */
export const LISTED_COLUMNS = [
  'id',
  'code',
  'title',
  'state',
  'type',
  'urgency',
  'channel',
  'citizen_name',
  'citizen_phone',
  'citizen_address',
  'confidential',
  'lead_unit_id',
  'created_at',
  'dispatched_at',
  'sign_by',
  'handle_by',
  'co_unit_by',
  'warn_at',
  'dispatch_by',
  'dispatch_warn_at',
  'progress_due_at',
  'decision_requested_at',
  'decide_by',
  'redo_count',
  'return_count',
  'version',
] as const satisfies ReadonlyArray<keyof WorkOrderRow>;

export type ListedOrder = Pick<WorkOrderRow, (typeof LISTED_COLUMNS)[number]> & {
  lead_name: string | null;
  /** 1 when the viewer's unit is a co-unit of the order that still owes its opinion; else null. */
  own_co_open: number | null;
};

const LISTED = LISTED_COLUMNS.map((c) => `work_orders.${c}` as const);

/**
 * Whether the viewing unit owes the order its co-unit opinion (its own 协办期限 runs; the rule of
 * domain/workflow `owesCoOpinion`, as a query): one probe of the order's few assignments per row of
 * the page; null for viewers who are not a unit.
 */
function ownCoPartOpen(scope: OrderScope) {
  if (scope.kind !== 'unit') return sql<number | null>`null`.as('own_co_open');
  return sql<number | null>`(select 1 from work_order_units oc
    where oc.order_id = work_orders.id and oc.unit_id = ${scope.unitId} and oc.role = 'co'
      and oc.active = 1 and oc.opinion_at is null and oc.returned_at is null limit 1)`.as('own_co_open');
}

export interface OrderPage {
  rows: ListedOrder[];
  /** The number of orders the list holds; for a keyword search, at most the cap. */
  total: number;
  /** A keyword search matched more than the cap: `total` is the cap, not the number. */
  totalCapped: boolean;
  /** Its filters compared the clock (due soon, overdue, this week…): time alone can change which orders it holds. */
  readsClock: boolean;
}

/** How a list is filtered beyond its query: the moment, whether the phone is a search key, the escalation rule. */
export interface ListContext {
  now: string;
  readsContacts: boolean;
  escalation: EscalationRuleSettings;
}

/**
 * A search counts its matches up to this many (SEARCH_COUNT_CAP): counting and sorting every one
 * of the 45,000 orders that contain 暖气 cost more than a second at a million orders, and no one
 * pages past the thousandth; the list says 「1000 件以上」 instead. On PostgreSQL each match
 * counted is a random read of the search table (GIN has no index-only scans), and of the order
 * too when the query is longer than two characters: 10,000 took ~400 ms, 1,000 a tenth of it.
 */
export const SEARCH_COUNT_CAP = 1_000;

/** The lists of orders and the keyword search, as the list endpoint pages them. */
export class WorkOrderListRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly searchCountCap: number = SEARCH_COUNT_CAP,
    /** How many orders a PostgreSQL search walks before it collects its matches instead. */
    private readonly walkBudget = 4_000,
  ) {}

  async page(f: OrderPageRequest, scope: OrderScope, ctx: ListContext): Promise<OrderPage> {
    let readsClock = false;
    const clock = () => {
      readsClock = true;
      return ctx.now;
    };
    const base = scoped(
      filteredBut(this.db.selectFrom('work_orders'), f, scope, {
        clock,
        escalation: ctx.escalation,
        dialect: dialectOf(this.db),
      }),
      scope,
    );
    const match = f.q ? keyword(this.db, f.q, { readsContacts: ctx.readsContacts }) : null;
    if (!match && byDeadlineSort(f.sort))
      return { ...(await this.queue(base, scope, f, f.sort)), readsClock };
    const { total, totalCapped, ids } = match
      ? await this.search(base, match, scope, f)
      : // A list's count and its page do not depend on each other: on PostgreSQL they run at once on
        // two connections (a unit's queue: ~10 ms each at a million orders).
        await Promise.all([this.count(base, scope, f), this.pageIds(base, f)]).then(([total, ids]) => ({
          total,
          totalCapped: false,
          ids,
        }));
    if (ids.length === 0) return { rows: [], total, totalCapped, readsClock };
    const rows = await this.db
      .selectFrom('work_orders')
      .leftJoin('units as lead', 'lead.id', 'work_orders.lead_unit_id')
      .select([...LISTED, 'lead.name as lead_name', ownCoPartOpen(scope)])
      .where('work_orders.id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { rows: ids.flatMap((id) => byId.get(id) ?? []), total, totalCapped, readsClock };
  }

  /**
   * How many orders a list holds, without its page: a queue's tab counts (each one statement, as
   * the list itself counts them; a keyword search up to the cap).
   */
  async total(
    f: OrderFilter,
    scope: OrderScope,
    ctx: ListContext,
  ): Promise<Omit<OrderPage, 'rows' | 'readsClock'>> {
    const base = scoped(
      filteredBut(this.db.selectFrom('work_orders'), f, scope, {
        clock: () => ctx.now,
        escalation: ctx.escalation,
        dialect: dialectOf(this.db),
      }),
      scope,
    );
    const match = f.q ? keyword(this.db, f.q, { readsContacts: ctx.readsContacts }) : null;
    if (match) return this.countMatches(base, match, scope, f);
    return { total: await this.count(base, scope, f), totalCapped: false };
  }

  /**
   * A list by deadline (a unit's queue) sorts all its orders for the first page anyway, so one
   * statement counts them (a window over the same rows), finds the page and reads its orders:
   * the unit's open orders are matched with its assignments once instead of three times.
   */
  private async queue(
    base: OrderQuery,
    scope: OrderScope,
    f: OrderPageRequest,
    sort: DeadlineSort,
  ): Promise<Omit<OrderPage, 'readsClock'>> {
    const page = this.ordered(base, f)
      .select(['work_orders.id', sql<number | string>`count(*) over ()`.as('list_total')])
      .as('p');
    const found = await this.db
      .selectFrom(page)
      .innerJoin('work_orders', 'work_orders.id', 'p.id')
      .leftJoin('units as lead', 'lead.id', 'work_orders.lead_unit_id')
      .select([...LISTED, 'lead.name as lead_name', 'p.list_total', ownCoPartOpen(scope)])
      .orderBy(deadlineOf(sort))
      .orderBy('work_orders.id', 'asc')
      .execute();
    // A page past the end has no row to carry the count.
    const total = found[0] ? Number(found[0].list_total) : await this.count(base, scope, f);
    // The rows keep their list_total: nothing reads it, and copying each row without it cost more than the read.
    return { rows: found, total, totalCapped: false };
  }

  /** A search counts its matches first: how many there are decides how its page is found. */
  private async search(base: OrderQuery, match: Keyword, scope: OrderScope, f: OrderPageRequest) {
    const { total, totalCapped } = await this.countMatches(base, match, scope, f);
    const walk = totalCapped || (await this.walks(total, f));
    return { total, totalCapped, ids: await this.matchingIds(base, match, walk, scope, f) };
  }

  /**
   * A search's page of ids. Ids first, the wide rows after (a deferred join): the sort and the page
   * are found on narrow rows, and only the page's orders are read whole. On PostgreSQL a walk is
   * bounded (boundedWalk); when its page is not among the orders walked, or when there are few
   * matches, the matches are collected: for a plain search from the search table alone (it holds
   * each order's date), otherwise by reading their orders.
   */
  private async matchingIds(
    base: OrderQuery,
    match: Keyword,
    walk: boolean,
    scope: OrderScope,
    f: OrderPageRequest,
  ): Promise<number[]> {
    if (dialectOf(this.db) !== 'postgres')
      return this.pageIds(withKeyword(base, walk ? match.walk : match.drive), f);
    const walked = walk ? await this.boundedWalk(base, match, f) : null;
    if (walked) return walked;
    const { q: _q, ...rest } = f;
    if (match.page && scope.kind === 'all' && unfiltered(rest) && !byDeadlineSort(f.sort)) {
      return match.page(f.sort, f.pageSize, (f.page - 1) * f.pageSize);
    }
    return this.pageIds(withKeyword(base, match.drive), f);
  }

  private async pageIds(q: OrderQuery, f: OrderPageRequest): Promise<number[]> {
    return (await this.ordered(q, f).select('work_orders.id').execute()).map((r) => r.id);
  }

  /**
   * Whether a search walks the list's order rather than collecting its matches (work-order-search.ts).
   * Collecting reads every match (n of them); walking reads about pageEnd × orders ÷ n orders before
   * the page is full, each far cheaper to test on SQLite (an id against a set) than a match is to
   * read, and about as cheap on PostgreSQL (a probe by key). So walk when n² > pageEnd × orders × c.
   */
  private async walks(matches: number, f: OrderPageRequest): Promise<boolean> {
    if (byDeadlineSort(f.sort)) return false;
    const last = await this.db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const c = dialectOf(this.db) === 'postgres' ? 1 : 1 / 40;
    return matches * matches > f.page * f.pageSize * Number(last?.id ?? 0) * c;
  }

  /**
   * PostgreSQL: a walk tests each order by a probe of the search table (~20 µs), so a capped search
   * whose matches are barely past the cap (新川村: 1,002 of a million) walked 20,000 orders (0.4 s).
   * It walks the first `walkBudget` orders of the list only: if the page is among them it is the
   * right page (every later order comes after it); if not, null, and the matches are collected
   * (there are then few enough for that to be cheap). SQLite's walk tests an id against a set
   * and is walked to the end.
   */
  private async boundedWalk(base: OrderQuery, match: Keyword, f: OrderPageRequest): Promise<number[] | null> {
    if (dialectOf(this.db) !== 'postgres' || byDeadlineSort(f.sort)) return null;
    const end = f.page * f.pageSize;
    const first = this.ordered(base, { ...f, page: 1, pageSize: this.walkBudget }).select([
      'work_orders.id',
      'work_orders.created_at',
      'work_orders.title',
      'work_orders.content',
      'work_orders.citizen_name',
      'work_orders.code',
      'work_orders.city_order_no',
      'work_orders.citizen_phone',
      'work_orders.confidential',
    ]);
    const dir = f.sort === 'oldest' ? sql`asc` : sql`desc`;
    const found = await sql<{ id: number }>`select id from (${first}) as work_orders where ${match.walk}
      order by created_at ${dir}, id desc limit ${end}`.execute(this.db);
    if (found.rows.length < end) return null;
    return found.rows.slice(end - f.pageSize).map((r) => r.id);
  }

  private ordered(q: OrderQuery, f: OrderPageRequest) {
    const sorted = byDeadlineSort(f.sort)
      ? q.orderBy(deadlineOf(f.sort)).orderBy('work_orders.id', 'asc')
      : q
          .orderBy('work_orders.created_at', f.sort === 'oldest' ? 'asc' : 'desc')
          .orderBy('work_orders.id', 'desc');
    return sorted.limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  }

  /**
   * The number of orders a list holds. A unit's whole list is counted from its assignments alone
   * (an order has at most one active assignment per unit, and every assignment has its order),
   * without reading an order: at a city's scale a busy unit has a hundred thousand of them.
   */
  private async count(base: OrderQuery, scope: OrderScope, f: OrderFilter): Promise<number> {
    const row =
      scope.kind === 'unit' && unfiltered(f)
        ? await this.db
            .selectFrom('work_order_units')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('unit_id', '=', scope.unitId)
            .where('active', '=', 1)
            .executeTakeFirst()
        : await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * A search's matches, counted up to the cap. The office's plain search is counted from the
   * index alone; with a scope or other filters, the orders are read, up to the cap.
   */
  private async countMatches(base: OrderQuery, match: Keyword, scope: OrderScope, f: OrderFilter) {
    const cap = this.searchCountCap;
    const { q: _q, ...rest } = f;
    const n =
      scope.kind === 'all' && unfiltered(rest) && match.count
        ? await match.count(cap)
        : Number(
            (
              await this.db
                .selectFrom(
                  withKeyword(base, match.drive)
                    .select('work_orders.id')
                    .limit(cap + 1)
                    .as('m'),
                )
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirst()
            )?.n ?? 0,
          );
    return { total: Math.min(n, cap), totalCapped: n > cap };
  }
}

/**
 * `|| ''` changes no value (NULL stays NULL) but keeps PostgreSQL off the handle_by index for the
 * order: open orders sit at its far end, behind a million closed ones, and walking to them took
 * 1.5 s at 1M orders; sorting the few open orders takes milliseconds.
 */
const deadlineOf = (sort: DeadlineSort) => sql`${sql.ref(`work_orders.${DEADLINE_COLUMNS[sort]}`)} || ''`;
