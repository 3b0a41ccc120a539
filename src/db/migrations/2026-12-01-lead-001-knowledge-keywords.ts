import type { Kysely } from 'kysely';

/**
 * The words callers use for a knowledge entry that its title and text do not contain
 * (「吃低保」 for 最低生活保障, 「独生子女费」 for 独生子女父母奖励扶助): searched like the title.
 * Stored joined by 「、」, as the unit synonyms are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('knowledge_versions')
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}
