import type { Database as SqliteFile, Statement } from 'better-sqlite3';

/**
 * Whether anything may have been committed to a SQLite database since a moment: a token that stays
 * the same only while nothing was. This connection's writes are counted as they are prepared
 * (statement-cache.ts tells of each write and each COMMIT, before it runs); other connections'
 * commits (another process, a script on the file) move `PRAGMA data_version`, which SQLite keeps for
 * exactly this. A rolled-back write still moves the token: that only costs a read.
 */
export class CommitGeneration {
  private writes = 0;
  private readonly dataVersion: Statement;

  constructor(file: SqliteFile) {
    this.dataVersion = file.prepare('pragma data_version').pluck();
  }

  noteWrite(): void {
    this.writes++;
  }

  /** Null when it cannot tell (the file is closed). */
  current(): string | null {
    try {
      return `${this.writes}.${this.dataVersion.get() as number}`;
    } catch {
      return null;
    }
  }
}
