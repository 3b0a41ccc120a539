import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Bulletins the city government issued about the county (被市政府通报): the bulletin, the work
 * orders it names, and each unit concerned with the accountability decided (追究责任). The
 * bulletin's date is copied onto each unit row, so the figures count by it with one query.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await withId(db.schema.createTable('city_bulletins'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('matter', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('city_bulletins_issued').on('city_bulletins').column('issued_on').execute();

  await db.schema
    .createTable('city_bulletin_orders')
    .addColumn('bulletin_id', 'integer', (c) => c.notNull().references('city_bulletins.id'))
    .addColumn('order_id', 'integer', (c) => c.notNull().references('work_orders.id'))
    .addPrimaryKeyConstraint('city_bulletin_orders_pk', ['bulletin_id', 'order_id'])
    .execute();

  await db.schema
    .createTable('city_bulletin_units')
    .addColumn('bulletin_id', 'integer', (c) => c.notNull().references('city_bulletins.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('measure', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('city_bulletin_units_pk', ['bulletin_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('city_bulletin_units_unit')
    .on('city_bulletin_units')
    .columns(['unit_id', 'issued_on'])
    .execute();
}
