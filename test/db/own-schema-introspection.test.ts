import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

/**
 * Several schemas share one PostgreSQL database (test files, counties on one server). The
 * migrator introspects the database before it runs; it must see only its own schema, and a
 * schema dropped beside it meanwhile must not make it fail ("schema … does not exist" broke a
 * CI run this way).
 */
describe(`introspection sees only the connection's own schema (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('lists its own tables, with their columns, and no other schema', async () => {
    const tables = await t.ctx.db.kysely.introspection.getTables();
    const orders = tables.find((x) => x.name === 'work_orders');
    expect(orders?.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['id', 'title', 'state']));
    if (TEST_DIALECT === 'postgres') {
      expect(new Set(tables.map((x) => x.schema))).toEqual(new Set([t.place.schema]));
      const schemas = await t.ctx.db.kysely.introspection.getSchemas();
      expect(schemas.map((s) => s.name)).toEqual([t.place.schema]);
    }
  });

  // PostgreSQL only: SQLite has one schema per file.
  if (TEST_DIALECT === 'postgres')
    it('migrating again while other schemas are created and dropped beside it does not fail', async () => {
      const admin = new pg.Client({ connectionString: t.place.databaseUrl });
      await admin.connect();
      const others = Array.from({ length: 40 }, () => `t_other_${randomBytes(5).toString('hex')}`);
      try {
        for (const s of others) await admin.query(`create schema ${s}; create table ${s}.x (id serial)`);
        // Drops run on their own connection while the migrator introspects again and again.
        const dropping = (async () => {
          for (const s of others) await admin.query(`drop schema ${s} cascade`);
        })();
        for (let i = 0; i < 15; i++) await migrateToLatest(t.ctx.db);
        await dropping;
      } finally {
        for (const s of others) await admin.query(`drop schema if exists ${s} cascade`);
        await admin.end();
      }
    });
});
