import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, UserRow } from '../schema.js';
import { replacePassword } from './password-history.repository.js';
import { changingAccounts } from './recipient-directory.js';
import { sessionUsersOf } from './session.repository.js';

type Executor = Kysely<Database> | Transaction<Database>;
export type UserListRow = UserRow & { unit_name: string };
export type UserColumns = Pick<
  UserRow,
  | 'username'
  | 'name'
  | 'unit_id'
  | 'roles'
  | 'phone'
  | 'email'
  | 'active'
  | 'liaison_slot'
  | 'away_from'
  | 'away_until'
  | 'away_note'
>;

/** Accounts as the administrators manage them (the login side lives in user.repository.ts). */
export class UserAdminRepository {
  constructor(private readonly db: Executor) {}

  with(trx: Transaction<Database>): UserAdminRepository {
    return new UserAdminRepository(trx);
  }

  /** Runs the work in one transaction; `trx` is for the audit entry that goes with the change. */
  transaction<T>(work: (repo: UserAdminRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return (this.db as Kysely<Database>).transaction().execute((trx) => work(this.with(trx), trx));
  }

  list(id?: number): Promise<UserListRow[]> {
    let q = this.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .selectAll('users')
      .select('units.name as unit_name')
      .orderBy('users.unit_id')
      .orderBy('users.id');
    if (id) q = q.where('users.id', '=', id);
    return q.execute();
  }

  unit(id: number) {
    return this.db.selectFrom('units').select(['kind', 'name']).where('id', '=', id).executeTakeFirst();
  }

  idOfUsername(username: string) {
    return this.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  }

  async insert(columns: UserColumns, passwordHash: string, now: Date): Promise<number> {
    const row = await changingAccounts(this.db, () =>
      this.db
        .insertInto('users')
        .values({
          ...columns,
          password_hash: passwordHash,
          // The first login asks the user to replace the password the administrator chose.
          must_change_password: 1,
          password_set_at: now.toISOString(),
          created_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    return Number(row.id);
  }

  /** Raises the account's version; written only over `expected` when given. False when nothing was written. */
  async update(id: number, columns: UserColumns, expected?: number): Promise<boolean> {
    sessionUsersOf(this.db).forgetUser(id);
    const r = await changingAccounts(this.db, () => {
      let q = this.db
        .updateTable('users')
        .set({ ...columns, version: sql`version + 1` })
        .where('id', '=', id);
      if (expected !== undefined) q = q.where('version', '=', expected);
      return q.executeTakeFirst();
    });
    return Number(r.numUpdatedRows) > 0;
  }

  async setActive(id: number, active: boolean): Promise<void> {
    sessionUsersOf(this.db).forgetUser(id);
    await changingAccounts(this.db, () =>
      this.db
        .updateTable('users')
        .set({ active: active ? 1 : 0 })
        .where('id', '=', id)
        .execute(),
    );
  }

  /** A one-time password from an administrator: the user must replace it at the next sign-in. */
  async setPassword(id: number, passwordHash: string, now: Date): Promise<void> {
    await replacePassword(this.db, id, passwordHash, { oneTime: true, at: now });
  }

  /** The second factor forgotten (a lost phone): the next sign-in enrols a new one if the role needs it. */
  async clearTotp(id: number): Promise<void> {
    sessionUsersOf(this.db).forgetUser(id);
    await this.db
      .updateTable('users')
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, recovery_codes: null })
      .where('id', '=', id)
      .execute();
  }

  async endSessions(userId: number): Promise<void> {
    sessionUsersOf(this.db).forgetUser(userId);
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }
}
