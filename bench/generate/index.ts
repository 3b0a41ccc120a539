import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { SQLITE_SEARCH_TRIGGERS, searchBigrams } from '../../src/db/migrations/2026-11-26-010-performance.js';
import { SEARCH_TEXT } from '../../src/db/migrations/2026-12-01-search-002-search-text.js';
import { parseRoles } from '../../src/db/repositories/user.repository.js';
import type { Actor, Role } from '../../src/domain/roles.js';
import { addDays, HOUR_MS, shanghaiDate, startOfShanghaiDay, weekday } from '../../src/domain/time.js';
import { DEFAULT_TIME_LIMITS } from '../../src/domain/time-limits.js';
import { CalendarService } from '../../src/modules/calendar/calendar.service.js';
import { DEMO_ORDERS } from '../../src/setup/seed/demo-county.js';
import { ATTACHMENT_COLUMNS, type Batch, EVENT_COLUMNS, ORDER_COLUMNS, UNIT_COLUMNS } from './columns.js';
import type { GenContext, Org } from './context.js';
import { simulateOrder } from './lifecycle.js';
import { Rng } from './rng.js';
import { BulkWriter, type ColumnType, type TableSpec } from './writer.js';

export interface GenerateOptions {
  orders: number;
  /** The first day orders arrive (Beijing date). */
  from: string;
  /** The data set's present. */
  now: Date;
  seed?: number;
  log?: (line: string) => void;
}

export interface GenerateReport {
  orders: number;
  events: number;
  units: number;
  attachments: number;
  seconds: number;
  refusals: number;
  refusalCodes: Record<string, number>;
  refusalExamples: Record<string, string>;
  byState: Record<string, number>;
}

const ints =
  (...names: string[]) =>
  (c: string): ColumnType =>
    names.includes(c) ? 'int' : 'text';
const spec = (name: string, columns: readonly string[], isInt: (c: string) => ColumnType): TableSpec => ({
  name,
  columns,
  types: columns.map(isInt),
});
const TABLES = {
  orders: spec(
    'work_orders',
    ORDER_COLUMNS,
    ints(
      'id',
      'township_unit_id',
      'category_id',
      'needs_citizen_reply',
      'version',
      'lead_unit_id',
      'return_count',
      'extension_count',
      'redo_count',
      'callback_count',
      'merged_into_id',
      'registered_by',
    ),
  ),
  units: spec(
    'work_order_units',
    UNIT_COLUMNS,
    ints('id', 'order_id', 'unit_id', 'active', 'signed_by', 'silent'),
  ),
  events: spec(
    'work_order_events',
    EVENT_COLUMNS,
    ints('id', 'order_id', 'actor_user_id', 'actor_unit_id', 'unit_id'),
  ),
  attachments: spec(
    'attachments',
    ATTACHMENT_COLUMNS,
    ints('id', 'order_id', 'size', 'uploaded_by', 'unit_id'),
  ),
  search: spec('work_order_search', ['rowid', 'title', 'content', 'citizen_name'], ints('rowid')),
};
const TITLE = ORDER_COLUMNS.indexOf('title');
const CONTENT = ORDER_COLUMNS.indexOf('content');
const NAME = ORDER_COLUMNS.indexOf('citizen_name');

/** Calls by hour of day (Beijing time), a hotline's usual curve. */
const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 1, 3, 8, 12, 12, 10, 6, 6, 9, 11, 10, 8, 5, 4, 3, 2, 1, 0];

async function loadOrg(db: Db): Promise<Org> {
  const k = db.kysely;
  const units = await k.selectFrom('units').selectAll().execute();
  const users = await k.selectFrom('users').selectAll().where('active', '=', 1).execute();
  const categories = await k.selectFrom('categories').selectAll().execute();
  const actor = (u: (typeof users)[number]): Actor => ({
    userId: u.id,
    unitId: u.unit_id,
    roles: parseRoles(u.roles),
    name: u.name,
  });
  const withRole = (role: Role) => users.filter((u) => parseRoles(u.roles).includes(role)).map(actor);
  const handling = units.filter((u) => u.kind === 'department' || u.kind === 'township');
  const liaisons = new Map<number, Actor[]>();
  const leaders = new Map<number, Actor[]>();
  const mainLeaders = new Map<number, Actor[]>();
  const ofUnit = (unitId: number, role: Role) =>
    users.filter((x) => x.unit_id === unitId && parseRoles(x.roles).includes(role)).map(actor);
  for (const u of handling) {
    liaisons.set(u.id, ofUnit(u.id, 'unit_liaison'));
    mainLeaders.set(u.id, ofUnit(u.id, 'unit_main_leader'));
    leaders.set(u.id, [...ofUnit(u.id, 'unit_leader'), ...ofUnit(u.id, 'unit_main_leader')]);
  }
  // City orders are registered in the city platform unit's name by its API client, not a user.
  const cityUnit = units.find((u) => u.kind === 'city_platform');
  if (!cityUnit) throw new Error('the organization has no city platform unit');
  const city = { userId: null, unitId: cityUnit.id, name: cityUnit.name };
  return {
    dispatchers: withRole('dispatcher'),
    reviewers: withRole('reviewer'),
    city,
    liaisons,
    leaders,
    mainLeaders,
    typedSignOff: new Set(units.filter((u) => u.sign_off_mode === 'typed').map((u) => u.id)),
    unitByCode: new Map(units.map((u) => [u.code, u.id])),
    handlingUnitIds: handling.filter((u) => (liaisons.get(u.id)?.length ?? 0) > 0).map((u) => u.id),
    townships: handling
      .filter((u) => u.kind === 'township')
      .map((u) => ({ id: u.id, name: u.name.replace(/人民政府$/, '') })),
    categoryIds: new Map(categories.map((c) => [`${c.level1}/${c.level2}/${c.level3}`, c.id])),
  };
}

/** Orders per day from `from` to the day before `now`: more on weekdays, growing over time. */
function dailyCounts(from: string, now: Date, total: number): Array<[string, number]> {
  const days: string[] = [];
  for (let d = from; d < shanghaiDate(now); d = addDays(d, 1)) days.push(d);
  const weights = days.map((d, i) => {
    const wd = weekday(d);
    return (wd === 0 || wd === 6 ? 0.6 : 1) * (0.75 + (0.5 * i) / days.length);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: Array<[string, number]> = [];
  let acc = 0;
  let given = 0;
  days.forEach((d, i) => {
    acc += ((weights[i] as number) / sum) * total;
    const n = Math.round(acc) - given;
    given += n;
    out.push([d, n]);
  });
  return out;
}

/**
 * Writes `orders` work orders with complete histories into a migrated database that holds the
 * reference data and the organization, in batches, bypassing HTTP. Deterministic for a seed.
 */
export async function generateOrders(db: Db, options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const org = await loadOrg(db);
  const calendar = await new CalendarService(db.kysely, { now: () => options.now }).calendar();
  const existing = await db.kysely
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error('generateOrders expects a database without orders');

  const g: GenContext = {
    rng: new Rng(options.seed ?? 12345),
    calendar,
    settings: DEFAULT_TIME_LIMITS,
    now: options.now,
    org,
    templates: DEMO_ORDERS,
    ids: { unit: 1, event: 1, attachment: 1 },
    mergeTargets: [],
    stats: {
      refusals: 0,
      refusalCodes: new Map(),
      refusalExamples: new Map(),
      events: 0,
      byState: new Map(),
    },
  };
  await beginBulkLoad(db);
  // Columns that later migrations add and the service fills: written when the schema has them.
  const orderColumns = (await db.kysely.introspection.getTables()).find(
    (t) => t.name === 'work_orders',
  )?.columns;
  const withCreatedDay = orderColumns?.some((c) => c.name === 'created_day') ?? false;
  const ordersTable = withCreatedDay
    ? {
        ...TABLES.orders,
        columns: [...TABLES.orders.columns, 'created_day'],
        types: [...TABLES.orders.types, 'text' as const],
      }
    : TABLES.orders;
  const CREATED = ORDER_COLUMNS.indexOf('created_at');
  const writer = new BulkWriter(db);
  const counts = { units: 0, attachments: 0 };
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = db.dialect === 'postgres' ? 2 : 1;
  const flush = async (batch: Batch) => {
    counts.units += batch.units.length;
    counts.attachments += batch.attachments.length;
    const write = db.kysely.transaction().execute(async (trx) => {
      const orders = withCreatedDay
        ? batch.orders.map((o) => [...o, shanghaiDate(new Date(o[CREATED] as string))])
        : batch.orders;
      await writer.insert(trx, ordersTable, orders);
      await writer.insert(trx, TABLES.units, batch.units);
      await writer.insert(trx, TABLES.attachments, batch.attachments);
      await writer.insert(trx, TABLES.events, batch.events);
      if (db.dialect === 'sqlite') {
        const search = batch.orders.map((o) => [
          o[0],
          searchBigrams(o[TITLE] as string),
          searchBigrams(o[CONTENT] as string),
          searchBigrams(o[NAME] as string),
        ]);
        await writer.insert(trx, TABLES.search, search);
      }
    });
    const p = write.finally(() => inFlight.delete(p));
    inFlight.add(p);
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
  };

  const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  const newBatch = (): Batch => ({ orders: [], units: [], events: [], attachments: [] });
  let batch = newBatch();
  let id = 1;
  let lastLog = performance.now();
  const counters: Array<[string, number]> = [];
  for (const [day, n] of dailyCounts(options.from, options.now, options.orders)) {
    if (n === 0) continue;
    const dayStart = startOfShanghaiDay(day).getTime();
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      let r = g.rng.next() * hourTotal;
      let hour = 0;
      while (hour < 23 && r >= (HOUR_WEIGHTS[hour] as number)) r -= HOUR_WEIGHTS[hour++] as number;
      times.push(dayStart + hour * HOUR_MS + Math.floor(g.rng.next() * HOUR_MS));
    }
    times.sort((a, b) => a - b);
    const compact = day.replaceAll('-', '');
    times.forEach((at, i) => {
      simulateOrder(g, batch, id++, `HY${compact}${String(i + 1).padStart(4, '0')}`, at);
    });
    counters.push([`order:${compact}`, n]);
    if (batch.events.length >= 20_000) {
      await flush(batch);
      batch = newBatch();
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        const secs = (performance.now() - started) / 1000;
        log(`  ${id - 1} orders, ${g.stats.events} events, ${secs.toFixed(0)} s (${day})`);
      }
    }
  }
  await flush(batch);
  await Promise.all(inFlight);
  for (let i = 0; i < counters.length; i += 500) {
    await db.kysely
      .insertInto('counters')
      .values(counters.slice(i, i + 500).map(([name, value]) => ({ name, value })))
      .execute();
  }
  await endBulkLoad(db, log);
  return {
    orders: id - 1,
    events: g.stats.events,
    units: counts.units,
    attachments: counts.attachments,
    seconds: (performance.now() - started) / 1000,
    refusals: g.stats.refusals,
    refusalCodes: Object.fromEntries(g.stats.refusalCodes),
    refusalExamples: Object.fromEntries(g.stats.refusalExamples),
    byState: Object.fromEntries(g.stats.byState),
  };
}

/**
 * Before a bulk load: the search index is written by the loader, computed as its trigger would
 * (SQLite), or built once after the load (PostgreSQL): many times faster than row by row, and
 * the same index in the end.
 */
export async function beginBulkLoad(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') {
    // A larger page cache for the loading connection: the indexes take random keys (phones).
    await sql`pragma cache_size = -524288`.execute(db.kysely);
    await sql`drop trigger work_order_search_insert`.execute(db.kysely);
  } else {
    await sql`drop trigger work_order_search_sync on work_orders`.execute(db.kysely);
    await sql`drop index work_order_search_terms`.execute(db.kysely);
  }
}

/** After a bulk load: the search index and its trigger back, the id sequences past the rows. */
export async function endBulkLoad(db: Db, log: (line: string) => void): Promise<void> {
  if (db.dialect === 'sqlite') {
    await sql.raw(SQLITE_SEARCH_TRIGGERS.work_order_search_insert).execute(db.kysely);
  } else {
    log('  building the search index');
    await db.kysely.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '1GB'`.execute(trx);
      await sql.raw(SEARCH_TEXT.backfill).execute(trx);
      await sql.raw(SEARCH_TEXT.index).execute(trx);
      await sql.raw(SEARCH_TEXT.trigger).execute(trx);
    });
  }
  if (db.dialect === 'postgres') {
    for (const table of ['work_orders', 'work_order_units', 'work_order_events', 'attachments']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1))`.execute(
        db.kysely,
      );
    }
  }
}
