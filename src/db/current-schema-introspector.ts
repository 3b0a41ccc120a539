import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  type Kysely,
  PostgresDialect,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

/**
 * PostgreSQL introspection limited to the connection's own schema (its `search_path`).
 *
 * Kysely's own introspector lists every schema of the database and resolves each one's name
 * (`has_schema_privilege(nspname, …)`, `pg_get_serial_sequence(…)`). When another schema is
 * dropped meanwhile — another county on the same server, a test file finishing — that lookup
 * fails with "schema … does not exist", and the migrator, which introspects before it runs,
 * fails with it. Huiyin only ever needs its own schema's tables, so that is all this reads.
 */
export class CurrentSchemaIntrospector implements DatabaseIntrospector {
  // biome-ignore lint/suspicious/noExplicitAny: introspection is the same for any schema type.
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string | null }>`select current_schema() as name`.execute(this.db);
    return rows.flatMap((r) => (r.name ? [{ name: r.name }] : []));
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const { rows } = await sql<{
      schema: string;
      table: string;
      is_view: boolean;
      column: string;
      data_type: string;
      data_type_schema: string;
      nullable: boolean;
      has_default: boolean;
      auto_incrementing: boolean;
    }>`
      select c.table_schema as schema, c.table_name as table, t.table_type = 'VIEW' as is_view,
             c.column_name as column, c.udt_name as data_type, c.udt_schema as data_type_schema,
             c.is_nullable = 'YES' as nullable,
             (c.column_default is not null or c.is_identity = 'YES') as has_default,
             (c.is_identity = 'YES' or coalesce(c.column_default like 'nextval(%', false)) as auto_incrementing
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema()
      order by c.table_name, c.ordinal_position`.execute(this.db);
    const internal = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);
    const tables = new Map<string, TableMetadata>();
    for (const r of rows) {
      if (!options.withInternalKyselyTables && internal.has(r.table)) continue;
      let table = tables.get(r.table);
      if (!table) {
        table = { name: r.table, schema: r.schema, isView: r.is_view, columns: [] };
        tables.set(r.table, table);
      }
      (table.columns as TableMetadata['columns'][number][]).push({
        name: r.column,
        dataType: r.data_type,
        dataTypeSchema: r.data_type_schema,
        isNullable: r.nullable,
        hasDefaultValue: r.has_default,
        isAutoIncrementing: r.auto_incrementing,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

/** PostgreSQL as Kysely speaks it, introspecting only the connection's own schema (see above). */
export class OwnSchemaPostgresDialect extends PostgresDialect {
  // biome-ignore lint/suspicious/noExplicitAny: as Kysely's Dialect declares it.
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
