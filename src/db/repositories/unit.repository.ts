import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Units: here only what the sign-off mode and the synonyms need (the older unit routes still query directly). */
export class UnitRepository {
  constructor(private readonly db: Kysely<Database>) {}

  with(db: Kysely<Database>): UnitRepository {
    return new UnitRepository(db);
  }

  find(id: number) {
    return this.db
      .selectFrom('units')
      .select(['id', 'name', 'kind', 'active', 'sign_off_mode', 'synonyms'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async setSignOffMode(id: number, mode: string): Promise<void> {
    await this.db.updateTable('units').set({ sign_off_mode: mode }).where('id', '=', id).execute();
  }

  async setSynonyms(id: number, synonyms: readonly string[]): Promise<void> {
    await this.db
      .updateTable('units')
      .set({ synonyms: synonyms.join('、') })
      .where('id', '=', id)
      .execute();
  }

  /** The units that handle orders (departments and townships), by id; active ones only if asked. */
  handling(activeOnly = false) {
    let q = this.db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('kind', 'in', ['department', 'township'])
      .orderBy('id');
    if (activeOnly) q = q.where('active', '=', 1);
    return q.execute();
  }
}
