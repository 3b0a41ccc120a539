import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * The knowledge base (issue 12): entries owned by units, every version kept with its status
 * and the office's decision; and, on the order, the version the office answered a consultation
 * from on the spot (直办), which the figures count apart.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await withId(db.schema.createTable('knowledge_entries'))
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
    .addColumn('current_version_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('knowledge_entries_owner')
    .on('knowledge_entries')
    .column('owner_unit_id')
    .execute();

  await withId(db.schema.createTable('knowledge_versions'))
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer')
    .addColumn('source_document', 'text', (c) => c.notNull())
    .addColumn('source_date', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('proposed_by', 'integer')
    .addColumn('proposed_by_name', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addUniqueConstraint('knowledge_versions_entry_no', ['entry_id', 'version_no'])
    .execute();
  await db.schema
    .createIndex('knowledge_versions_status')
    .on('knowledge_versions')
    .columns(['status', 'entry_id'])
    .execute();

  await db.schema.alterTable('work_orders').addColumn('answered_on_spot_version_id', 'integer').execute();
}
