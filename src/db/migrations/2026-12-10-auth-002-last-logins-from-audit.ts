import { type Kysely, sql } from 'kysely';

/**
 * 上次登录 for the accounts that signed in before it was kept (2026-12-09-auth-001): their latest
 * successful sign-in, when and from where, taken from the audit log, which has recorded every one.
 * Without it, each such account's first sign-in after the upgrade said 首次登录 and counted every
 * failed attempt the log ever held against it as failures "since the last sign-in".
 * An account that has signed in since the upgrade keeps its row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into last_logins (user_id, at, ip)
    select a.user_id, a.at, a.ip from audit_log a
    where a.id in (
      select max(b.id) from audit_log b
      where b.action = 'auth.login' and b.user_id is not null
      group by b.user_id)
    and exists (select 1 from users u where u.id = a.user_id)
    and not exists (select 1 from last_logins l where l.user_id = a.user_id)`.execute(db);
}
