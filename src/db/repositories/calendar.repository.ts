import type { Kysely, Transaction } from 'kysely';
import type { CalendarDay, DayKind } from '../../domain/calendar.js';
import type { Database } from '../schema.js';

/** Work to do in the same transaction as a change (its audit entry). */
export type AlsoInTransaction = (trx: Transaction<Database>) => Promise<void>;

/** The source of a year built from the statutory days alone, before the State Council's notice. */
export const PROVISIONAL = 'provisional';

export class CalendarRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async years(): Promise<Array<{ year: number; source: string; updatedAt: string }>> {
    const rows = await this.db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
    return rows.map((r) => ({ year: Number(r.year), source: r.source, updatedAt: r.updated_at }));
  }

  async days(fromDate?: string, toDate?: string): Promise<CalendarDay[]> {
    let q = this.db.selectFrom('calendar_days').selectAll().orderBy('date');
    if (fromDate) q = q.where('date', '>=', fromDate);
    if (toDate) q = q.where('date', '<=', toDate);
    const rows = await q.execute();
    return rows.map((r) => ({ date: r.date, kind: r.kind as DayKind, name: r.name }));
  }

  /** Replaces a whole year in one transaction. */
  async replaceYear(
    year: number,
    days: CalendarDay[],
    source: string,
    now: Date,
    also?: AlsoInTransaction,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('calendar_days')
        .where('date', '>=', `${year}-01-01`)
        .where('date', '<=', `${year}-12-31`)
        .execute();
      for (let i = 0; i < days.length; i += 200) {
        await trx
          .insertInto('calendar_days')
          .values(days.slice(i, i + 200).map((d) => ({ date: d.date, kind: d.kind, name: d.name })))
          .execute();
      }
      await trx.deleteFrom('calendar_years').where('year', '=', year).execute();
      await trx
        .insertInto('calendar_years')
        .values({ year, source, updated_at: now.toISOString() })
        .execute();
      await also?.(trx);
    });
  }

  async setDay(day: CalendarDay, now: Date, also?: AlsoInTransaction): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('calendar_days')
        .set({ kind: day.kind, name: day.name })
        .where('date', '=', day.date)
        .execute();
      // A provisional year stays provisional when a day of it is switched: only the State
      // Council's arrangement, imported, makes it final.
      await trx
        .updateTable('calendar_years')
        .set((eb) => ({
          source: eb.case().when('source', '=', PROVISIONAL).then(PROVISIONAL).else('edited').end(),
          updated_at: now.toISOString(),
        }))
        .where('year', '=', Number(day.date.slice(0, 4)))
        .execute();
      await also?.(trx);
    });
  }
}
