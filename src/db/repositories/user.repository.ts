import type { Insertable, Kysely } from 'kysely';
import type { Role } from '../../domain/roles.js';
import type { Database, UserRow, UsersTable } from '../schema.js';
import { replacePassword } from './password-history.repository.js';
import { changingAccounts, type RecipientRow, recipientDirectoryOf } from './recipient-directory.js';
import { SIGNED_IN_USER_COLUMNS, sessionUsersOf } from './session.repository.js';

type Db = Kysely<Database>;

export const parseRoles = (text: string): Role[] => JSON.parse(text) as Role[];

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  /** The account's latest sign-in, if it ever signed in (上次登录). */
  lastLogin(userId: number): Promise<{ at: string; ip: string | null } | undefined> {
    return this.db
      .selectFrom('last_logins')
      .select(['at', 'ip'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  /** This sign-in becomes the one the next shows as 上次登录. */
  async recordLogin(userId: number, at: Date, ip: string): Promise<void> {
    await this.db
      .insertInto('last_logins')
      .values({ user_id: userId, at: at.toISOString(), ip })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ at: at.toISOString(), ip }))
      .execute();
  }

  /**
   * Active users who may be notified, with what choosing among them needs: of one unit, or of
   * the whole county when null; only those holding `role` when given. Read from the kept
   * directory of active accounts (recipient-directory.ts), not the table, at each notice.
   */
  async activeRecipients(unitId: number | null, role?: Role): Promise<RecipientRow[]> {
    const rows = await recipientDirectoryOf(this.db).rows(() =>
      this.db
        .selectFrom('users')
        .select([
          'id',
          'name',
          'phone',
          'email',
          'roles',
          'liaison_slot',
          'away_from',
          'away_until',
          'unit_id',
        ])
        .where('active', '=', 1)
        .execute(),
    );
    return rows.filter(
      (u) =>
        (unitId === null || u.unit_id === unitId) &&
        (role === undefined || parseRoles(u.roles).includes(role)),
    );
  }

  all(): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().execute();
  }

  /** Writes new accounts in batches of 50 (SQLite's limit on a statement's parameters). */
  async insertMany(rows: Insertable<UsersTable>[]): Promise<void> {
    await changingAccounts(this.db, async () => {
      for (let i = 0; i < rows.length; i += 50)
        await this.db
          .insertInto('users')
          .values(rows.slice(i, i + 50))
          .execute();
    });
  }

  findById(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  sessionUserById(id: number) {
    return this.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select([
        ...SIGNED_IN_USER_COLUMNS,
        'units.name as unit_name',
        'units.kind as unit_kind',
        'users.phone',
      ])
      .where('users.id', '=', id)
      .executeTakeFirstOrThrow();
  }

  /**
   * The user's own new password, set at `at` (the replaced one goes to the history), in place of
   * the password whose hash is `replacing`; false, and nothing written, when that is no longer the
   * account's password (another change came first).
   */
  setPassword(db: Db, userId: number, hash: string, at: Date, replacing: string): Promise<boolean> {
    return replacePassword(db, userId, hash, { oneTime: false, at, replacing });
  }

  async setPendingTotp(userId: number, secret: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ totp_pending_secret: secret })
      .where('id', '=', userId)
      .execute();
  }

  /** Puts the confirmed secret in use; the step that confirmed it counts as used. */
  async enableTotp(
    db: Db,
    userId: number,
    secret: string,
    at: string,
    recoveryHashes: string[],
    confirmedStep: number,
  ) {
    sessionUsersOf(this.db).forgetUser(userId);
    await db
      .updateTable('users')
      .set({
        totp_secret: secret,
        totp_pending_secret: null,
        totp_enabled_at: at,
        totp_last_step: confirmedStep,
        recovery_codes: JSON.stringify(recoveryHashes),
      })
      .where('id', '=', userId)
      .execute();
  }

  async clearTotp(db: Db, userId: number) {
    sessionUsersOf(this.db).forgetUser(userId);
    await db
      .updateTable('users')
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, recovery_codes: null })
      .where('id', '=', userId)
      .execute();
  }

  /** Accepts a TOTP step once: false when this or a later step was already used (a replayed code). */
  async claimTotpStep(userId: number, step: number): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Uses up one recovery code: false when it was not among the unused ones (or another request took it). */
  async spendRecoveryCode(userId: number, stored: string, remaining: string[]): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ recovery_codes: JSON.stringify(remaining) })
      .where('id', '=', userId)
      .where('recovery_codes', '=', stored)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
