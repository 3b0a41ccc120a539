import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** What choosing the people of a notice reads of an account. */
export interface RecipientRow {
  id: number;
  name: string;
  phone: string;
  email: string | null;
  roles: string;
  liaison_slot: string | null;
  away_from: string | null;
  away_until: string | null;
  unit_id: number;
}

/** How long the accounts read are kept. */
const TTL_MS = 2_000;

/**
 * The county's active accounts as notices choose among them (a unit's liaisons and leaders, the
 * office's dispatchers), kept for a moment: most actions notify someone, and reading the accounts
 * for each notice was a round trip of its own. Every write of an account goes through the user
 * repositories, which drop the directory before and after writing (`changingAccounts`), and a
 * read that a drop overtook is used but not kept. A write still uncommitted when it is dropped
 * the second time: on SQLite a read waits for the transaction (one connection); on PostgreSQL the
 * change bus drops the directory again once it commits (users_changed), as it does for a change
 * made by another process.
 */
export class RecipientDirectory {
  private kept: { rows: RecipientRow[]; until: number } | null = null;
  private drops = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  async rows(read: () => Promise<RecipientRow[]>): Promise<RecipientRow[]> {
    if (this.kept && this.kept.until > this.now()) return this.kept.rows;
    const drops = this.drops;
    const rows = await read();
    if (drops === this.drops) this.kept = { rows, until: this.now() + TTL_MS };
    return rows;
  }

  forget(): void {
    this.drops += 1;
    this.kept = null;
  }
}

const directories = new WeakMap<object, RecipientDirectory>();

/** A database's directory (one per database, keyed like the session cache by the Kysely adapter). */
export function recipientDirectoryOf(db: Kysely<Database>): RecipientDirectory {
  const key = db.getExecutor().adapter;
  let directory = directories.get(key);
  if (!directory) {
    directory = new RecipientDirectory();
    directories.set(key, directory);
  }
  return directory;
}

/** Runs a write of accounts with the database's kept directory dropped before and after it. */
export async function changingAccounts<T>(db: Kysely<Database>, write: () => Promise<T>): Promise<T> {
  const directory = recipientDirectoryOf(db);
  directory.forget();
  try {
    return await write();
  } finally {
    directory.forget();
  }
}
