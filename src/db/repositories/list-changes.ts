import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import { DIRECTORY_COUNTER } from '../migrations/2026-12-03-pages-001-page-stamp.js';
import { keepPrepared } from '../pg-named-statements.js';
import type { Database } from '../schema.js';

/**
 * The moment a list was built after, as the order journal (migration pages-002) and the
 * directory's counter knew it. Read before the list's own statements: everything the mark counts
 * as seen was committed before them, so the list shows at least that.
 */
export interface ListMark {
  /** PostgreSQL: the snapshot, as text (`xmin:xmax:xip,…`); SQLite: the journal's largest value. */
  readonly at: string;
  readonly directory: number;
}

const directory = `coalesce((select value from counters where name = '${DIRECTORY_COUNTER}'), 0)`;

const MARK = {
  postgres: `select pg_current_snapshot()::text as at, ${directory} as directory`,
  sqlite: `select cast(coalesce(max(changed), 0) as text) as at, ${directory} as directory from page_stamps`,
};

// `$n` on PostgreSQL, `?` on SQLite: each text names its parameters in the order they are passed.
const written = {
  postgres: `ps.changed >= pg_snapshot_xmin($2::pg_snapshot)
    and not pg_visible_in_snapshot(ps.changed, $2::pg_snapshot)`,
  sqlite: 'ps.changed > cast(? as integer)',
};
const ofUnit = {
  postgres:
    'and exists (select 1 from work_order_units wu where wu.order_id = ps.order_id and wu.unit_id = $3)',
  sqlite: 'and exists (select 1 from work_order_units wu where wu.order_id = ps.order_id and wu.unit_id = ?)',
};

/**
 * Whether anything a list of `unitId`'s orders (null: of all orders) shows may have changed since
 * `mark`: a unit or category written (names), or an order the unit works or worked on written
 * by a transaction the mark did not see (its row, assignments, timeline, files or urges). An
 * assignment is never deleted, only made inactive, so an order that left the unit is still found.
 */
function changedText(postgres: boolean, unit: boolean): string {
  const d = postgres ? 'postgres' : 'sqlite';
  return `select ${directory} <> ${postgres ? '$1' : '?'} or exists (
    select 1 from page_stamps ps where ${written[d]} ${unit ? ofUnit[d] : ''}
  ) as changed`;
}

/** By dialect, then by whether the list is one unit's. */
const CHANGED = {
  postgres: { unit: changedText(true, true), all: changedText(true, false) },
  sqlite: { unit: changedText(false, true), all: changedText(false, false) },
};

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A text run on every request is kept prepared on PostgreSQL (pg-named-statements.ts). */
function kept(text: string, postgres: boolean): string {
  if (postgres) keepPrepared(text);
  return text;
}

export async function readListMark(db: Kysely<Database>): Promise<ListMark> {
  const postgres = isPostgres(db);
  const text = kept(postgres ? MARK.postgres : MARK.sqlite, postgres);
  const r = (await db.executeQuery<{ at: string; directory: number | string }>(CompiledQuery.raw(text, [])))
    .rows[0];
  if (!r) throw new Error('the list mark reads one row');
  return { at: String(r.at), directory: Number(r.directory) };
}

export async function listChangedSince(
  db: Kysely<Database>,
  mark: ListMark,
  unitId: number | null,
): Promise<boolean> {
  const postgres = isPostgres(db);
  const text = kept(CHANGED[postgres ? 'postgres' : 'sqlite'][unitId === null ? 'all' : 'unit'], postgres);
  const parameters: unknown[] = [mark.directory, mark.at];
  if (unitId !== null) parameters.push(unitId);
  const r = (await db.executeQuery<{ changed: boolean | number }>(CompiledQuery.raw(text, parameters)))
    .rows[0];
  return Boolean(r?.changed);
}
