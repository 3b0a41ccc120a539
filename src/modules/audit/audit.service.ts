import type { Kysely } from 'kysely';
import {
  type AuditFilter,
  AuditRepository,
  type NewAuditRow,
} from '../../db/repositories/audit.repository.js';
import type { Database } from '../../db/schema.js';
import { type AuditChange, auditChanges } from '../../domain/audit-changes.js';
import { AUDIT_LIMITS, type AuditAction, capSnapshot, capText } from '../../domain/audit-events.js';
import type { Clock } from '../../server/clock.js';
import { type ChainBreak, chainMac, firstBreak } from './audit-chain.js';
import { auditVocabulary, idsMentioned } from './audit-vocabulary.js';

/** Who did it and from where: the logged-in actor (or the name typed at the login) and the client's IP. */
export interface AuditWho {
  actor: { userId: number | null; username: string | null } | null;
  ip: string | null;
}

/** One audit entry, of a kind from the closed list, with what changed. */
export interface AuditEvent extends AuditWho {
  action: AuditAction;
  /** What was acted on, e.g. `user:12`, `setting:time_limits`, `order:2026-000123`. */
  target?: string | null;
  /** A short free text for the reader (a reason, a file name); capped. */
  detail?: string;
  before?: unknown;
  after?: unknown;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBroken: ChainBreak | null;
}

const BATCH = 2_000;

/**
 * The audit trail (等保 2.0 安全审计): every write goes through `record`, inside the transaction
 * of the change it records, so a change and its entry commit or fail together. Entries are
 * chained with HMAC-SM3; `verify` re-computes the chain and names the first broken entry.
 * Nothing in the application edits or deletes an entry; retention is therefore unlimited
 * (≥ 180 days as 等保 asks).
 */
type AuditLogRow = Awaited<ReturnType<AuditRepository['page']>>[number];
export type ReadableAuditRow = AuditLogRow & {
  before: unknown;
  after: unknown;
  /** The account the entry is about being done by, as it is named now. */
  account: { username: string; name: string } | null;
  changes: AuditChange[];
};

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export class AuditTrail {
  private readonly repo: AuditRepository;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly key: Buffer,
  ) {
    this.repo = new AuditRepository(db);
  }

  /** Writes one entry in the given transaction (or in one of its own when given the plain database). */
  async record(db: Kysely<Database>, event: AuditEvent): Promise<void> {
    const row: NewAuditRow = {
      at: this.clock.now().toISOString(),
      user_id: event.actor?.userId ?? null,
      username: event.actor?.username == null ? null : capText(event.actor.username, AUDIT_LIMITS.name),
      action: event.action,
      target: event.target == null ? null : capText(event.target, AUDIT_LIMITS.target),
      detail: capText(event.detail ?? '', AUDIT_LIMITS.detail),
      before_json: capSnapshot(event.before),
      after_json: capSnapshot(event.after),
      ip: event.ip == null ? null : capText(event.ip, AUDIT_LIMITS.ip),
    };
    const append = (trx: Kysely<Database>) =>
      this.repo.append(trx, row, (seq, prev_mac) => chainMac(this.key, { ...row, seq, prev_mac }));
    if (db.isTransaction) await append(db);
    else await db.transaction().execute(append);
  }

  /** Re-computes the whole chain from its first entry; stops at the first broken one. */
  async verify(): Promise<VerifyResult> {
    const head = await this.repo.head();
    const unsealed = await this.repo.unsealed();
    let prev = { seq: 0, mac: '' };
    let checked = 0;
    for (;;) {
      const batch = await this.repo.chainAfter(prev.seq, BATCH);
      if (batch.length === 0) break;
      const broken = firstBreak(this.key, batch, prev);
      if (broken) return { ok: false, checked, headSeq: head.seq, firstBroken: broken };
      checked += batch.length;
      const last = batch[batch.length - 1] as (typeof batch)[number];
      prev = { seq: Number(last.seq), mac: String(last.mac) };
    }
    const first = unsealed[0];
    if (first) {
      return {
        ok: false,
        checked,
        headSeq: head.seq,
        firstBroken: {
          id: first.id,
          seq: null,
          at: first.at,
          reason: '该条目不在链上（绕过系统直接写入数据库）。',
        },
      };
    }
    if (prev.seq !== Number(head.seq) || prev.mac !== head.mac) {
      return {
        ok: false,
        checked,
        headSeq: head.seq,
        firstBroken: {
          id: 0,
          seq: prev.seq + 1,
          at: '',
          reason: `链尾缺失：链头记录到第 ${head.seq} 条，库中只到第 ${prev.seq} 条（末尾的条目被删除）。`,
        },
      };
    }
    return { ok: true, checked, headSeq: head.seq, firstBroken: null };
  }

  /**
   * Seals entries written before the chain existed, once, when the chain is still empty; after
   * that an unsealed row is evidence of a write around the application and the verifier says so.
   */
  async sealLegacy(): Promise<number> {
    const head = await this.repo.head();
    if (Number(head.seq) !== 0) return 0;
    const rows = await this.repo.unsealed();
    if (rows.length === 0) return 0;
    await this.db.transaction().execute(async (trx) => {
      let prevMac = '';
      let seq = 0;
      for (const r of rows) {
        seq += 1;
        const mac = chainMac(this.key, { ...r, seq, prev_mac: prevMac });
        await this.repo.seal(trx, r.id, seq, prevMac, mac);
        prevMac = mac;
      }
    });
    return rows.length;
  }

  async page(page: number, pageSize: number, filter: AuditFilter) {
    const [rows, total] = await Promise.all([
      this.repo.page((page - 1) * pageSize, pageSize, filter),
      this.repo.count(filter),
    ]);
    return { rows: await this.readable(rows), total };
  }

  /** Every entry the filter keeps, newest first, in batches: for an export of any length. */
  async *entries(filter: AuditFilter): AsyncGenerator<ReadableAuditRow[]> {
    for await (const rows of this.repo.batches(filter, BATCH)) yield await this.readable(rows);
  }

  /**
   * Entries as the auditor reads them: who (the account's name and login name: an entry keeps the
   * name given at the time, the login name for sign-ins and the person's name for the rest) and
   * what changed, field by field in words (src/domain/audit-changes.ts).
   */
  private async readable(rows: AuditLogRow[]): Promise<ReadableAuditRow[]> {
    const snapshots = rows.map((r) => ({ before: parseJson(r.before_json), after: parseJson(r.after_json) }));
    const mentioned = idsMentioned(snapshots.flatMap((s) => [s.before, s.after]));
    const accounts = rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id]));
    const names = await this.repo.namesOf(
      [...new Set([...accounts, ...mentioned.users])],
      [...mentioned.units],
    );
    const lookup = {
      unit: (id: number) => names.units.get(id),
      user: (id: number) => names.users.get(id)?.name,
    };
    return rows.map((row, i) => {
      const { before, after } = snapshots[i] as (typeof snapshots)[number];
      return {
        ...row,
        before,
        after,
        account: row.user_id === null ? null : (names.users.get(row.user_id) ?? null),
        changes: auditChanges(before, after, auditVocabulary(row.action, lookup)),
      };
    });
  }
}
