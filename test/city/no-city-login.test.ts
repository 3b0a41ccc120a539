import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as removeCityLogins } from '../../src/db/migrations/2026-12-01-nouser-001-no-city-login.js';
import { hashPassword } from '../../src/modules/auth/password.js';
import { refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const PASSWORD = 'City#Login2026';

/** The city platform calls with an API client's key; no person or password stands for it. */
describe(`the city platform has no login (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('no account can be created in the city platform unit, with any role', async () => {
    const secadmin = await t.as('secadmin');
    for (const roles of [['unit_liaison'], ['dispatcher']]) {
      await refused(
        secadmin.post('/api/users', {
          username: `city-${roles[0]}`,
          name: '市平台账号',
          unitId: t.unitId('city'),
          roles,
        }),
        400,
        'UNIT_HAS_NO_ACCOUNTS',
      );
    }
  });

  it('an account left from before with the old city role is switched off, its sessions ended', async () => {
    const db = t.ctx.db.kysely;
    const { id } = await db
      .insertInto('users')
      .values({
        username: 'old-city-api',
        name: '市12345热线平台接口',
        unit_id: t.unitId('city'),
        roles: JSON.stringify(['city_platform']),
        password_hash: await hashPassword(PASSWORD),
        phone: '12345',
        active: 1,
        created_at: new Date().toISOString(),
        password_set_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await removeCityLogins(db as unknown as Kysely<unknown>);

    const row = await db
      .selectFrom('users')
      .select(['roles', 'active'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.roles)).toEqual([]);
    expect(row.active).toBe(0);
    await refused(
      t.anonymous.post('/api/auth/login', { username: 'old-city-api', password: PASSWORD }),
      401,
      'LOGIN_FAILED',
    );
  });
});
