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

/** Changes a demo user's account as the system administrator does, on the users page (HTTP). */
export async function editAccount(
  t: TestApp,
  username: string,
  changes: Record<string, unknown>,
): Promise<void> {
  const admin = await t.as('admin');
  const { items } = (await admin.get('/api/users?pageSize=200')).json() as {
    items: Array<Record<string, unknown> & { id: number; username: string }>;
  };
  const account = items.find((u) => u.username === username);
  if (!account) throw new Error(`no user ${username}`);
  const { id, unitName: _n, roleLabels: _l, ...body } = account;
  const saved = await admin.put(`/api/users/${id}`, { ...body, ...changes });
  if (saved.statusCode !== 200) throw new Error(`account of ${username}: ${saved.body}`);
}

/** Gives a demo user an e-mail address as the system administrator does. */
export const giveEmail = (t: TestApp, username: string, email: string): Promise<void> =>
  editAccount(t, username, { email });
