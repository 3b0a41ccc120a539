import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { dialectOf } from '../connection.js';
import type { Database } from '../schema.js';

/**
 * Keyword search: orders whose title, content or caller's name contains `q` (LIKE, as always),
 * or whose code, city order number or caller's phone is `q` (the phone only when `byPhone`: for
 * those who may read it).
 *
 * The substring test is answered by the bigram index of migration 2026-11-26-010 (an FTS5 phrase
 * on SQLite, a GIN array containment on PostgreSQL). Where the index is only a filter the LIKE
 * conditions stay the exact test, so results are the same as a scan; where it is exact (SQLite: a
 * query of non-ASCII characters only; PostgreSQL: a query of two characters) no order is re-read.
 * A query with no bigram to look up (one character, or only ASCII punctuation) scans.
 *
 * The same match is written two ways, and the list chooses by how many orders match:
 * - `drive`: the matching ids are collected from the index first, then their orders are read and
 *   sorted. Right when few match (a code, a phone, a rare name).
 * - `walk`: the list walks the orders in its own order (newest first by the date index) and asks
 *   of each whether it matches, stopping at the page's end. Right when many match (暖气 is in one
 *   order of 22: the first page is found after ~450 orders instead of sorting 45,000).
 * Both give the same rows.
 */
export interface Keyword {
  drive: Expression<SqlBool>;
  walk: Expression<SqlBool>;
  /**
   * The number of matching orders, counted from the index alone, up to `cap + 1` (enough to know
   * that there are more than `cap`); undefined when the query has no bigram (a scan).
   */
  count?: (cap: number) => Promise<number>;
}

export function keyword(db: Kysely<Database>, q: string, { byPhone }: { byPhone: boolean }): Keyword {
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const contains = (t: string) => sql<SqlBool>`(${sql.ref(`${t}.title`)} like ${like} escape '\\'
    or ${sql.ref(`${t}.content`)} like ${like} escape '\\'
    or ${sql.ref(`${t}.citizen_name`)} like ${like} escape '\\')`;
  const keyedOn = (t: string) => sql<SqlBool>`(${sql.ref(`${t}.code`)} = ${q}
    or ${sql.ref(`${t}.city_order_no`)} = ${q}
    ${byPhone ? sql`or ${sql.ref(`${t}.citizen_phone`)} = ${q}` : sql``})`;
  // The code, city order number and phone are each a lookup in their own index.
  const keyedIds = sql`select id from work_orders where code = ${q}
    union all select id from work_orders where city_order_no = ${q}
    ${byPhone ? sql`union all select id from work_orders where citizen_phone = ${q}` : sql``}`;
  const chars = Array.from(q);
  const indexable = chars.length >= 2 && chars.some((c) => c > '\x7f' || /[0-9A-Za-z]/.test(c));
  if (!indexable) {
    const scan = sql<SqlBool>`(${keyedOn('work_orders')} or ${contains('work_orders')})`;
    return { drive: scan, walk: scan };
  }
  const id = sql.ref('work_orders.id');
  const text = textIds(db, q, chars, contains);
  // Orders found by their key whose text does not match: counted apart, as there are only a few.
  const keyedOnly = sql`select count(*) as n from work_orders k where ${keyedOn('k')} and not ${contains('k')}`;
  const count = async (cap: number) => {
    const found = await sql<{
      n: number | string;
    }>`select count(*) as n from (${text.ids} limit ${cap + 1}) m`.execute(db);
    const extra = await sql<{ n: number | string }>`${keyedOnly}`.execute(db);
    return Number(found.rows[0]?.n ?? 0) + Number(extra.rows[0]?.n ?? 0);
  };
  return {
    drive: sql<SqlBool>`${id} in (${text.ids} union all ${keyedIds})`,
    walk: text.walk(id, keyedIds, keyedOn('work_orders')),
    count,
  };
}

/** The ids of the orders whose text contains `q`, exactly, from the bigram index; and the walking test. */
function textIds(
  db: Kysely<Database>,
  q: string,
  chars: string[],
  contains: (table: string) => RawBuilder<SqlBool>,
): {
  ids: RawBuilder<unknown>;
  walk: (
    id: RawBuilder<unknown>,
    keyedIds: RawBuilder<unknown>,
    keyed: RawBuilder<SqlBool>,
  ) => Expression<SqlBool>;
} {
  if (dialectOf(db) === 'postgres') {
    const terms = sql`huiyin_bigrams(${q})`;
    // A two-character query is one bigram: containing it is containing the substring (the
    // columns' separator, chr(1), is in no query), so those rows need no second test.
    const exact = chars.length === 2 && !q.includes('\x01');
    return {
      ids: exact
        ? sql`select order_id from work_order_search where terms @> ${terms}`
        : sql`select s.order_id from work_order_search s join work_orders w on w.id = s.order_id
            where s.terms @> ${terms} and ${contains('w')}`,
      // Each order walked is probed by its key in the search table. A scalar subquery, not EXISTS:
      // PostgreSQL turns an EXISTS under OR into a hashed subplan, collecting all 45,000 matches
      // of 暖气 before the first row (2.2 s); a scalar subquery is run per row, by the key.
      walk: (id, _keyedIds, keyed) =>
        sql<SqlBool>`(${keyed} or (coalesce((select p.terms @> ${terms} from work_order_search p
          where p.order_id = ${id}), false)${exact ? sql`` : sql` and ${contains('work_orders')}`}))`,
    };
  }
  const phrase = chars
    .slice(0, -1)
    .map((c, i) => c + chars[i + 1])
    .join(' ');
  const match = `"${phrase.replaceAll('"', '""')}"`;
  const found = sql`select rowid from work_order_search where work_order_search match ${match}`;
  // Without any ASCII character the phrase is exact: each bigram is one whole token, and LIKE's
  // case folding touches ASCII only. So the rows need no second test (no row read).
  const ids = chars.every((c) => c > '\x7f')
    ? found
    : sql`select f.id from work_orders f where f.id in (${found}) and ${contains('f')}`;
  return {
    ids,
    // One set of ids, built once; `+` keeps SQLite from driving the list by it, so it walks the
    // list's own index and tests each id against the set (no order read for the test).
    walk: (id, keyedIds) => sql<SqlBool>`+${id} in (${ids} union all ${keyedIds})`,
  };
}
