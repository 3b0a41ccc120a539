import type { Kysely, Transaction } from 'kysely';
import type { Database, SavedViewRow } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export type SavedViewWithOwner = SavedViewRow & { owner_name: string };
export type SavedViewFields = Pick<SavedViewRow, 'name' | 'query' | 'shared'>;

/** Saved views of the order lists and each user's home view (one aggregate: a user's views). */
export class SavedViewRepository {
  constructor(private readonly db: Executor) {}

  transaction<T>(work: (repo: SavedViewRepository) => Promise<T>): Promise<T> {
    return (this.db as Kysely<Database>).transaction().execute((trx) => work(new SavedViewRepository(trx)));
  }

  private withOwner() {
    return this.db
      .selectFrom('saved_views as v')
      .innerJoin('users as u', 'u.id', 'v.owner_user_id')
      .selectAll('v')
      .select('u.name as owner_name');
  }

  /** The user's own views and those shared with their unit, own first, then by name. */
  visible(userId: number, unitId: number, list: string): Promise<SavedViewWithOwner[]> {
    return this.withOwner()
      .where('v.list', '=', list)
      .where((eb) =>
        eb.or([
          eb('v.owner_user_id', '=', userId),
          eb.and([eb('v.shared', '=', 'unit'), eb('v.owner_unit_id', '=', unitId)]),
        ]),
      )
      .orderBy('v.name')
      .orderBy('v.id')
      .execute();
  }

  get(id: number): Promise<SavedViewWithOwner | undefined> {
    return this.withOwner().where('v.id', '=', id).executeTakeFirst();
  }

  async nameTaken(ownerUserId: number, list: string, name: string, exceptId = 0): Promise<boolean> {
    const row = await this.db
      .selectFrom('saved_views')
      .select('id')
      .where('owner_user_id', '=', ownerUserId)
      .where('list', '=', list)
      .where('name', '=', name)
      .where('id', '!=', exceptId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insert(
    view: SavedViewFields & { owner_user_id: number; owner_unit_id: number; list: string },
    at: string,
  ): Promise<number> {
    const row = await this.db
      .insertInto('saved_views')
      .values({ ...view, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Changes the view if it is still at `version`; false when someone changed it first. */
  async update(id: number, version: number, fields: SavedViewFields, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('saved_views')
      .set({ ...fields, updated_at: at, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Deletes the view if it is still at `version`, and every home that pointed to it. */
  async delete(id: number, version: number): Promise<boolean> {
    const r = await this.db
      .deleteFrom('saved_views')
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    await this.db.deleteFrom('saved_view_homes').where('view_id', '=', id).execute();
    return true;
  }

  async homeOf(userId: number, list: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('saved_view_homes')
      .select('view_id')
      .where('user_id', '=', userId)
      .where('list', '=', list)
      .executeTakeFirst();
    return row ? row.view_id : null;
  }

  async setHome(userId: number, list: string, viewId: number | null): Promise<void> {
    await this.db
      .deleteFrom('saved_view_homes')
      .where('user_id', '=', userId)
      .where('list', '=', list)
      .execute();
    if (viewId !== null)
      await this.db
        .insertInto('saved_view_homes')
        .values({ user_id: userId, list, view_id: viewId })
        .execute();
  }
}
