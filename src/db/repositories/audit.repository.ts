import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';

export type NewAuditRow = {
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  target: string | null;
  detail: string;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
};

const CHAIN_COLUMNS = [
  'id',
  'seq',
  'at',
  'user_id',
  'username',
  'action',
  'target',
  'detail',
  'before_json',
  'after_json',
  'ip',
  'prev_mac',
  'mac',
] as const;

/** The audit log's rows and its chain head. Only appends: nothing here updates or deletes an entry. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Appends one entry at the end of the chain. Must run inside a transaction: the first statement
   * locks the chain head's row (PostgreSQL row lock; SQLite has one writer anyway), so concurrent
   * appends wait and each links to the entry committed before it.
   */
  async append(
    trx: Kysely<Database>,
    row: NewAuditRow,
    seal: (seq: number, prevMac: string) => string,
  ): Promise<number> {
    await trx.updateTable('audit_chain_head').set({ seq: sql`seq` }).where('id', '=', 1).execute();
    const head = await trx
      .selectFrom('audit_chain_head')
      .select(['seq', 'mac'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const seq = Number(head.seq) + 1;
    const mac = seal(seq, head.mac);
    await trx
      .insertInto('audit_log')
      .values({ ...row, seq, prev_mac: head.mac, mac })
      .execute();
    await trx.updateTable('audit_chain_head').set({ seq, mac }).where('id', '=', 1).execute();
    return seq;
  }

  head() {
    return this.db
      .selectFrom('audit_chain_head')
      .select(['seq', 'mac'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
  }

  /** Entries in chain order after a position, a batch at a time (the verifier reads all of them). */
  chainAfter(seq: number, limit: number) {
    return this.db
      .selectFrom('audit_log')
      .select(CHAIN_COLUMNS)
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** Entries without a place in the chain: legacy rows, or rows written around the application. */
  unsealed() {
    return this.db
      .selectFrom('audit_log')
      .select(CHAIN_COLUMNS)
      .where('seq', 'is', null)
      .orderBy('id')
      .execute();
  }

  /** Gives a legacy row its place in the chain (only while the chain is being started). */
  async seal(trx: Kysely<Database>, id: number, seq: number, prevMac: string, mac: string) {
    await trx
      .updateTable('audit_log')
      .set({ seq, prev_mac: prevMac, mac })
      .where('id', '=', id)
      .where('seq', 'is', null)
      .execute();
    await trx.updateTable('audit_chain_head').set({ seq, mac }).where('id', '=', 1).execute();
  }

  /** A page of entries the filter keeps, newest first. */
  page(offset: number, limit: number, filter: AuditFilter) {
    return filtered(this.db.selectFrom('audit_log').selectAll(), filter)
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** Failed sign-ins of the given kinds (`details`) recorded against an account after `after` (ever, when null). */
  async failedLoginsAfter(userId: number, after: string | null, details: readonly string[]): Promise<number> {
    let q = this.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId)
      .where('action', '=', 'auth.login_failed')
      .where('detail', 'in', details);
    if (after !== null) q = q.where('at', '>', after);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  /** Accounts (login name and name) and units by id, for reading entries that mention them. */
  async namesOf(userIds: readonly number[], unitIds: readonly number[]) {
    const [users, units] = await Promise.all([
      userIds.length
        ? this.db.selectFrom('users').select(['id', 'username', 'name']).where('id', 'in', userIds).execute()
        : [],
      unitIds.length
        ? this.db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute()
        : [],
    ]);
    return {
      users: new Map(users.map((u) => [u.id, { username: u.username, name: u.name }])),
      units: new Map(units.map((u) => [u.id, u.name])),
    };
  }

  async count(filter: AuditFilter): Promise<number> {
    const row = await filtered(this.db.selectFrom('audit_log'), filter)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every entry the filter keeps, newest first, a batch at a time (an export reads them all). */
  async *batches(filter: AuditFilter, size: number) {
    let before: number | null = null;
    for (;;) {
      let q = filtered(this.db.selectFrom('audit_log').selectAll(), filter);
      if (before !== null) q = q.where('id', '<', before);
      const rows = await q.orderBy('id', 'desc').limit(size).execute();
      if (rows.length === 0) return;
      yield rows;
      before = (rows[rows.length - 1] as (typeof rows)[number]).id;
    }
  }
}

/**
 * What the auditor looks for: kinds of entry, a person (the account, or the name typed at a failed
 * sign-in, or the account's login name), a period of instants, an address, an object (`user:12`, `order:…`). Text matches a part.
 */
export interface AuditFilter {
  actions?: string[];
  userId?: number;
  /** Part of the person's name or login name, or of the name typed at a failed sign-in. */
  person?: string;
  /** Instants, ISO: entries at or after `from` and before `until`. */
  from?: string;
  until?: string;
  ip?: string;
  target?: string;
}

const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered<Q extends SelectQueryBuilder<Database, 'audit_log', object>>(q: Q, f: AuditFilter): Q {
  let out = q as SelectQueryBuilder<Database, 'audit_log', object>;
  if (f.actions?.length) out = out.where('action', 'in', f.actions);
  if (f.userId) out = out.where('user_id', '=', f.userId);
  if (f.person) {
    // The entry keeps the person's name (or, for a failed sign-in, the name typed); the auditor may
    // as well know the account's login name.
    const part = containing(f.person);
    out = out.where((eb) =>
      eb.or([
        sql<boolean>`username like ${part} escape '\\'`,
        eb(
          'user_id',
          'in',
          eb
            .selectFrom('users')
            .select('users.id')
            .where(
              sql<boolean>`users.username like ${part} escape '\\' or users.name like ${part} escape '\\'`,
            ),
        ),
      ]),
    );
  }
  if (f.from) out = out.where('at', '>=', f.from);
  if (f.until) out = out.where('at', '<', f.until);
  if (f.ip) out = out.where(sql<boolean>`ip like ${containing(f.ip)} escape '\\'`);
  if (f.target) out = out.where(sql<boolean>`target like ${containing(f.target)} escape '\\'`);
  return out as Q;
}
