import type { Kysely } from 'kysely';

/**
 * What a registration key was sent with (a hash of the form): the same key sent again with
 * different content is another registration mistaken for a resend, refused instead of answered
 * with the first order. Keys kept from before have none and are taken as resends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registration_requests').addColumn('content_hash', 'text').execute();
}
