import { CompiledQuery, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Db } from '../connection.js';
import { DIRECTORY_COUNTER } from '../migrations/2026-12-03-pages-001-page-stamp.js';
import { keepPrepared } from '../pg-named-statements.js';
import type { Database } from '../schema.js';
import { perDatabase } from '../until-next-commit.js';

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

/** The largest transaction id PostgreSQL's xid8 holds: an upper bound every id is under. */
const XID8_MAX = '9223372036854775807';

/** More orders written since a mark than this, and the list is built again without asking whose they were. */
const MOST_WRITTEN = 500;

const directory = `coalesce((select value from counters where name = '${DIRECTORY_COUNTER}'), 0)`;

const MARK = {
  postgres: `select pg_current_snapshot()::text as at, ${directory} as directory`,
  sqlite: `select cast(coalesce(max(changed), 0) as text) as at, ${directory} as directory from page_stamps`,
};

/**
 * The orders written since the mark (at most MOST_WRITTEN + 1 of them), and a row with order 0
 * when the directory has changed: the journal alone, walked by page_stamps_changed from the mark.
 * PostgreSQL plans a kept statement once for any parameter after five runs; when this statement
 * also joined the unit's assignments, that generic plan read the whole journal (270 ms at a
 * million orders). With no other table there is nowhere else to start, and the upper bound on
 * `changed` keeps the range guessed small (test/db/list-changes-plan.test.ts).
 */
export const WRITTEN_SINCE = {
  postgres: `select order_id from (select ps.order_id from page_stamps ps
      where ps.changed >= pg_snapshot_xmin($1::pg_snapshot) and ps.changed < '${XID8_MAX}'::xid8
        and not pg_visible_in_snapshot(ps.changed, $1::pg_snapshot)
      limit ${MOST_WRITTEN + 1}) as written
    union all select 0 where ${directory} <> $2`,
  sqlite: `select order_id from (select ps.order_id from page_stamps ps
      where ps.changed > cast(? as integer) limit ${MOST_WRITTEN + 1}) as written
    union all select 0 where ${directory} <> ?`,
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

/**
 * Whether anything a list of `unitId`'s orders (null: of all orders) shows may have changed since
 * `mark`: a unit or category written (names), or an order the unit works or worked on written by
 * a transaction the mark did not see (its row, assignments, timeline, files or urges). Usually
 * nothing was written and one statement answers; otherwise a second asks whether any of the
 * written orders is the unit's. An assignment is never deleted, only made inactive, so an order
 * that left the unit is still found.
 */
export function listChangedSince(db: Db, mark: ListMark, unitId: number | null): Promise<boolean> {
  return answersKept(db).get(`${mark.at}|${mark.directory}|${unitId}`, () =>
    changedSince(db.kysely, mark, unitId),
  );
}

/** listChangedSince's answers, asked once between two commits (SQLite; PostgreSQL reads each time). */
const answersKept = perDatabase<string, boolean>();

async function changedSince(db: Kysely<Database>, mark: ListMark, unitId: number | null): Promise<boolean> {
  const postgres = isPostgres(db);
  const text = kept(postgres ? WRITTEN_SINCE.postgres : WRITTEN_SINCE.sqlite, postgres);
  const written = (
    await db.executeQuery<{ order_id: number }>(CompiledQuery.raw(text, [mark.at, mark.directory]))
  ).rows.map((r) => r.order_id);
  if (written.length === 0) return false;
  if (unitId === null || written.length > MOST_WRITTEN || written.includes(0)) return true;
  return (await unitsOrders(postgres, unitId, written).execute(db)).rows.length > 0;
}

/**
 * One of `orderIds` assigned (now or before) to the unit. Each order's own assignments are probed
 * (one to three rows), not the unit's (a hundred thousand at a city's scale): SQLite without
 * statistics chose the unit's, so its index is named. On PostgreSQL the text changes with the
 * number of orders and is planned for these values each time.
 */
export function unitsOrders(postgres: boolean, unitId: number, orderIds: readonly number[]) {
  const byOrder = sql.raw(postgres ? '' : 'indexed by wou_order');
  return sql<{ found: number }>`select 1 as found from work_order_units wu ${byOrder}
    where wu.order_id in (${sql.join(orderIds)}) and wu.unit_id = ${unitId} limit 1`;
}
