import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { migrateToLatest, sortingOnDisk } from '../../src/db/migrate.js';

/** Files this process has open whose names SQLite gives its temporary files. */
const sqliteTempFiles = () =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).includes('etilqs_');
    } catch {
      return false; // closed between the listing and the look
    }
  });

describe('SQLite temporary storage', () => {
  it('keeps a statement journal in memory: a large statement inside a transaction opens no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiyin-temp-'));
    const db = openDb(`sqlite:${join(dir, 'huiyin.db')}`);
    try {
      await sql`create table t (id integer primary key, v text unique)`.execute(db.kysely);
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000)
        insert into t select i, printf('%0200d', i) from n`.execute(db.kysely);
      let during: string[] = ['not measured'];
      await db.kysely.transaction().execute(async (trx) => {
        // Many rows under a unique index: SQLite journals the statement (to undo it alone if a
        // row fails), well past the 64 KiB it keeps in memory before spilling to a file by default.
        await sql`update t set v = v || 'x'`.execute(trx);
        during = sqliteTempFiles();
      });
      expect(during).toEqual([]);
      const row = await sql<{ n: number }>`select count(*) as n from t where v like '%x'`.execute(db.kysely);
      expect(row.rows[0]?.n).toBe(3000);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sorts through files while migrations run, and keeps temporary storage in memory after', async () => {
    const db = openDb('sqlite::memory:');
    const tempStore = async () =>
      (await sql<{ temp_store: number }>`pragma temp_store`.execute(db.kysely)).rows[0]?.temp_store;
    try {
      expect(await tempStore()).toBe(2);
      expect(await sortingOnDisk(db, tempStore)).toBe(1);
      expect(await tempStore()).toBe(2);
      await expect(
        sortingOnDisk(db, async () => {
          throw new Error('迁移失败');
        }),
      ).rejects.toThrow('迁移失败');
      expect(await tempStore()).toBe(2);
      await migrateToLatest(db);
      expect(await tempStore()).toBe(2);
    } finally {
      await db.close();
    }
  });
});
