import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { SessionCache } from './session-cache.js';

/** Who a signed-in user is, as every request and the account page need it. */
export const SIGNED_IN_USER_COLUMNS = [
  'users.id',
  'users.name',
  'users.username',
  'users.unit_id',
  'users.roles',
  'users.must_change_password',
  'users.password_set_at',
  'users.totp_enabled_at',
] as const;

type Db = Kysely<Database>;

export interface SessionUser {
  id: number;
  name: string;
  username: string;
  unit_id: number;
  roles: string;
  active: number;
  must_change_password: number;
  password_set_at: string;
  totp_enabled_at: string | null;
  created_at: string;
  last_seen_at: string | null;
  expires_at: string;
}

const caches = new WeakMap<object, SessionCache<SessionUser>>();

/**
 * A database's cache of signed-in users by session (see session-cache.ts for why it is safe). One
 * per database, not per process: a process can hold several (the tests do), and forgetting user 3
 * of one must not touch user 3 of another. Keyed by the Kysely adapter, which a database's
 * transactions and plugin views share and another Kysely instance never does.
 */
export function sessionUsersOf(db: Kysely<Database>): SessionCache<SessionUser> {
  const key = db.getExecutor().adapter;
  let cache = caches.get(key);
  if (!cache) {
    cache = new SessionCache<SessionUser>();
    caches.set(key, cache);
  }
  return cache;
}

/** The sign-in before a session's: when and from where (null: none), and failures since it. */
export interface PreviousLogin {
  at: string | null;
  ip: string | null;
  failedAttempts: number;
}

/** Sessions (stored by the hash of their token) and the failed sign-ins the lockout counts. */
export class SessionRepository {
  private readonly sessionUsers: SessionCache<SessionUser>;

  constructor(private readonly db: Db) {
    this.sessionUsers = sessionUsersOf(db);
  }

  async create(s: {
    id: string;
    userId: number;
    now: Date;
    expires: Date;
    ip: string;
    userAgent: string;
    /** The account's sign-in before this one and the failed attempts since (上次登录). */
    previous: PreviousLogin;
  }) {
    const at = s.now.toISOString();
    await this.db
      .insertInto('sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        created_at: at,
        last_seen_at: at,
        expires_at: s.expires.toISOString(),
        ip: s.ip,
        user_agent: s.userAgent,
        previous_login_at: s.previous.at,
        previous_login_ip: s.previous.ip,
        failed_logins_before: s.previous.failedAttempts,
      })
      .execute();
  }

  /**
   * The session with its user, if it exists and its absolute end has not passed (idle is the
   * caller's rule); from the cache when it was read a moment ago.
   */
  async signedIn(id: string, now: Date): Promise<SessionUser | undefined> {
    const cached = this.sessionUsers.get(id);
    if (cached) return cached.expires_at > now.toISOString() ? cached : undefined;
    const row = await this.withUser(id, now);
    if (row) this.sessionUsers.set(id, row.id, row);
    return row;
  }

  /** The session with its user, if it exists and its absolute end has not passed (idle is the caller's rule). */
  withUser(id: string, now: Date): Promise<SessionUser | undefined> {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        ...SIGNED_IN_USER_COLUMNS,
        'users.active',
        'sessions.created_at',
        'sessions.last_seen_at',
        'sessions.expires_at',
      ])
      .where('sessions.id', '=', id)
      .where('sessions.expires_at', '>', now.toISOString())
      .executeTakeFirst();
  }

  async touch(id: string, now: Date) {
    const cached = this.sessionUsers.get(id);
    if (cached) cached.last_seen_at = now.toISOString();
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  ofUser(userId: number) {
    return this.db
      .selectFrom('sessions')
      .select([
        'id',
        'created_at',
        'last_seen_at',
        'expires_at',
        'ip',
        'user_agent',
        'previous_login_at',
        'previous_login_ip',
        'failed_logins_before',
      ])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Deletes the sessions whose absolute end has passed (a read refuses them already); returns how many. */
  async deleteEnded(now: Date): Promise<number> {
    const r = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now.toISOString())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async endById(id: string): Promise<boolean> {
    this.sessionUsers.forgetSession(id);
    const r = await this.db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Ends one session of a user (false when it is not theirs or already gone). */
  async end(db: Db, userId: number, id: string): Promise<boolean> {
    this.sessionUsers.forgetSession(id);
    const r = await db
      .deleteFrom('sessions')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Ends every session of a user but one; returns the ended ones' ids. */
  async endOthers(db: Db, userId: number, keep: string | null): Promise<string[]> {
    let q = db.selectFrom('sessions').select('id').where('user_id', '=', userId);
    if (keep) q = q.where('id', '!=', keep);
    const ids = (await q.execute()).map((r) => r.id);
    for (const id of ids) this.sessionUsers.forgetSession(id);
    if (ids.length > 0) await db.deleteFrom('sessions').where('id', 'in', ids).execute();
    return ids;
  }

  async recordFailure(username: string, ip: string, now: Date) {
    await this.db.insertInto('login_failures').values({ username, ip, at: now.toISOString() }).execute();
  }

  async failuresSince(username: string, since: Date): Promise<number> {
    const r = await this.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username', '=', username)
      .where('at', '>', since.toISOString())
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async clearFailures(username: string, before: Date) {
    await this.db
      .deleteFrom('login_failures')
      .where((eb) => eb.or([eb('username', '=', username), eb('at', '<', before.toISOString())]))
      .execute();
  }
}
