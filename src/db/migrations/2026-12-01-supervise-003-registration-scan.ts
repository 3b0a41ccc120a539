import type { Kysely } from 'kysely';

/**
 * The stamped registration form (登记表, the notice's annex: 「加盖公章后,通过传真及时报县市民服务
 * 热线办公室」): a file uploaded for one unit's registration (no order), and, on the registration,
 * the scan that backed its latest filing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('attachments').addColumn('for_unit_id', 'integer').execute();
  await db.schema.alterTable('unit_registrations').addColumn('scan_attachment_id', 'integer').execute();
}
