import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Every server process keeps what the office sets and every page reads (the time limits, the
 * sign-in rules, the escalation rule, the notification channels, the assistant's thresholds, the
 * working calendar) for a while. On PostgreSQL a write of a setting or of the calendar, from any
 * process or any script, now NOTIFYs `settings_changed` with the setting's key (`calendar` for the
 * calendar's two tables, once per statement), delivered at commit (db/change-bus.ts), so each
 * process drops its copy then: a change applies at once everywhere rather than when the copy ages
 * out. SQLite serves one process, whose services drop their copies themselves.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  const notify = (keys: string) =>
    sql.raw(`perform pg_notify('huiyin_changes', json_build_object('s', tg_table_schema,
    't', 'settings_changed', 'ids', json_build_array(${keys}))::text);`);
  await sql`create or replace function huiyin_announce_setting_changed() returns trigger language plpgsql as $$
begin
  ${notify('coalesce(new.key, old.key)')}
  return null;
end $$`.execute(db);
  await sql`create trigger settings_announce_change after insert or update or delete on settings
    for each row execute function huiyin_announce_setting_changed()`.execute(db);
  await sql`create or replace function huiyin_announce_calendar_changed() returns trigger language plpgsql as $$
begin
  ${notify("'calendar'")}
  return null;
end $$`.execute(db);
  for (const table of ['calendar_days', 'calendar_years'])
    await sql`create trigger ${sql.raw(`${table}_announce_change`)} after insert or update or delete on ${sql.table(table)}
      for each statement execute function huiyin_announce_calendar_changed()`.execute(db);
}
