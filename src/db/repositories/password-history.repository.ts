import type { Kysely } from 'kysely';
import { PASSWORD_HISTORY } from '../../domain/login-security.js';
import type { Database } from '../schema.js';
import { sessionUsersOf } from './session.repository.js';

type Db = Kysely<Database>;

/**
 * Sets an account's password (in the caller's transaction, `db`) and when it was set. A password
 * the user chose (not a one-time one, which nobody picks) goes to the history as it is replaced,
 * whether by the user or by an administrator's reset, so the user cannot choose it again soon.
 *
 * The account's row is written first: on PostgreSQL that update holds the row until commit, so a
 * second change of the same account waits for the first (SQLite runs one write transaction at a
 * time). With `replacing`, the hash the caller checked the change against (the current password,
 * the history), the row is only written while it still holds that hash: a change committed in
 * between replaced it (and the history with it), and this one writes nothing and answers false.
 */
export async function replacePassword(
  db: Db,
  userId: number,
  hash: string,
  options: { oneTime: boolean; at: Date; replacing?: string },
): Promise<boolean> {
  sessionUsersOf(db).forgetUser(userId);
  const at = options.at.toISOString();
  let claim = db.updateTable('users').set({ password_set_at: at }).where('id', '=', userId);
  if (options.replacing !== undefined) claim = claim.where('password_hash', '=', options.replacing);
  if (Number((await claim.executeTakeFirst()).numUpdatedRows) === 0) return false;
  const old = await db
    .selectFrom('users')
    .select(['password_hash', 'must_change_password'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (old.must_change_password === 0)
    await new PasswordHistoryRepository(db).keep(userId, old.password_hash, at);
  await db
    .updateTable('users')
    .set({ password_hash: hash, must_change_password: options.oneTime ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
  return true;
}

/** The hashes of the passwords users chose before their current ones. */
export class PasswordHistoryRepository {
  constructor(private readonly db: Db) {}

  /** The user's `n` most recently replaced passwords' hashes, newest first. */
  async recent(userId: number, n: number): Promise<string[]> {
    if (n <= 0) return [];
    const rows = await this.db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(n)
      .execute();
    return rows.map((r) => r.password_hash);
  }

  /** Keeps a replaced password; no more are kept per user than the largest history the settings allow. */
  async keep(userId: number, hash: string, at: string): Promise<void> {
    await this.db
      .insertInto('password_history')
      .values({ user_id: userId, password_hash: hash, replaced_at: at })
      .execute();
    const kept = this.db
      .selectFrom('password_history')
      .select('id')
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(PASSWORD_HISTORY.max);
    await this.db
      .deleteFrom('password_history')
      .where('user_id', '=', userId)
      .where('id', 'not in', kept)
      .execute();
  }
}
