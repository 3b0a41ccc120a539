import { type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { CategoriesTable, CategoryRow, Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;
export interface CategoryLevels {
  level1: string;
  level2: string;
  level3: string;
}

/** The request classification's rows. */
export class CategoryRepository {
  constructor(private readonly db: Executor) {}

  /** Runs the work in one transaction; `trx` is for the audit entry that goes with the change. */
  transaction<T>(work: (repo: CategoryRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => work(new CategoryRepository(trx), trx));
  }

  list(includeInactive: boolean): Promise<CategoryRow[]> {
    let q = this.db.selectFrom('categories').selectAll().orderBy('id');
    if (!includeInactive) q = q.where('active', '=', 1);
    return q.execute();
  }

  /** Whether any category exists (the reference data is loaded once). */
  async any(): Promise<boolean> {
    return (await this.db.selectFrom('categories').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  /** Loads categories in batches of 100 (SQLite's limit on a statement's parameters). */
  async insertMany(rows: Array<CategoryLevels & { synonyms: string }>): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) {
      await this.db
        .insertInto('categories')
        .values(rows.slice(i, i + 100).map((r) => ({ ...r, active: 1 })))
        .execute();
    }
  }

  get(id: number): Promise<CategoryRow | undefined> {
    return this.db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
  }

  idOf(levels: CategoryLevels): Promise<{ id: number } | undefined> {
    return this.db
      .selectFrom('categories')
      .select('id')
      .where('level1', '=', levels.level1)
      .where('level2', '=', levels.level2)
      .where('level3', '=', levels.level3)
      .executeTakeFirst();
  }

  insert(levels: CategoryLevels): Promise<CategoryRow> {
    return this.db
      .insertInto('categories')
      .values({ ...levels, active: 1 })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * Every edit raises the category's version and is written only over `expected` (the version the
   * form was opened on, or the one just read); the row after, or undefined when nothing was written.
   */
  update(
    id: number,
    levels: CategoryLevels,
    active: boolean,
    expected: number,
  ): Promise<CategoryRow | undefined> {
    return this.edit(id, { ...levels, active: active ? 1 : 0 }, expected);
  }

  /** Sets the office's synonyms of a category (as update). */
  setSynonyms(id: number, synonyms: readonly string[], expected: number): Promise<CategoryRow | undefined> {
    return this.edit(id, { synonyms: synonyms.join('、') }, expected);
  }

  private edit(id: number, values: Updateable<CategoriesTable>, expected: number) {
    return this.db
      .updateTable('categories')
      .set({ ...values, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', expected)
      .returningAll()
      .executeTakeFirst();
  }

  /** The categories in use, with their three levels (to find one by the name a file gives it). */
  async active() {
    return this.db
      .selectFrom('categories')
      .select(['id', 'level1', 'level2', 'level3'])
      .where('active', '=', 1)
      .execute();
  }
}
