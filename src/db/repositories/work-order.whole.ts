import { CompiledQuery, type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import { jsonArrayFrom as pgArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteArray } from 'kysely/helpers/sqlite';
import type { AssignmentChange, DecidedEvent } from '../../domain/workflow/index.js';
import type { Db } from '../connection.js';
import { DIRECTORY_COUNTER } from '../migrations/2026-12-03-pages-001-page-stamp.js';
import { keepPrepared } from '../pg-named-statements.js';
import type { Database, WorkOrderEventRow, WorkOrderRow, WorkOrderUnitRow } from '../schema.js';
import { perDatabase } from '../until-next-commit.js';

type Executor = Kysely<Database> | Transaction<Database>;

export type AssignmentWithName = WorkOrderUnitRow & { unit_name: string | null };
export type EventWithName = WorkOrderEventRow & { actor_unit_name: string | null };
export interface AttachmentListed {
  id: number;
  purpose: string;
  file_name: string;
  mime_type: string;
  size: number;
  created_at: string;
  unit_id: number;
  unit_name: string | null;
}
export interface UrgeListed {
  id: number;
  unit_id: number;
  message: string;
  auto: number;
  created_at: string;
  read_at: string | null;
}

/**
 * An order with everything its page shows, read in one statement: the row, the names it points
 * to (lead and township units, category, the order it was merged into), the lead unit's way of
 * signing off, its assignments, timeline, attachments and urges (JSON arrays of subqueries).
 */
export interface WholeOrder {
  row: WorkOrderRow;
  leadName: string | null;
  leadSignOffMode: string | null;
  townshipName: string | null;
  category: { id: number; level1: string; level2: string; level3: string } | null;
  mergedInto: { id: number; code: string } | null;
  assignments: AssignmentWithName[];
  events: EventWithName[];
  attachments: AttachmentListed[];
  urges: UrgeListed[];
}

/** SQLite answers a JSON array as text; PostgreSQL's driver has parsed it already. */
const parsed = <T>(value: unknown): T[] =>
  typeof value === 'string' ? (JSON.parse(value) as T[]) : (value as T[]);

/**
 * A statement whose one parameter is an order's id, built and compiled once per dialect (building
 * it costs more than running it) and kept prepared on PostgreSQL, where planning it took longer
 * than running it and its plan is the same for any id.
 */
function compiledById(
  texts: Map<boolean, string>,
  db: Executor,
  build: (postgres: boolean) => { compile(): { sql: string; parameters: readonly unknown[] } },
): string {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let text = texts.get(postgres);
  if (text === undefined) {
    const q = build(postgres).compile();
    // The id is its one parameter; anything else would have to be passed when it runs too.
    if (q.parameters.length !== 1) throw new Error('a statement compiled once takes the order id alone');
    text = q.sql;
    texts.set(postgres, text);
    keepPrepared(text);
  }
  return text;
}

const wholeTexts = new Map<boolean, string>();

export async function loadWholeOrder(db: Executor, id: number): Promise<WholeOrder | undefined> {
  const text = compiledById(wholeTexts, db, (postgres) => wholeQuery(db, postgres, 0));
  const r = (await db.executeQuery<WholeRow>(CompiledQuery.raw(text, [id]))).rows[0];
  if (!r) return undefined;
  return toWhole(r);
}

type WholeRow = Awaited<ReturnType<ReturnType<typeof wholeQuery>['executeTakeFirstOrThrow']>>;

function wholeQuery(db: Executor, postgres: boolean, id: number) {
  const jsonArrayFrom = postgres ? pgArray : sqliteArray;
  return db
    .selectFrom('work_orders as w')
    .leftJoin('units as lead', 'lead.id', 'w.lead_unit_id')
    .leftJoin('units as town', 'town.id', 'w.township_unit_id')
    .leftJoin('categories as cat', 'cat.id', 'w.category_id')
    .leftJoin('work_orders as merged', 'merged.id', 'w.merged_into_id')
    .selectAll('w')
    .select([
      'lead.name as x_lead_name',
      'lead.sign_off_mode as x_lead_sign_off_mode',
      'town.name as x_township_name',
      'cat.level1 as x_cat_level1',
      'cat.level2 as x_cat_level2',
      'cat.level3 as x_cat_level3',
      'merged.code as x_merged_code',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('work_order_units as a')
          .leftJoin('units as u', 'u.id', 'a.unit_id')
          .select([
            'a.id',
            'a.order_id',
            'a.unit_id',
            'a.role',
            'a.active',
            'a.dispatched_at',
            'a.signed_at',
            'a.signed_by',
            'a.opinion_at',
            'a.silent',
            'a.returned_at',
            'u.name as unit_name',
          ])
          .whereRef('a.order_id', '=', 'w.id')
          .orderBy('a.id'),
      ).as('x_assignments'),
      jsonArrayFrom(
        eb
          .selectFrom('work_order_events as e')
          .leftJoin('units as u', 'u.id', 'e.actor_unit_id')
          .select([
            'e.id',
            'e.order_id',
            'e.type',
            'e.at',
            'e.actor_user_id',
            'e.actor_unit_id',
            'e.actor_name',
            'e.ip',
            'e.from_state',
            'e.to_state',
            'e.payload',
            'e.unit_id',
            'e.outcome',
            'u.name as actor_unit_name',
          ])
          .whereRef('e.order_id', '=', 'w.id')
          .orderBy('e.id'),
      ).as('x_events'),
      jsonArrayFrom(
        eb
          .selectFrom('attachments as f')
          .leftJoin('units as u', 'u.id', 'f.unit_id')
          .select([
            'f.id',
            'f.purpose',
            'f.file_name',
            'f.mime_type',
            'f.size',
            'f.created_at',
            'f.unit_id',
            'u.name as unit_name',
          ])
          .whereRef('f.order_id', '=', 'w.id')
          .orderBy('f.id'),
      ).as('x_attachments'),
      jsonArrayFrom(
        eb
          .selectFrom('urges as g')
          .select(['g.id', 'g.unit_id', 'g.message', 'g.auto', 'g.created_at', 'g.read_at'])
          .whereRef('g.order_id', '=', 'w.id')
          .orderBy('g.id'),
      ).as('x_urges'),
    ])
    .where('w.id', '=', id);
}

function toWhole(r: WholeRow): WholeOrder {
  const {
    x_lead_name,
    x_lead_sign_off_mode,
    x_township_name,
    x_cat_level1,
    x_cat_level2,
    x_cat_level3,
    x_merged_code,
    x_assignments,
    x_events,
    x_attachments,
    x_urges,
    ...row
  } = r;
  return {
    row: row as WorkOrderRow,
    leadName: x_lead_name,
    leadSignOffMode: x_lead_sign_off_mode,
    townshipName: x_township_name,
    category:
      row.category_id !== null && x_cat_level1 !== null
        ? {
            id: row.category_id,
            level1: x_cat_level1,
            level2: x_cat_level2 ?? '',
            level3: x_cat_level3 ?? '',
          }
        : null,
    mergedInto:
      row.merged_into_id !== null && x_merged_code ? { id: row.merged_into_id, code: x_merged_code } : null,
    assignments: parsed<AssignmentWithName>(x_assignments),
    events: parsed<EventWithName>(x_events),
    attachments: parsed<AttachmentListed>(x_attachments),
    urges: parsed<UrgeListed>(x_urges),
  };
}

/** A unit the action looked up already (the units it dispatches to). */
export interface KnownUnit {
  name: string;
  sign_off_mode: string;
}

/** What a decision wrote: the order's row as updated, its new events, its assignment changes. */
export interface Written {
  row: WorkOrderRow;
  events: WorkOrderEventRow[];
  /** The decision's events as written: without a co-unit's lateness another writer recorded first. */
  decided: DecidedEvent[];
  changes: readonly AssignmentChange[];
}

/**
 * The whole order after a decision, built from what was loaded before it and what the writes
 * returned, without reading it again. Null when it needs a name or a record it does not hold
 * (a unit new to the order and not among `knownUnits`, a category not among `knownCategories`,
 * the order merged into, urges added):
 * the caller reads it again then.
 */
export function wholeAfter(
  before: WholeOrder,
  written: Written,
  knownUnits: ReadonlyMap<number, KnownUnit> = new Map(),
  /** The request categories the action looked up (one it set is shown by its names). */
  knownCategories: ReadonlyMap<number, WholeOrder['category'] & {}> = new Map(),
): WholeOrder | null {
  const names = new Map<number, string | null>([...knownUnits].map(([id, u]) => [id, u.name]));
  const know = (id: number | null, name: string | null) => {
    if (id !== null && !names.has(id)) names.set(id, name);
  };
  know(before.row.lead_unit_id, before.leadName);
  know(before.row.township_unit_id, before.townshipName);
  for (const a of before.assignments) know(a.unit_id, a.unit_name);
  for (const e of before.events) know(e.actor_unit_id, e.actor_unit_name);
  const nameOf = (id: number | null): string | null | undefined => (id === null ? null : names.get(id));

  const { row } = written;
  if (row.merged_into_id !== before.row.merged_into_id) return null;
  if (written.events.some((e) => e.type === 'urged')) return null;
  const leadName = nameOf(row.lead_unit_id);
  if (leadName === undefined) return null;
  const leadChanged = row.lead_unit_id !== before.row.lead_unit_id;
  const leadSignOffMode = leadChanged
    ? row.lead_unit_id === null
      ? null
      : knownUnits.get(row.lead_unit_id)?.sign_off_mode
    : before.leadSignOffMode;
  if (leadSignOffMode === undefined) return null;
  const category =
    row.category_id === before.row.category_id
      ? before.category
      : row.category_id === null
        ? null
        : knownCategories.get(row.category_id);
  if (category === undefined) return null;
  const assignments = applyAssignmentChanges(before.assignments, written.changes, row.id, nameOf);
  if (!assignments) return null;
  const events: EventWithName[] = [];
  for (const e of written.events) {
    const actorUnitName = nameOf(e.actor_unit_id);
    if (actorUnitName === undefined) return null;
    events.push({ ...e, actor_unit_name: actorUnitName });
  }
  return {
    ...before,
    row,
    leadName,
    leadSignOffMode,
    category,
    assignments,
    events: [...before.events, ...events],
  };
}

/** The assignment rows after the changes, as the repository's updates leave them (ids of new rows unknown: 0). */
function applyAssignmentChanges(
  rows: readonly AssignmentWithName[],
  changes: readonly AssignmentChange[],
  orderId: number,
  nameOf: (id: number) => string | null | undefined,
): AssignmentWithName[] | null {
  let out = rows.map((r) => ({ ...r }));
  const added = (unitId: number, role: 'lead' | 'co', at: Date): AssignmentWithName | null => {
    const unitName = nameOf(unitId);
    if (unitName === undefined) return null;
    return {
      id: 0,
      order_id: orderId,
      unit_id: unitId,
      role,
      active: 1,
      dispatched_at: at.toISOString(),
      signed_at: null,
      signed_by: null,
      opinion_at: null,
      silent: 0,
      returned_at: null,
      due_soon_marked_for: null,
      unit_name: unitName,
    };
  };
  for (const c of changes) {
    const active = out.filter((a) => a.active === 1);
    switch (c.op) {
      case 'replaceActive': {
        for (const a of active) a.active = 0;
        const fresh = [added(c.leadUnitId, 'lead', c.at), ...c.coUnitIds.map((u) => added(u, 'co', c.at))];
        if (fresh.some((a) => a === null)) return null;
        out = [...out, ...(fresh as AssignmentWithName[])];
        break;
      }
      case 'deactivateAll':
        for (const a of active) a.active = 0;
        break;
      case 'sign':
        for (const a of active.filter((x) => x.unit_id === c.unitId)) {
          a.signed_at = c.at.toISOString();
          a.signed_by = c.userId;
        }
        break;
      case 'opinion':
        for (const a of active.filter((x) => x.unit_id === c.unitId)) a.opinion_at = c.at.toISOString();
        break;
      case 'silent':
        for (const a of active.filter((x) => c.unitIds.includes(x.unit_id))) a.silent = 1;
        break;
      case 'coReturned':
        for (const a of active.filter((x) => x.unit_id === c.unitId && x.role === 'co')) {
          a.active = 0;
          a.returned_at = c.at.toISOString();
        }
        break;
      case 'addCo': {
        const fresh = added(c.unitId, 'co', c.at);
        if (!fresh) return null;
        out.push(fresh);
        break;
      }
    }
  }
  return out;
}

const stampTexts = new Map<boolean, string>();

/**
 * What an order's page was built from, as one short string: its version, its page stamp and
 * the directory's (migration pages-001). Equal stamps mean an equal page at the same instant
 * for the same viewer; undefined when there is no such order.
 */
export async function readPageStamp(db: Executor, id: number): Promise<string | undefined> {
  const text = compiledById(stampTexts, db, () =>
    db
      .selectFrom('work_orders as w')
      .leftJoin('page_stamps as s', 's.order_id', 'w.id')
      .select((eb) => [
        'w.version',
        's.stamp as page_stamp',
        eb
          .selectFrom('counters')
          .select('value')
          .where('name', '=', sql.lit(DIRECTORY_COUNTER))
          .as('directory'),
      ])
      .where('w.id', '=', 0),
  );
  const r = (
    await db.executeQuery<{ version: number; page_stamp: number | null; directory: number | null }>(
      CompiledQuery.raw(text, [id]),
    )
  ).rows[0];
  return r ? `${r.version}.${r.page_stamp ?? 0}.${r.directory ?? 0}` : undefined;
}

const stampsKept = perDatabase<number, string | undefined>();

/**
 * An order's page stamp now (readPageStamp), read once between two commits: an order's page asked
 * for again before anything was written is served without a statement (SQLite; PostgreSQL reads).
 */
export function currentPageStamp(db: Db, id: number): Promise<string | undefined> {
  return stampsKept(db).get(id, () => readPageStamp(db.kysely, id));
}
