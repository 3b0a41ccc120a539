import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../src/db/connection.js';
import { UntilNextCommit } from '../../src/db/until-next-commit.js';
import { openTestDb, TEST_DIALECT } from '../support/test-app.js';

/**
 * Reads kept until the next commit (a page's stamp, whether a list changed): asked once between
 * two commits on SQLite, whoever commits (this connection, another process on the file); asked
 * every time on PostgreSQL, where other server processes commit without telling.
 */
describe(`answers kept until the next commit (${TEST_DIALECT})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-generation-'));
  let opened: Awaited<ReturnType<typeof openTestDb>>;
  let db: Db;
  beforeAll(async () => {
    opened = await openTestDb(join(dir, 'g.db'));
    db = opened.db;
    await sql`create table t (id integer primary key, v text not null)`.execute(db.kysely);
    await sql`insert into t (id, v) values (1, '一')`.execute(db.kysely);
  });
  afterAll(async () => {
    await opened.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The value of row 1, counting the reads. */
  function counted() {
    const kept = new UntilNextCommit<string, string>(db);
    let reads = 0;
    const value = () =>
      kept.get('v', async () => {
        reads++;
        return (await sql<{ v: string }>`select v from t where id = 1`.execute(db.kysely)).rows[0]?.v ?? '';
      });
    return { value, reads: () => reads };
  }

  const set = (v: string, on: Db = db) => sql`update t set v = ${v} where id = 1`.execute(on.kysely);

  it('reads once between two commits on SQLite, every time on PostgreSQL', async () => {
    const { value, reads } = counted();
    expect(await value()).toBe('一');
    expect(await value()).toBe('一');
    expect(await value()).toBe('一');
    expect(reads()).toBe(TEST_DIALECT === 'sqlite' ? 1 : 3);
    expect(db.generation() === null).toBe(TEST_DIALECT === 'postgres');
  });

  it('reads again after a commit of this connection, alone or in a transaction', async () => {
    const { value, reads } = counted();
    await value();
    await set('二');
    expect(await value()).toBe('二');
    await db.kysely.transaction().execute((trx) => sql`update t set v = '三' where id = 1`.execute(trx));
    expect(await value()).toBe('三');
    const before = reads();
    expect(await value()).toBe('三');
    expect(reads() - before).toBe(TEST_DIALECT === 'sqlite' ? 0 : 1);
  });

  it("reads again after another process's commit", async () => {
    const { value } = counted();
    await value();
    const other = opened.another() ?? openDb(`sqlite:${join(dir, 'g.db')}`);
    try {
      await set('别的进程写的', other);
      expect(await value()).toBe('别的进程写的');
      await set('又改了', other);
      expect(await value()).toBe('又改了');
    } finally {
      await other.close();
    }
  });

  it('does not keep an answer read while a commit happened, which may be older than it', async () => {
    const kept = new UntilNextCommit<string, string>(db);
    await set('旧');
    // The read answers the old value, and a commit lands before it is handed back.
    const stale = await kept.get('v', async () => {
      const read = (await sql<{ v: string }>`select v from t where id = 1`.execute(db.kysely)).rows[0]?.v;
      await set('新');
      return read ?? '';
    });
    expect(stale).toBe('旧');
    expect(await kept.get('v', async () => 'read again')).toBe('read again');
  });
});
