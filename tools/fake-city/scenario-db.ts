import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDb } from '../../src/db/connection.js';

/** Where a scenario's Huiyin keeps its data: a fresh SQLite file, or a fresh schema on a PostgreSQL server. */
export interface ScenarioDatabase {
  /** The DATABASE_URL the Huiyin process is started with. */
  url: string;
  dialect: 'sqlite' | 'postgres';
  /** A directory for uploads and the like, removed by `drop`. */
  dir: string;
  drop(): Promise<void>;
}

/**
 * `postgresUrl` given: a schema of its own on that server, named in the URL's `options`
 * (search_path), so the server process, which reads only DATABASE_URL, works inside it.
 */
export async function scenarioDatabase(postgresUrl?: string): Promise<ScenarioDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-scenario-'));
  if (!postgresUrl) {
    return {
      url: `sqlite:${join(dir, 'huiyin.db')}`,
      dialect: 'sqlite',
      dir,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `scenario_${randomBytes(5).toString('hex')}`;
  const admin = openDb(postgresUrl);
  await sql.raw(`create schema ${schema}`).execute(admin.kysely);
  await admin.close();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    dialect: 'postgres',
    dir,
    async drop() {
      const db = openDb(postgresUrl);
      await sql.raw(`drop schema ${schema} cascade`).execute(db.kysely);
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
