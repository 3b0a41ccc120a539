import { parseRoles } from '../../src/db/repositories/user.repository.js';
import type { Actor } from '../../src/domain/roles.js';
import type { TestApp } from './test-app.js';

/** A demo user as the server sees them after sign-in, for building a page or list as a route would. */
export async function actorOf(t: TestApp, username: string): Promise<Actor> {
  const u = await t.ctx.db.kysely
    .selectFrom('users')
    .select(['id', 'unit_id', 'roles', 'name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { userId: u.id, unitId: u.unit_id, roles: parseRoles(u.roles), name: u.name };
}
