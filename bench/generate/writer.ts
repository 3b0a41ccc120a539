import { CompiledQuery, type Kysely } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import type { Database } from '../../src/db/schema.js';

/**
 * Batched multi-row inserts through Kysely, skipping the query builder (its per-value AST costs
 * more than the insert itself at millions of rows): SQLite gets `VALUES (…),(…)` statements of
 * up to 32k parameters; PostgreSQL gets one `unnest` of arrays per column, a handful of
 * parameters however many rows.
 */
export type ColumnType = 'int' | 'text';

export interface TableSpec {
  name: string;
  columns: readonly string[];
  types: readonly ColumnType[];
}

const SQLITE_MAX_PARAMS = 32_000;

export class BulkWriter {
  private readonly sqlCache = new Map<string, string>();
  constructor(private readonly db: Db) {}

  async insert(executor: Kysely<Database>, table: TableSpec, rows: unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    if (this.db.dialect === 'postgres') {
      const columns = table.columns.map((_, i) => rows.map((r) => r[i] ?? null));
      await executor.executeQuery(CompiledQuery.raw(this.pgSql(table), columns));
      return;
    }
    const perStatement = Math.floor(SQLITE_MAX_PARAMS / table.columns.length);
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      await executor.executeQuery(CompiledQuery.raw(this.sqliteSql(table, chunk.length), chunk.flat()));
    }
  }

  private pgSql(table: TableSpec): string {
    const key = `pg:${table.name}`;
    let text = this.sqlCache.get(key);
    if (!text) {
      const arrays = table.types.map((t, i) => `$${i + 1}::${t === 'int' ? 'int8' : 'text'}[]`).join(', ');
      text = `insert into ${table.name} (${table.columns.join(', ')}) select * from unnest(${arrays})`;
      this.sqlCache.set(key, text);
    }
    return text;
  }

  private sqliteSql(table: TableSpec, rows: number): string {
    const key = `sqlite:${table.name}:${rows}`;
    let text = this.sqlCache.get(key);
    if (!text) {
      const tuple = `(${table.columns.map(() => '?').join(',')})`;
      text = `insert into ${table.name} (${table.columns.join(', ')}) values ${Array(rows).fill(tuple).join(',')}`;
      this.sqlCache.set(key, text);
    }
    return text;
  }
}
