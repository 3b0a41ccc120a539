import { type Kysely, sql } from 'kysely';
import { normalisePhone } from '../../domain/citizen-phone.js';

/**
 * Callers' phones in one written form (domain/citizen-phone.ts): 133-3896-0214 and
 * +8613338960214 were stored as typed, and lookups by phone (caller's history, repeats,
 * clusters, search) compare the stored text, so they missed the same caller's other orders.
 * Only rows that may not be in that form are read (a hyphen, space, +, bracket, a leading 0 or
 * 86, or not 11 characters), a page at a time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const k = db as Kysely<{ work_orders: { id: number; citizen_phone: string } }>;
  let after = 0;
  for (;;) {
    const rows = await k
      .selectFrom('work_orders')
      .select(['id', 'citizen_phone'])
      .where('id', '>', after)
      .where(
        sql<boolean>`(citizen_phone like '%-%' or citizen_phone like '% %' or citizen_phone like '%+%'
          or citizen_phone like '%(%' or citizen_phone like '0%' or citizen_phone like '86%'
          or length(citizen_phone) <> 11)`,
      )
      .orderBy('id')
      .limit(2000)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const phone = normalisePhone(row.citizen_phone);
      if (phone !== row.citizen_phone) {
        await k.updateTable('work_orders').set({ citizen_phone: phone }).where('id', '=', row.id).execute();
      }
    }
    after = rows[rows.length - 1]?.id ?? after;
  }
}
