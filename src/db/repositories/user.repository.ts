import type { Kysely } from 'kysely';
import type { Role } from '../../domain/roles.js';
import type { Database, UserRow } from '../schema.js';

export const parseRoles = (text: string): Role[] => JSON.parse(text) as Role[];

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findById(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async createSession(id: string, userId: number, now: Date, expires: Date): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id, user_id: userId, created_at: now.toISOString(), expires_at: expires.toISOString() })
      .execute();
  }

  /** The user of a live session, if any. */
  sessionUser(id: string, now: Date) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select([
        'users.id',
        'users.name',
        'users.username',
        'users.unit_id',
        'users.roles',
        'users.active',
        'units.name as unit_name',
        'units.kind as unit_kind',
      ])
      .where('sessions.id', '=', id)
      .where('sessions.expires_at', '>', now.toISOString())
      .executeTakeFirst();
  }

  sessionUserById(id: number) {
    return this.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select([
        'users.id',
        'users.name',
        'users.username',
        'users.unit_id',
        'users.roles',
        'units.name as unit_name',
        'units.kind as unit_kind',
        'users.phone',
      ])
      .where('users.id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** The city platform's account (a machine peer): who orders pulled from the city are registered by. */
  cityPlatformUser() {
    return this.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select(['users.id', 'users.name', 'users.unit_id', 'users.roles'])
      .where('units.kind', '=', 'city_platform')
      .where('users.active', '=', 1)
      .orderBy('users.id')
      .executeTakeFirst();
  }
}
