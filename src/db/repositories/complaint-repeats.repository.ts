import { type Kysely, sql } from 'kysely';
import { type RepeatSettings, repeatedComplaints } from '../../domain/repeats.js';
import type { Database } from '../schema.js';
import { RepeatRepository } from './repeat.repository.js';

const DAY_MS = 86_400_000;
/** Verdicts are written this many at a time (SQLite's limit on bound values). */
const BATCH = 500;

/** The settings as stored beside the verdicts: the same settings always give the same string. */
export const basisOf = (s: RepeatSettings) =>
  JSON.stringify({ windowDays: s.windowDays, minSimilarity: s.minSimilarity });

/**
 * Each complaint's stored 「重复投诉」 verdict (migration 2026-12-01-summaries-002): only the
 * complaints that repeat one are stored, with the unit they count against. Triggers queue the
 * registration instant of every complaint registered or changed in a way the rule reads
 * (complaint_repeats_stale); `refresh` recomputes the verdicts that instant can change (the
 * complaints of the window after it), with the domain's rule, and empties the queue.
 */
export class ComplaintRepeatsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The settings the stored verdicts follow, or null before any were computed. */
  async basis(): Promise<string | null> {
    const row = await this.db
      .selectFrom('complaint_repeats_basis')
      .select('settings')
      .where('id', '=', 1)
      .executeTakeFirst();
    return row?.settings ?? null;
  }

  /** Stored repeat complaints registered in [start, end), per unit. */
  async countByUnit(start: string, end: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('complaint_repeats')
      .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .where('unit_id', 'is not', null)
      .groupBy('unit_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.unit_id), Number(r.n)]));
  }

  /**
   * Recomputes the verdicts the queued changes can move: a change at instant t can change the
   * verdict of the complaints registered in [t, t + window]. Removes only the queue entries it
   * read, so a change committed meanwhile stays queued.
   */
  async refresh(settings: RepeatSettings): Promise<void> {
    const queued = await this.db.selectFrom('complaint_repeats_stale').select(['id', 'at']).execute();
    if (queued.length === 0) return;
    const span = settings.windowDays * DAY_MS;
    const ranges: Array<[number, number]> = [];
    for (const t of queued.map((q) => Date.parse(q.at)).sort((a, b) => a - b)) {
      const last = ranges.at(-1);
      if (last && t <= last[1]) last[1] = Math.max(last[1], t + span + 1);
      else ranges.push([t, t + span + 1]);
    }
    for (const [from, to] of ranges) await this.recomputeMonthly(from, to, settings);
    const ids = queued.map((q) => q.id);
    for (let i = 0; i < ids.length; i += BATCH)
      await this.db
        .deleteFrom('complaint_repeats_stale')
        .where('id', 'in', ids.slice(i, i + BATCH))
        .execute();
  }

  /**
   * Recomputes every verdict under `settings`, a month at a time, then records them as the
   * basis. Returns the number of repeat complaints stored.
   */
  async recomputeAll(settings: RepeatSettings): Promise<number> {
    const span = await this.db
      .selectFrom('work_orders')
      .select([(eb) => eb.fn.min('created_at').as('first'), (eb) => eb.fn.max('created_at').as('last')])
      .where('type', '=', 'complaint')
      .executeTakeFirst();
    const stored =
      span?.first && span.last
        ? await this.recomputeMonthly(
            Date.parse(span.first as string),
            Date.parse(span.last as string) + 1,
            settings,
          )
        : 0;
    await this.db
      .insertInto('complaint_repeats_basis')
      .values({ id: 1, settings: basisOf(settings) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings: basisOf(settings) }))
      .execute();
    return stored;
  }

  /** recompute over [start, end) (epoch ms), 30 days at a time: a month of complaints fits in memory. */
  private async recomputeMonthly(start: number, end: number, settings: RepeatSettings): Promise<number> {
    let stored = 0;
    for (let from = start; from < end; from += 30 * DAY_MS) {
      const to = Math.min(end, from + 30 * DAY_MS);
      stored += await this.recompute(new Date(from).toISOString(), new Date(to).toISOString(), settings);
    }
    return stored;
  }

  /** Replaces the verdicts of the complaints registered in [from, to) by the rule's. */
  private async recompute(from: string, to: string, settings: RepeatSettings): Promise<number> {
    const since = new Date(Date.parse(from) - settings.windowDays * DAY_MS).toISOString();
    const rows = await new RepeatRepository(this.db).complaintsBetween(since, to);
    const values: Array<{ order_id: number; created_at: string; repeat_of_id: number; unit_id: null }> = [];
    const createdAt = new Map(rows.map((r) => [r.id, r.createdAt]));
    for (const [orderId, repeated] of repeatedComplaints(rows, from, settings)) {
      const at = createdAt.get(orderId);
      if (repeated && at && at < to)
        values.push({ order_id: orderId, created_at: at, repeat_of_id: repeated.id, unit_id: null });
    }
    // In one transaction (the migration's own when it backfills), so a reader never sees a range half written.
    const inTransaction = (write: (tx: Kysely<Database>) => Promise<void>) =>
      this.db.isTransaction ? write(this.db) : this.db.transaction().execute(write);
    await inTransaction(async (tx) => {
      await tx
        .deleteFrom('complaint_repeats')
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .execute();
      for (let i = 0; i < values.length; i += BATCH)
        await tx
          .insertInto('complaint_repeats')
          .values(values.slice(i, i + BATCH))
          .onConflict((oc) =>
            oc.column('order_id').doUpdateSet((eb) => ({
              created_at: eb.ref('excluded.created_at'),
              repeat_of_id: eb.ref('excluded.repeat_of_id'),
            })),
          )
          .execute();
      // The unit, as the lead-unit trigger keeps it: read in this transaction, not from `rows`.
      await sql`update complaint_repeats set unit_id = ${sql.raw(UNIT_OF_VERDICT)}
        where created_at >= ${from} and created_at < ${to}`.execute(tx);
    });
    return values.length;
  }
}

/** The unit a stored repeat counts against: its lead unit, else that of the complaint it repeats. */
export const UNIT_OF_VERDICT = `coalesce(
  (select o.lead_unit_id from work_orders o where o.id = complaint_repeats.order_id),
  (select r.lead_unit_id from work_orders r where r.id = complaint_repeats.repeat_of_id))`;
