import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { looksLikePhone, normalisePhone } from '../../domain/citizen-phone.js';
import { looksLikeContactNumber } from '../../domain/citizen-privacy.js';
import { codeOf } from '../../domain/order-code.js';
import { isPlainWord, searchTerms } from '../../domain/search-terms.js';
import { dialectOf } from '../connection.js';
import type { Database } from '../schema.js';

/**
 * Keyword search: orders that hold every word of `q` (domain/search-terms.ts), each word in the
 * title, content or caller's name (LIKE, as always) or as the order's code, city order number or
 * caller's phone. The phone, and the name of a
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

/**
 * Every word of `q` (domain/search-terms.ts) must be found. Words of text alone are looked up
 * together in the bigram index (one lookup, one count); a query with a number among its words
 * (a code, a phone) is the conjunction of each word's own search.
 */
export function keyword(
  db: Kysely<Database>,
  q: string,
  { readsContacts }: { readsContacts: boolean },
): Keyword {
  const terms = searchTerms(q);
  if (terms.length === 1) return oneWord(db, terms[0] as string, readsContacts);
  if (terms.every(isPlainWord))
    return shownOnly(textKeyword(db, terms, null, readsContacts), terms, readsContacts);
  const each = terms.map((t) => oneWord(db, t, readsContacts));
  const all = (part: 'drive' | 'walk') =>
    sql<SqlBool>`(${sql.join(
      each.map((k) => k[part]),
      sql` and `,
    )})`;
  return { drive: all('drive'), walk: all('walk') };
}

/** One word, which may also be an order's code, its city number or (for some) a caller's phone. */
function oneWord(db: Kysely<Database>, q: string, readsContacts: boolean): Keyword {
  // Phones and ID numbers are masked in what these viewers read: no search by one either, but
  // for an order's code or city number (a guessed number could otherwise be confirmed).
  const code = codeOf(q);
  if (!readsContacts && looksLikeContactNumber(q)) {
    const keyed = sql<SqlBool>`(work_orders.code = ${code} or work_orders.city_order_no = ${q})`;
    return { drive: keyed, walk: keyed };
  }
  const found = textKeyword(db, [q], q, readsContacts);
  const keyed = sql<SqlBool>`work_orders.code = ${code} or work_orders.city_order_no = ${q}`;
  return shownOnly(found, [q], readsContacts, keyed);
}

/**
 * For viewers who may not read callers' names: a confidential order matched by its caller's name
 * alone is not found (its code still is). Every word must then be in its title or content.
 */
function shownOnly(
  found: Keyword,
  terms: string[],
  readsContacts: boolean,
  keyed: RawBuilder<SqlBool> = sql<SqlBool>`false`,
): Keyword {
  if (readsContacts) return found;
  const inText = terms.map((t) => {
    const like = containsPattern(t);
    return sql<SqlBool>`(work_orders.title like ${like} escape '\\' or work_orders.content like ${like} escape '\\')`;
  });
  const shown = sql<SqlBool>`(work_orders.confidential = 0 or ${keyed} or (${sql.join(inText, sql` and `)}))`;
  return {
    drive: sql<SqlBool>`(${found.drive} and ${shown})`,
    walk: sql<SqlBool>`(${found.walk} and ${shown})`,
  };
}

/**
 * Orders whose text (title, content or caller's name) holds every one of `terms`, or, when `key`
 * is given (a one-word search), whose code, city order number or caller's phone is `key`.
 */
function textKeyword(
  db: Kysely<Database>,
  terms: string[],
  key: string | null,
  readsContacts: boolean,
): Keyword {
  // A phone is stored in one written form (domain/citizen-phone.ts): 133 3896 0214 finds 13338960214.
  const phone = key !== null && looksLikePhone(key) ? normalisePhone(key) : key;
  const contains = (t: string) =>
    sql<SqlBool>`(${sql.join(
      terms.map((term) => {
        const like = containsPattern(term);
        return sql<SqlBool>`(${sql.ref(`${t}.title`)} like ${like} escape '\\'
    or ${sql.ref(`${t}.content`)} like ${like} escape '\\'
    or ${sql.ref(`${t}.citizen_name`)} like ${like} escape '\\')`;
      }),
      sql` and `,
    )})`;
  const code = key === null ? null : codeOf(key);
  const keyedOn = (t: string) =>
    key === null
      ? sql<SqlBool>`false`
      : sql<SqlBool>`(${sql.ref(`${t}.code`)} = ${code}
    or ${sql.ref(`${t}.city_order_no`)} = ${key}
    ${readsContacts ? sql`or ${sql.ref(`${t}.citizen_phone`)} = ${phone}` : sql``})`;
  // The code, city order number and phone are each a lookup in their own index.
  const keyedIds =
    key === null
      ? null
      : sql`select id from work_orders where code = ${code}
    union all select id from work_orders where city_order_no = ${key}
    ${readsContacts ? sql`union all select id from work_orders where citizen_phone = ${phone}` : sql``}`;
  const indexed = terms.filter(indexable);
  if (indexed.length === 0) {
    const scan = sql<SqlBool>`(${keyedOn('work_orders')} or ${contains('work_orders')})`;
    return { drive: scan, walk: scan };
  }
  const id = sql.ref('work_orders.id');
  const text =
    dialectOf(db) === 'postgres' ? postgresText(db, terms, contains) : sqliteText(terms, indexed, contains);
  // Orders found by their key whose text does not match: counted apart, as there are only a few.
  const keyedOnly = sql`select count(*) as n from work_orders k where ${keyedOn('k')} and not ${contains('k')}`;
  const count = async (cap: number) => {
    const found = await sql<{
      n: number | string;
    }>`select count(*) as n from (${text.counted} limit ${cap + 1}) m`.execute(db);
    if (keyedIds === null) return Number(found.rows[0]?.n ?? 0);
    const extra = await sql<{ n: number | string }>`${keyedOnly}`.execute(db);
    return Number(found.rows[0]?.n ?? 0) + Number(extra.rows[0]?.n ?? 0);
  };
  const found = keyedIds === null ? text.ids : sql`${text.ids} union all ${keyedIds}`;
  return {
    drive: sql<SqlBool>`${id} in (${found})`,
    walk: text.walk(id, found, keyedOn('work_orders')),
    count,
    ...(text.page ? { page: text.page(keyedIds) } : {}),
  };
}

/** Whether a word has a bigram the index holds: two characters or more, not ASCII punctuation alone. */
function indexable(term: string): boolean {
  const chars = Array.from(term);
  return chars.length >= 2 && chars.some((c) => c > '\x7f' || /[0-9A-Za-z]/.test(c));
}

interface TextMatch {
  /** The ids of the orders whose text contains every word, exactly. */
  ids: RawBuilder<unknown>;
  /** The same rows, selecting nothing the index does not hold: what a count reads. */
  counted: RawBuilder<unknown>;
  /** The test of one walked order (see Keyword), given every id found and the test of its keys. */
  walk: (
    id: RawBuilder<unknown>,
    found: RawBuilder<unknown>,
    keyed: RawBuilder<SqlBool>,
  ) => Expression<SqlBool>;
  page?: (keyedIds: RawBuilder<unknown> | null) => NonNullable<Keyword['page']>;
}

/**
 * PostgreSQL: the GIN index on the bigrams of the search table's `body` (title, content and name
 * joined by chr(1); migration 2026-12-01-search-002) narrows the rows to those holding every
 * word's bigrams, and LIKE on the same row's body is the exact test: no order is read. A word that
 * contains chr(1) itself could match across two columns of the body, so it is tested on the
 * order's columns instead.
 */
function postgresText(
  db: Kysely<Database>,
  terms: string[],
  contains: (table: string) => RawBuilder<SqlBool>,
): TextMatch {
  const wanted = sql.join(
    terms.map((t) => sql`huiyin_bigrams(${t})`),
    sql` || `,
  );
  const has = sql`huiyin_bigrams(body) @> (${wanted})`;
  // A two-character word alone is one bigram: containing it is containing the substring, so those
  // rows need no second test.
  const separator = terms.some((t) => t.includes('\x01'));
  const exact = terms.length === 1 && Array.from(terms[0] as string).length === 2 && !separator;
  const likes = sql.join(
    terms.map((t) => sql`body like ${containsPattern(t)} escape '\\'`),
    sql` and `,
  );
  const where = exact
    ? has
    : separator
      ? sql`${has} and exists (select 1 from work_orders w where w.id = work_order_search.order_id and ${contains('w')})`
      : sql`${has} and ${likes}`;
  return {
    ids: sql`select order_id from work_order_search where ${where}`,
    counted: sql`select 1 from work_order_search where ${where}`,
    // The walk reads the list's first orders whole (work-order-list.repository.ts: boundedWalk), so
    // LIKE on their own columns is the cheapest exact test.
    walk: (_id, _found, keyed) => sql<SqlBool>`(${keyed} or ${contains('work_orders')})`,
    page: (keyedIds) => async (sort, limit, offset) => {
      const dir = sort === 'oldest' ? sql`asc` : sql`desc`;
      const byKey =
        keyedIds === null
          ? sql``
          : sql`union select k.id, k.created_at from work_orders k where k.id in (${keyedIds})`;
      const r = await sql<{ id: number }>`select id from (
          select order_id as id, created_at from work_order_search where ${where}
          ${byKey}
        ) m order by created_at ${dir}, id desc limit ${limit} offset ${offset}`.execute(db);
      return r.rows.map((row) => row.id);
    },
  };
}

/**
 * SQLite: one FTS5 phrase of bigrams per word, all of them required. Without any ASCII character,
 * and with every word indexed, the match is exact: each bigram is one whole token, and LIKE's case
 * folding touches ASCII only; so the rows need no second test (no row read). Otherwise LIKE on
 * the order is the exact test.
 */
function sqliteText(
  terms: string[],
  indexed: string[],
  contains: (table: string) => RawBuilder<SqlBool>,
): TextMatch {
  const phrase = (term: string) => {
    const chars = Array.from(term);
    const bigrams = chars
      .slice(0, -1)
      .map((c, i) => c + chars[i + 1])
      .join(' ');
    return `"${bigrams.replaceAll('"', '""')}"`;
  };
  const match = indexed.map(phrase).join(' AND ');
  const found = sql`select rowid from work_order_search where work_order_search match ${match}`;
  const exact = indexed.length === terms.length && terms.every((t) => Array.from(t).every((c) => c > '\x7f'));
  const ids = exact
    ? found
    : sql`select f.id from work_orders f where f.id in (${found}) and ${contains('f')}`;
  return {
    ids,
    counted: ids,
    // One set of ids, built once; `+` keeps SQLite from driving the list by it, so it walks the
    // list's own index and tests each id against the set (no order read for the test).
    walk: (id, found) => sql<SqlBool>`+${id} in (${found})`,
  };
}
