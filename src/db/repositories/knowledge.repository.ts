import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, KnowledgeEntryRow, KnowledgeVersionRow } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export type VersionWithEntry = KnowledgeVersionRow & {
  owner_unit_id: number;
  owner_unit_name: string;
  current_version_id: number | null;
  entry_version: number;
};

export type NewVersion = Omit<
  KnowledgeVersionRow,
  'id' | 'decided_by' | 'decided_by_name' | 'decided_at' | 'decision_comment'
>;

/** The knowledge base's entries and versions (one aggregate: an entry with all its versions). */
export class KnowledgeRepository {
  constructor(private readonly db: Executor) {}

  /** Runs the work in one transaction; `trx` is for the audit entry that goes with the change. */
  transaction<T>(work: (repo: KnowledgeRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => work(new KnowledgeRepository(trx), trx));
  }

  private versions() {
    return this.db
      .selectFrom('knowledge_versions as v')
      .innerJoin('knowledge_entries as e', 'e.id', 'v.entry_id')
      .innerJoin('units as u', 'u.id', 'e.owner_unit_id')
      .selectAll('v')
      .select([
        'e.owner_unit_id',
        'u.name as owner_unit_name',
        'e.current_version_id',
        'e.version as entry_version',
      ]);
  }

  /** Every approved current version (the search filters validity by day). */
  currentVersions(): Promise<VersionWithEntry[]> {
    return this.versions().whereRef('v.id', '=', 'e.current_version_id').orderBy('v.entry_id').execute();
  }

  /** A cheap fingerprint of what is current: changes whenever an approval does. */
  async currentFingerprint(): Promise<string> {
    const row = await this.db
      .selectFrom('knowledge_entries')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.sum<number>('current_version_id').as('s'),
        (eb) => eb.fn.max('updated_at').as('at'),
      ])
      .executeTakeFirst();
    return `${row?.n ?? 0}:${row?.s ?? 0}:${row?.at ?? ''}`;
  }

  /** Versions listed for a reader: the latest of each entry, or all versions of one status. */
  list(filter: { ownerUnitId?: number; status?: string; entryId?: number }): Promise<VersionWithEntry[]> {
    let q = this.versions();
    if (filter.ownerUnitId !== undefined) q = q.where('e.owner_unit_id', '=', filter.ownerUnitId);
    if (filter.status !== undefined) q = q.where('v.status', '=', filter.status);
    if (filter.entryId !== undefined) q = q.where('v.entry_id', '=', filter.entryId);
    return q.orderBy('v.entry_id').orderBy('v.version_no', 'desc').execute();
  }

  entry(id: number): Promise<KnowledgeEntryRow | undefined> {
    return this.db.selectFrom('knowledge_entries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  version(id: number): Promise<VersionWithEntry | undefined> {
    return this.versions().where('v.id', '=', id).executeTakeFirst();
  }

  async insertEntry(ownerUnitId: number, at: string): Promise<number> {
    const row = await this.db
      .insertInto('knowledge_entries')
      .values({
        owner_unit_id: ownerUnitId,
        current_version_id: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async insertVersion(v: NewVersion): Promise<number> {
    const row = await this.db
      .insertInto('knowledge_versions')
      .values(v)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async nextVersionNo(entryId: number): Promise<number> {
    const row = await this.db
      .selectFrom('knowledge_versions')
      .select((eb) => eb.fn.max('version_no').as('n'))
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
    return Number(row?.n ?? 0) + 1;
  }

  /** Bumps the entry's version if it is still the one the user saw; false when someone was first. */
  async touchEntry(
    id: number,
    expectedVersion: number,
    at: string,
    currentVersionId?: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('knowledge_entries')
      .set({
        version: sql`version + 1`,
        updated_at: at,
        ...(currentVersionId !== undefined ? { current_version_id: currentVersionId } : {}),
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async decide(
    versionId: number,
    status: 'approved' | 'returned',
    by: { userId: number; name: string },
    at: string,
    comment: string | null,
  ): Promise<void> {
    await this.db
      .updateTable('knowledge_versions')
      .set({
        status,
        decided_by: by.userId,
        decided_by_name: by.name,
        decided_at: at,
        decision_comment: comment,
      })
      .where('id', '=', versionId)
      .execute();
  }

  async supersede(versionId: number): Promise<void> {
    await this.db
      .updateTable('knowledge_versions')
      .set({ status: 'superseded' })
      .where('id', '=', versionId)
      .execute();
  }
}
