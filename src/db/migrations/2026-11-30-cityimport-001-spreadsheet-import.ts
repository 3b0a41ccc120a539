import type { Kysely } from 'kysely';

/**
 * The city's order export imported from a spreadsheet (issue 10, item 6): the previews the
 * office looks at before confirming (kept server-side, so the confirmed import is exactly what
 * was previewed) and the column mappings it saved, keyed by the file's headers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('city_import_previews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // JSON: the header row and the data rows as read (so a changed mapping re-reads them).
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('cells', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    // JSON: each row's planned outcome (create, update, unchanged, refused and why).
    .addColumn('plan', 'text', (c) => c.notNull())
    // open → confirming → confirmed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('result', 'text')
    .execute();

  await db.schema
    .createTable('city_import_mappings')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'integer', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();
}
