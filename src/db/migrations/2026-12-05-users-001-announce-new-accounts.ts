import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Each process keeps the county's active accounts for choosing the people of a notice
 * (db/repositories/recipient-directory.ts). A changed account is announced already
 * (`users_changed`, multiserver-001); new accounts must reach the other processes too, or a liaison
 * added on one would miss the notices another sends for a moment. They are announced as
 * `accounts_added`, once per statement (the seeding writes hundreds), and not as `users_changed`:
 * a new account has no session for the session caches to drop.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`create or replace function huiyin_announce_accounts_added() returns trigger language plpgsql as $$
begin
  perform pg_notify('huiyin_changes', json_build_object('s', tg_table_schema, 't', 'accounts_added',
    'ids', json_build_array())::text);
  return null;
end $$`.execute(db);
  await sql`create trigger users_announce_added after insert on users
    for each statement execute function huiyin_announce_accounts_added()`.execute(db);
}
