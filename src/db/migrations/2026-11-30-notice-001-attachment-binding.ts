import type { Kysely } from 'kysely';

/**
 * A file that proves a request (the signed extension request, the faxed reply) is bound to that
 * request when it is used, so it cannot prove a later one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('attachments').addColumn('bound_to', 'text').execute();
}
