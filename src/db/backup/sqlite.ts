import SQLite from 'better-sqlite3';

/**
 * SQLite's online backup API (better-sqlite3 `backup`): copies the database page by page while
 * the server keeps writing; the copy is one consistent state, WAL included.
 */
export async function backupSqliteFile(source: string, dest: string): Promise<Record<string, number>> {
  const db = new SQLite(source, { fileMustExist: true });
  try {
    await db.backup(dest);
  } finally {
    db.close();
  }
  // One self-contained file: the copy leaves WAL mode, so no -wal/-shm files travel beside it.
  const copy = new SQLite(dest, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return countSqliteRows(dest);
}

/** Rows per table of a SQLite file (of the copy, so the counts are those of the same instant). */
export function countSqliteRows(file: string): Record<string, number> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as Array<{ name: string }>;
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const row = db.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as {
        n: number;
      };
      counts[name] = row.n;
    }
    return counts;
  } finally {
    db.close();
  }
}

/** Whether a SQLite file holds any table (a restore does not overwrite one without --force). */
export function sqliteHasTables(file: string): boolean {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .get() as { n: number };
    return row.n > 0;
  } finally {
    db.close();
  }
}
