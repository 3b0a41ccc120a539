import type { Db } from './connection.js';

/**
 * Answers read from the database and kept until anything is committed (Db.generation): a page's
 * stamp, whether a list changed since its mark. Between two commits the same read gives the same
 * answer, so it is asked once; where the database cannot tell cheaply (PostgreSQL, whose other
 * processes commit without a word), every call reads.
 */
export class UntilNextCommit<K, V> {
  private generation: string | null = null;
  private readonly answers = new Map<K, V>();

  /** `capacity`: answers kept between two commits at most (all are dropped beyond it). */
  constructor(
    private readonly db: Db,
    private readonly capacity = 10_000,
  ) {}

  async get(key: K, read: () => Promise<V>): Promise<V> {
    const before = this.db.generation();
    if (before === null) return read();
    if (before !== this.generation) {
      this.answers.clear();
      this.generation = before;
    }
    if (this.answers.has(key)) return this.answers.get(key) as V;
    const answer = await read();
    // Kept only if nothing was committed while it was read (the read may have waited behind a
    // transaction): then it is the answer for this generation.
    if (this.db.generation() === before && this.generation === before) {
      if (this.answers.size >= this.capacity) this.answers.clear();
      this.answers.set(key, answer);
    }
    return answer;
  }
}

/** One UntilNextCommit per database, made when first asked for (a module's kept answers). */
export function perDatabase<K, V>(): (db: Db) => UntilNextCommit<K, V> {
  const kept = new WeakMap<Db, UntilNextCommit<K, V>>();
  return (db) => {
    let answers = kept.get(db);
    if (!answers) {
      answers = new UntilNextCommit<K, V>(db);
      kept.set(db, answers);
    }
    return answers;
  };
}
