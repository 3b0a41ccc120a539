import type { Kysely } from 'kysely';
import { CityBulletinRepository } from '../../db/repositories/city-bulletin.repository.js';
import type { Database } from '../../db/schema.js';
import {
  type AccountabilityMeasure,
  type CityBulletinCounts,
  cityBulletinCountsByUnit,
} from '../../domain/city-bulletin.js';
import type { Period } from '../../domain/figures.js';

/** Per unit, the period's 被市政府通报 and accountability measures (unit figures, ranking, bulletin). */
export async function cityBulletinCounts(
  db: Kysely<Database>,
  period: Period,
): Promise<Map<number, CityBulletinCounts>> {
  const rows = await new CityBulletinRepository(db).namedUnits(period.from, period.to);
  return cityBulletinCountsByUnit(
    rows.map((r) => ({
      issuedOn: r.issued_on,
      unitId: r.unit_id,
      measure: r.measure as AccountabilityMeasure | null,
    })),
    period,
  );
}
