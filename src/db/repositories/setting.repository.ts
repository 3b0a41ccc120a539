import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Settings: one JSON value per key (the service knows each key's shape and defaults). */
export class SettingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The stored JSON text, or undefined when the key was never set. */
  async get(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async put(key: string, value: string, updatedAt: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value, updated_at: updatedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: updatedAt }))
      .execute();
  }
}
