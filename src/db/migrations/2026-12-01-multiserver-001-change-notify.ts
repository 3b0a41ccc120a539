import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * PostgreSQL tells every server process what changed (db/change-bus.ts): a trigger NOTIFYs
 * `huiyin_changes` when a notification is added (its user), a session ends (its id) or a user is
 * changed (their id). The NOTIFY goes out when the transaction commits, costs the application no
 * round trip, and covers every path that writes these tables. Repeated identical payloads in one
 * transaction are folded by PostgreSQL, so an action notifying a user twice wakes them once.
 * SQLite serves one process, which raises the same events itself.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  const announce = (fn: string, topic: string, id: string) =>
    sql.raw(`create or replace function ${fn}() returns trigger language plpgsql as $$
begin
  perform pg_notify('huiyin_changes', json_build_object('s', tg_table_schema, 't', '${topic}', 'ids', json_build_array(${id}))::text);
  return null;
end $$`);
  await announce('huiyin_announce_notification', 'notifications', 'new.user_id').execute(db);
  await announce('huiyin_announce_session_ended', 'sessions_ended', 'old.id').execute(db);
  await announce('huiyin_announce_user_changed', 'users_changed', 'new.id').execute(db);
  await sql`create trigger notifications_announce after insert on notifications
    for each row execute function huiyin_announce_notification()`.execute(db);
  await sql`create trigger sessions_announce_end after delete on sessions
    for each row execute function huiyin_announce_session_ended()`.execute(db);
  await sql`create trigger users_announce_change after update on users
    for each row execute function huiyin_announce_user_changed()`.execute(db);
}
