import type { Kysely } from 'kysely';

interface Tables {
  users: { id: number; roles: string; active: number };
  sessions: { id: string; user_id: number };
}

/**
 * The city platform is no longer a user: it calls Huiyin with an API client's key. Accounts
 * that held the old `city_platform` role lose it, are deactivated when nothing else is left,
 * and lose their sessions, so no password or cookie of the city still opens the system.
 */
export async function up(raw: Kysely<unknown>): Promise<void> {
  const db = raw as unknown as Kysely<Tables>;
  const users = await db
    .selectFrom('users')
    .select(['id', 'roles'])
    .where('roles', 'like', '%city_platform%')
    .execute();
  for (const u of users) {
    const roles = (JSON.parse(u.roles) as string[]).filter((r) => r !== 'city_platform');
    await db
      .updateTable('users')
      .set({ roles: JSON.stringify(roles), ...(roles.length === 0 ? { active: 0 } : {}) })
      .where('id', '=', u.id)
      .execute();
    await db.deleteFrom('sessions').where('user_id', '=', u.id).execute();
  }
}
