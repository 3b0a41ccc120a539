import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** The request classification's rows. */
export class CategoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Sets the office's synonyms of a category; false when there is no such category. */
  async setSynonyms(id: number, synonyms: readonly string[]): Promise<boolean> {
    const r = await this.db
      .updateTable('categories')
      .set({ synonyms: synonyms.join('、') })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async get(id: number) {
    return this.db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
