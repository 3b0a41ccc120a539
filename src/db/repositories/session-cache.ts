/**
 * The signed-in user of each session, remembered for a moment so a request does not read the
 * sessions and users tables again (a user's clicks come in bursts: an action, then its lists).
 *
 * Safe because every change that could alter the answer goes through the session and user
 * repositories, which forget the session or every session of the user at once (sign-out, a
 * session ended, password changed, account edited: roles, unit, active; second factor on or
 * off). A change made in a transaction that commits later, or by another server process, is
 * covered by the short lifetime: an entry lives TTL_MS at most, and a session or user forgotten
 * in the last BLOCK_MS is not cached again (so a read racing a not-yet-committed change is not
 * kept). What the cached row is checked against (the session's absolute end, the idle limit,
 * the clock) is checked on every request, as before.
 */
const TTL_MS = 2_000;
const BLOCK_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Cached<T> {
  row: T;
  userId: number;
  until: number;
}

export class SessionCache<T> {
  private readonly entries = new Map<string, Cached<T>>();
  private readonly forgottenSessions = new Map<string, number>();
  private readonly forgottenUsers = new Map<number, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  get(sessionId: string): T | undefined {
    const hit = this.entries.get(sessionId);
    if (!hit) return undefined;
    if (hit.until <= this.now()) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return hit.row;
  }

  /** Remembers a row read from the database (not when its session or user was just forgotten). */
  set(sessionId: string, userId: number, row: T): void {
    const now = this.now();
    if ((this.forgottenSessions.get(sessionId) ?? -1) > now) return;
    if ((this.forgottenUsers.get(userId) ?? -1) > now) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Map keeps insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(sessionId, { row, userId, until: now + TTL_MS });
  }

  forgetSession(sessionId: string): void {
    this.entries.delete(sessionId);
    this.forgottenSessions.set(sessionId, this.now() + BLOCK_MS);
    this.prune(this.forgottenSessions);
  }

  forgetUser(userId: number): void {
    for (const [id, e] of this.entries) if (e.userId === userId) this.entries.delete(id);
    this.forgottenUsers.set(userId, this.now() + BLOCK_MS);
    this.prune(this.forgottenUsers);
  }

  /** Everything forgotten: the change bus may have missed messages (its connection came back). */
  forgetAll(): void {
    this.entries.clear();
  }

  private prune<K>(marks: Map<K, number>): void {
    if (marks.size < 1_000) return;
    const now = this.now();
    for (const [k, until] of marks) if (until <= now) marks.delete(k);
  }
}
