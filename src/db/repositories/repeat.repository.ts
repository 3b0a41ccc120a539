import { type Kysely, sql, type Transaction } from 'kysely';
import type { ClusterCandidate, ClusterFacts } from '../../domain/clusters.js';
import type { OrderScope } from '../../domain/policy.js';
import { FINAL_STATES } from '../../domain/workflow/states.js';
import type { DialectName } from '../connection.js';
import { REPEAT_TEXT_SQL } from '../migrations/2026-12-01-repeats-002-township-text.js';
import type { Database } from '../schema.js';
import { seenByUnit } from './unit-scope.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** A township's or a place's recent orders read for similar content: the newest first, bounded. */
export const RECENT_LIMIT = 3000;

export interface RepeatCandidateRow extends ClusterFacts {
  code: string;
  state: string;
  title: string;
  leadUnitId: number | null;
  leadUnitName: string | null;
  mergedIntoId: number | null;
}

export interface CallerOrderRow {
  id: number;
  code: string;
  title: string;
  type: string;
  state: string;
  createdAt: string;
  closedAt: string | null;
  lastCallbackResult: string | null;
  leadUnitId: number | null;
  leadUnitName: string | null;
  citizenName: string;
  citizenPhone: string;
  citizenAddress: string;
  channel: string;
  confidential: number;
}

/** Reads for the repeat detector, the repeat figures, clusters and the caller's history. */
export class RepeatRepository {
  /** `dialect`: lets the township read use the database's own index of the compared text. */
  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName = 'postgres',
  ) {}

  /** The columns a repeat check reads, voided orders included. */
  private rows() {
    return this.db
      .selectFrom('work_orders as o')
      .leftJoin('units as u', 'u.id', 'o.lead_unit_id')
      .select([
        'o.id',
        'o.code',
        'o.type',
        'o.state',
        'o.title',
        'o.repeat_text as text',
        'o.citizen_phone',
        'o.place_key',
        'o.township_unit_id',
        'o.category_id',
        'o.created_at',
        'o.repeat_of_id',
        'o.merged_into_id',
        'o.cluster_id',
        'o.lead_unit_id',
        'u.name as lead_name',
      ]);
  }

  private base() {
    return this.rows().where('o.state', '!=', 'voided');
  }

  /**
   * Orders that may repeat a new one by who or where: open ones or ones registered since
   * `since`, from the same phone or at the same place. Two index reads.
   */
  async samePhoneOrPlace(
    probe: { phone: string; placeKey: string },
    since: string,
  ): Promise<RepeatCandidateRow[]> {
    const openOrRecent = (q: ReturnType<RepeatRepository['base']>) =>
      q.where((eb) => eb.or([eb('o.created_at', '>=', since), eb('o.state', 'not in', [...FINAL_STATES])]));
    const reads = [openOrRecent(this.base().where('o.citizen_phone', '=', probe.phone)).execute()];
    if (probe.placeKey !== '')
      reads.push(openOrRecent(this.base().where('o.place_key', '=', probe.placeKey)).execute());
    const byId = new Map<number, RepeatCandidateRow>();
    for (const rows of await Promise.all(reads)) for (const r of rows) byId.set(r.id, toCandidate(r));
    return [...byId.values()];
  }

  /**
   * A township's orders registered since `since`, newest first and bounded: only their id and
   * the text compared, read from the township index alone (no row of the table is touched).
   */
  async townshipTexts(townshipUnitId: number, since: string): Promise<Array<{ id: number; text: string }>> {
    // PostgreSQL's index carries the generated column; SQLite's, the expression (see the migration).
    const text =
      this.dialect === 'postgres' ? sql<string>`o.repeat_text` : sql<string>`${sql.raw(REPEAT_TEXT_SQL)}`;
    const rows = await this.db
      .selectFrom('work_orders as o')
      .select(['o.id', 'o.state', text.as('repeat_text')])
      .where('o.township_unit_id', '=', townshipUnitId)
      .where('o.created_at', '>=', since)
      .orderBy('o.created_at', 'desc')
      .limit(RECENT_LIMIT)
      .execute();
    return rows.filter((r) => r.state !== 'voided').map((r) => ({ id: r.id, text: r.repeat_text }));
  }

  /** Candidate rows by id (the township's orders whose text was close enough), voided ones left out. */
  async candidatesByIds(ids: number[]): Promise<RepeatCandidateRow[]> {
    if (ids.length === 0) return [];
    return (await this.base().where('o.id', 'in', ids).execute()).map(toCandidate);
  }

  /** Complaints registered in [from, to), for the repeat-complaint figures. */
  async complaintsBetween(from: string, to: string): Promise<RepeatCandidateRow[]> {
    const rows = await this.rows()
      .where('o.type', '=', 'complaint')
      // A merged complaint is a repeat; one voided as invalid is nothing.
      .where((eb) => eb.or([eb('o.state', '!=', 'voided'), eb('o.merged_into_id', 'is not', null)]))
      .where('o.created_at', '>=', from)
      .where('o.created_at', '<', to)
      .orderBy('o.created_at')
      .orderBy('o.id')
      .execute();
    return rows.map(toCandidate);
  }

  /**
   * The orders registered since `since` in the township or at the place, as the cluster rules
   * read them: narrow rows (no join, no columns the rules do not read), the newest first and at
   * most RECENT_LIMIT from each. Registration runs this while it holds the day's number, and a
   * burst at one place (a thousand calls about one burst pipe) is when the check must stay cheap.
   * Only orders the rules may count are read: of the `types` that cluster, and not from the
   * caller's own phone as written (one caller calling again is a repeat, not a cluster; the rules
   * also leave out the same number written otherwise). A caller who rings about the same thing all
   * day no longer makes each new call read all of the earlier ones.
   */
  async clusterCandidates(
    probe: { townshipUnitId: number | null; placeKey: string; phone: string },
    types: readonly string[],
    since: string,
  ): Promise<ClusterCandidate[]> {
    const near = () =>
      this.db
        .selectFrom('work_orders as o')
        .select([
          'o.id',
          'o.type',
          'o.citizen_phone',
          'o.place_key',
          'o.township_unit_id',
          'o.repeat_text',
          'o.created_at',
          'o.cluster_id',
        ])
        .where('o.state', '!=', 'voided')
        .where('o.type', 'in', [...types])
        .where('o.citizen_phone', '!=', probe.phone)
        .where('o.created_at', '>=', since)
        .orderBy('o.created_at', 'desc')
        .limit(RECENT_LIMIT);
    // One statement, while the registration holds the day's number: each part newest first and
    // bounded, as two reads would be (an order in both parts comes twice and is kept once below).
    const parts = [];
    if (probe.townshipUnitId !== null)
      parts.push(near().where('o.township_unit_id', '=', probe.townshipUnitId));
    if (probe.placeKey !== '') parts.push(near().where('o.place_key', '=', probe.placeKey));
    const [first, second] = parts.map((part, i) => this.db.selectFrom(part.as(`part${i}`)).selectAll());
    if (first === undefined) return [];
    const rows = await (second ? first.unionAll(second) : first).execute();
    const byId = new Map<number, ClusterCandidate>();
    for (const r of rows)
      byId.set(r.id, {
        id: r.id,
        type: r.type,
        phone: r.citizen_phone,
        placeKey: r.place_key,
        townshipUnitId: r.township_unit_id,
        text: r.repeat_text,
        createdAt: r.created_at,
        clusterId: r.cluster_id,
      });
    return [...byId.values()];
  }

  async createCluster(values: {
    townshipUnitId: number | null;
    place: string;
    firstOrderId: number;
    orderCount: number;
    at: string;
  }): Promise<number> {
    const row = await this.db
      .insertInto('order_clusters')
      .values({
        township_unit_id: values.townshipUnitId,
        place: values.place,
        first_order_id: values.firstOrderId,
        order_count: values.orderCount,
        started_at: values.at,
        alerted_at: values.at,
        last_at: values.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async joinCluster(clusterId: number, orderIds: number[], at: string): Promise<void> {
    if (orderIds.length === 0) return;
    await this.db
      .updateTable('work_orders')
      .set({ cluster_id: clusterId })
      .where('id', 'in', orderIds)
      .execute();
    await this.db
      .updateTable('order_clusters')
      .set((eb) => ({ order_count: eb('order_count', '+', orderIds.length), last_at: at }))
      .where('id', '=', clusterId)
      .execute();
  }

  async cluster(id: number) {
    return this.db.selectFrom('order_clusters').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listClusters(since: string) {
    return this.db
      .selectFrom('order_clusters')
      .selectAll()
      .where('last_at', '>=', since)
      .orderBy('last_at', 'desc')
      .limit(100)
      .execute();
  }

  /**
   * A caller's orders by phone, newest first, within the actor's scope: a unit sees only the
   * orders it works or worked on.
   */
  async byPhone(phone: string, scope: OrderScope, limit: number): Promise<CallerOrderRow[]> {
    if (scope.kind === 'none') return [];
    let q = this.db
      .selectFrom('work_orders as o')
      .leftJoin('units as u', 'u.id', 'o.lead_unit_id')
      .select([
        'o.id',
        'o.code',
        'o.title',
        'o.type',
        'o.state',
        'o.created_at',
        'o.closed_at',
        'o.last_callback_result',
        'o.lead_unit_id',
        'u.name as lead_name',
        'o.citizen_name',
        'o.citizen_phone',
        'o.citizen_address',
        'o.channel',
        'o.confidential',
      ])
      .where('o.citizen_phone', '=', phone);
    if (scope.kind === 'unit') q = q.where(seenByUnit('o.id', scope.unitId));
    const rows = await q.orderBy('o.created_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      type: r.type,
      state: r.state,
      createdAt: r.created_at,
      closedAt: r.closed_at,
      lastCallbackResult: r.last_callback_result,
      leadUnitId: r.lead_unit_id,
      leadUnitName: r.lead_name,
      citizenName: r.citizen_name,
      citizenPhone: r.citizen_phone,
      citizenAddress: r.citizen_address,
      channel: r.channel,
      confidential: r.confidential,
    }));
  }
}

function toCandidate(r: {
  id: number;
  code: string;
  type: string;
  state: string;
  title: string;
  text: string;
  citizen_phone: string;
  place_key: string;
  township_unit_id: number | null;
  category_id: number | null;
  created_at: string;
  repeat_of_id: number | null;
  merged_into_id: number | null;
  cluster_id: number | null;
  lead_unit_id: number | null;
  lead_name: string | null;
}): RepeatCandidateRow {
  return {
    id: r.id,
    code: r.code,
    type: r.type,
    state: r.state,
    title: r.title,
    text: r.text,
    phone: r.citizen_phone,
    placeKey: r.place_key,
    townshipUnitId: r.township_unit_id,
    categoryId: r.category_id,
    createdAt: r.created_at,
    open: !FINAL_STATES.includes(r.state as (typeof FINAL_STATES)[number]),
    repeatOfId: r.repeat_of_id ?? r.merged_into_id,
    mergedIntoId: r.merged_into_id,
    clusterId: r.cluster_id,
    leadUnitId: r.lead_unit_id,
    leadUnitName: r.lead_name,
  };
}
