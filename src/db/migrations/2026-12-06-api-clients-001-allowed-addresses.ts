import type { Kysely } from 'kysely';

/**
 * The addresses an API client may call from (src/domain/address-allowlist.ts): a JSON array of
 * addresses and networks; the empty array, every existing client's value, allows any address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_clients')
    .addColumn('allowed_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
