import { type Kysely, sql } from 'kysely';
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

  page(offset: number, limit: number, filter: { action?: string; userId?: number }) {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.userId) q = q.where('user_id', '=', filter.userId);
    return q.orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }
}
