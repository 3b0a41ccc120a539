import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { looksLikePhone, normalisePhone } from '../../domain/citizen-phone.js';
import { looksLikeContactNumber } from '../../domain/citizen-privacy.js';
import { codeOf } from '../../domain/order-code.js';
import { dialectOf } from '../connection.js';
import type { Database } from '../schema.js';

/**
 * Keyword search: orders whose title, content or caller's name contains `q` (LIKE, as always),
 * or whose code, city order number or caller's phone is `q`. The phone, and the name of a
 * confidential order, only when `readsContacts`: for those who may read them. For the others the
 * name is tested on the order's row, so neither the bigram index's count nor its page is used.
 *
 * The substring test is answered by a bigram index (an FTS5 phrase on SQLite, migration
 * 2026-11-26-010; a GIN array containment on PostgreSQL, 2026-12-01-search-002). Where the index
 * is only a filter the LIKE conditions stay the exact test, so results are the same as a scan;
 * where it is exact (SQLite: a query of non-ASCII characters only; PostgreSQL: a query of two
 * characters) no row is re-read. On PostgreSQL the test reads the search table's own copy of the
 * text, not the order.
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
  /**
   * PostgreSQL, a plain search (no scope, no other filter, by date): the page's ids from the
   * search table alone, which holds each order's date beside its text, so no order is read.
   */
  page?: (sort: 'newest' | 'oldest', limit: number, offset: number) => Promise<number[]>;
}

/** A column's LIKE pattern for "contains q", with LIKE's own characters escaped. */
const containsPattern = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

export function keyword(
  db: Kysely<Database>,
  q: string,
  { readsContacts }: { readsContacts: boolean },
): Keyword {
  // Phones and ID numbers are masked in what these viewers read: no search by one either, but
  // for an order's code or city number (a guessed number could otherwise be confirmed).
  const code = codeOf(q);
  if (!readsContacts && looksLikeContactNumber(q)) {
    const keyed = sql<SqlBool>`(work_orders.code = ${code} or work_orders.city_order_no = ${q})`;
    return { drive: keyed, walk: keyed };
  }
  const found = anyoneKeyword(db, q, readsContacts);
  if (readsContacts) return found;
  // A confidential order matched by its caller's name alone is not found (its code still is).
  const like = containsPattern(q);
  const shown = sql<SqlBool>`(work_orders.confidential = 0
    or work_orders.code = ${code} or work_orders.city_order_no = ${q}
    or work_orders.title like ${like} escape '\\' or work_orders.content like ${like} escape '\\')`;
  return {
    drive: sql<SqlBool>`(${found.drive} and ${shown})`,
    walk: sql<SqlBool>`(${found.walk} and ${shown})`,
  };
}

function anyoneKeyword(db: Kysely<Database>, q: string, readsContacts: boolean): Keyword {
  const like = containsPattern(q);
  // A phone is stored in one written form (domain/citizen-phone.ts): 133 3896 0214 finds 13338960214.
  const phone = looksLikePhone(q) ? normalisePhone(q) : q;
  const contains = (t: string) => sql<SqlBool>`(${sql.ref(`${t}.title`)} like ${like} escape '\\'
    or ${sql.ref(`${t}.content`)} like ${like} escape '\\'
    or ${sql.ref(`${t}.citizen_name`)} like ${like} escape '\\')`;
  const code = codeOf(q);
  const keyedOn = (t: string) => sql<SqlBool>`(${sql.ref(`${t}.code`)} = ${code}
    or ${sql.ref(`${t}.city_order_no`)} = ${q}
    ${readsContacts ? sql`or ${sql.ref(`${t}.citizen_phone`)} = ${phone}` : sql``})`;
  // The code, city order number and phone are each a lookup in their own index.
  const keyedIds = sql`select id from work_orders where code = ${code}
    union all select id from work_orders where city_order_no = ${q}
    ${readsContacts ? sql`union all select id from work_orders where citizen_phone = ${phone}` : sql``}`;
  const chars = Array.from(q);
  const indexable = chars.length >= 2 && chars.some((c) => c > '\x7f' || /[0-9A-Za-z]/.test(c));
  if (!indexable) {
    const scan = sql<SqlBool>`(${keyedOn('work_orders')} or ${contains('work_orders')})`;
    return { drive: scan, walk: scan };
  }
  const id = sql.ref('work_orders.id');
  const text =
    dialectOf(db) === 'postgres' ? postgresText(db, q, chars, like, contains) : sqliteText(chars, contains);
  // Orders found by their key whose text does not match: counted apart, as there are only a few.
  const keyedOnly = sql`select count(*) as n from work_orders k where ${keyedOn('k')} and not ${contains('k')}`;
  const count = async (cap: number) => {
    const found = await sql<{
      n: number | string;
    }>`select count(*) as n from (${text.counted} limit ${cap + 1}) m`.execute(db);
    const extra = await sql<{ n: number | string }>`${keyedOnly}`.execute(db);
    return Number(found.rows[0]?.n ?? 0) + Number(extra.rows[0]?.n ?? 0);
  };
  return {
    drive: sql<SqlBool>`${id} in (${text.ids} union all ${keyedIds})`,
    walk: text.walk(id, keyedIds, keyedOn('work_orders')),
    count,
    ...(text.page ? { page: text.page(keyedIds) } : {}),
  };
}

interface TextMatch {
  /** The ids of the orders whose text contains the query, exactly. */
  ids: RawBuilder<unknown>;
  /** The same rows, selecting nothing the index does not hold: what a count reads. */
  counted: RawBuilder<unknown>;
  /** The test of one walked order (see Keyword). */
  walk: (
    id: RawBuilder<unknown>,
    keyedIds: RawBuilder<unknown>,
    keyed: RawBuilder<SqlBool>,
  ) => Expression<SqlBool>;
  page?: (keyedIds: RawBuilder<unknown>) => NonNullable<Keyword['page']>;
}

/**
 * PostgreSQL: the GIN index on the bigrams of the search table's `body` (title, content and name
 * joined by chr(1); migration 2026-12-01-search-002) narrows the rows, and LIKE on the same
 * row's body is the exact test: no order is read. A query that contains chr(1) itself could match
 * across two columns of the body, so it is tested on the order's columns instead.
 */
function postgresText(
  db: Kysely<Database>,
  q: string,
  chars: string[],
  like: string,
  contains: (table: string) => RawBuilder<SqlBool>,
): TextMatch {
  const terms = sql`huiyin_bigrams(body) @> huiyin_bigrams(${q})`;
  // A two-character query is one bigram: containing it is containing the substring, so those rows
  // need no second test.
  const separator = q.includes('\x01');
  const exact = chars.length === 2 && !separator;
  const where = exact
    ? terms
    : separator
      ? sql`${terms} and exists (select 1 from work_orders w where w.id = work_order_search.order_id and ${contains('w')})`
      : sql`${terms} and body like ${like} escape '\\'`;
  return {
    ids: sql`select order_id from work_order_search where ${where}`,
    counted: sql`select 1 from work_order_search where ${where}`,
    // The walk reads the list's first orders whole (work-order-list.repository.ts: boundedWalk), so
    // LIKE on their own columns is the cheapest exact test.
    walk: (_id, _keyedIds, keyed) => sql<SqlBool>`(${keyed} or ${contains('work_orders')})`,
    page: (keyedIds) => async (sort, limit, offset) => {
      const dir = sort === 'oldest' ? sql`asc` : sql`desc`;
      const r = await sql<{ id: number }>`select id from (
          select order_id as id, created_at from work_order_search where ${where}
          union select k.id, k.created_at from work_orders k where k.id in (${keyedIds})
        ) m order by created_at ${dir}, id desc limit ${limit} offset ${offset}`.execute(db);
      return r.rows.map((row) => row.id);
    },
  };
}

/**
 * SQLite: an FTS5 phrase of the query's bigrams. Without any ASCII character the phrase is exact:
 * each bigram is one whole token, and LIKE's case folding touches ASCII only; so the rows need no
 * second test (no row read). Otherwise LIKE on the order is the exact test.
 */
function sqliteText(chars: string[], contains: (table: string) => RawBuilder<SqlBool>): TextMatch {
  const phrase = chars
    .slice(0, -1)
    .map((c, i) => c + chars[i + 1])
    .join(' ');
  const match = `"${phrase.replaceAll('"', '""')}"`;
  const found = sql`select rowid from work_order_search where work_order_search match ${match}`;
  const ids = chars.every((c) => c > '\x7f')
    ? found
    : sql`select f.id from work_orders f where f.id in (${found}) and ${contains('f')}`;
  return {
    ids,
    counted: ids,
    // One set of ids, built once; `+` keeps SQLite from driving the list by it, so it walks the
    // list's own index and tests each id against the set (no order read for the test).
    walk: (id, keyedIds) => sql<SqlBool>`+${id} in (${ids} union all ${keyedIds})`,
  };
}
