import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/db/statement-cache.js';

/** Counts the statements SQLite really prepares under the cache. */
function counted(capacity?: number) {
  const file = new SQLite(':memory:');
  let prepared = 0;
  const prepare = file.prepare.bind(file);
  file.prepare = ((source: string) => {
    prepared += 1;
    return prepare(source);
  }) as typeof file.prepare;
  const db = new Kysely<{ t: { id: number; v: string } }>({
    dialect: new SqliteDialect({ database: withStatementCache(file, capacity) }),
  });
  return { db, prepared: () => prepared };
}

describe('the SQLite statement cache', () => {
  it('prepares a query of the same text once and answers it right each time', async () => {
    const { db, prepared } = counted();
    await sql`create table t (id integer primary key, v text)`.execute(db);
    for (let i = 1; i <= 20; i++)
      await db
        .insertInto('t')
        .values({ id: i, v: `第${i}条` })
        .execute();
    const before = prepared();
    for (let i = 1; i <= 20; i++) {
      const row = await db.selectFrom('t').select('v').where('id', '=', i).executeTakeFirstOrThrow();
      expect(row.v).toBe(`第${i}条`);
    }
    expect(prepared() - before).toBe(1);
    await db.destroy();
  });

  it('keeps at most its capacity, dropping the least recently used', async () => {
    const { db, prepared } = counted(2);
    await sql`create table t (id integer primary key, v text)`.execute(db);
    const byList = (n: number) =>
      db
        .selectFrom('t')
        .select('id')
        .where(
          'id',
          'in',
          Array.from({ length: n }, (_, i) => i),
        )
        .execute();
    await byList(1);
    await byList(2);
    await byList(1); // a hit: 1 is now the most recent
    await byList(3); // evicts 2
    const before = prepared();
    await byList(1);
    await byList(3);
    expect(prepared()).toBe(before);
    await byList(2);
    expect(prepared()).toBe(before + 1);
    await db.destroy();
  });

  it('never hands out a statement that a stream is still reading', async () => {
    const file = new SQLite(':memory:');
    const cache = withStatementCache(file);
    file.exec('create table t (id integer primary key)');
    file.exec('insert into t values (1), (2), (3)');
    const reading = cache.prepare('select id from t order by id');
    const rows = (reading as unknown as SQLite.Statement).iterate();
    expect((rows.next().value as { id: number }).id).toBe(1);
    // The same text while the first is mid-iteration: another statement, which reads from the start.
    const again = cache.prepare('select id from t order by id') as unknown as SQLite.Statement;
    expect(again).not.toBe(reading);
    expect(again.all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect((rows.next().value as { id: number }).id).toBe(2);
    rows.return?.();
    file.close();
  });
  it('tells the log’s group commit of each write and of each COMMIT, not of reads', async () => {
    const file = new SQLite(':memory:');
    let writes = 0;
    const db = new Kysely<{ t: { id: number; v: string } }>({
      dialect: new SqliteDialect({ database: withStatementCache(file, 300, () => writes++) }),
    });
    await sql`create table t (id integer primary key, v text)`.execute(db);
    writes = 0;
    await db.insertInto('t').values({ id: 1, v: '一' }).execute();
    expect(writes).toBe(1);
    await db.selectFrom('t').selectAll().execute();
    expect(writes).toBe(1);
    // An insert that returns rows is still a write.
    await db.insertInto('t').values({ id: 2, v: '二' }).returningAll().execute();
    expect(writes).toBe(2);
    // In a transaction the writes reach the log at COMMIT, which counts once more, so a sync
    // begun between the insert and the commit is never taken to cover the commit.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 3, v: '三' }).execute();
      expect(writes).toBe(3);
    });
    expect(writes).toBe(4);
    await db.destroy();
  });
});
