import { type Kysely, sql } from 'kysely';

/**
 * 签发 and 阅批 (notice 二(三), 四). A unit's replies are signed off by one of its leaders in
 * Huiyin unless the office switched the unit to a typed issuer with the signed scan attached
 * ('typed'); the draft waiting for a leader is kept on the order; the main leader's reading of a
 * leader-instructed or urgent order is recorded on it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('units')
    .addColumn('sign_off_mode', 'text', (c) => c.notNull().defaultTo(sql`'leader'`))
    .execute();
  await db.schema.alterTable('work_orders').addColumn('reply_draft', 'text').execute();
  await db.schema.alterTable('work_orders').addColumn('leader_read', 'text').execute();
}
