import { type FileHandle, open } from 'node:fs/promises';

/** Makes the log's written pages durable (fdatasync, in libuv's thread pool: the event loop goes on). */
export type SyncFile = () => Promise<void>;

/**
 * The log's fdatasync through a handle opened once and kept: opening and closing the file around
 * each sync were two more trips to libuv's thread pool (six more system calls and two wake-ups of
 * the event loop) per group of commits. Keeping the handle is safe because SQLite removes the log
 * only when the last connection to the database closes, and this process's own connection stays
 * open until `close()`; a checkpoint truncates or rewinds the same file, it does not replace it.
 */
export class KeptOpenFile {
  private handle: FileHandle | null = null;
  private failure: Error | null = null;

  /** `openFile` opens the log for reading (tests make its handle refuse a sync). */
  constructor(
    private readonly path: string,
    private readonly openFile: (path: string) => Promise<FileHandle> = (p) => open(p, 'r'),
  ) {}

  readonly sync = async (): Promise<void> => {
    // Linux reports a failed write-back once per open file: a later sync that succeeds would not
    // prove the earlier pages reached the disk, so after one failure every sync fails.
    if (this.failure) throw this.failure;
    if (!this.handle) {
      try {
        this.handle = await this.openFile(this.path);
      } catch (e) {
        // No write-ahead log yet: everything is in the database file, which SQLite synced at its checkpoint.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
    }
    try {
      await this.handle.datasync();
    } catch (e) {
      this.failure = e as Error;
      throw e;
    }
  };

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }
}

/**
 * Group commit for SQLite's write-ahead log: a commit is durable before it is acknowledged, but
 * the wait for the disk is not on the event loop and is shared.
 *
 * With `synchronous = FULL`, SQLite fsyncs the log inside every commit. better-sqlite3 is
 * synchronous, so that wait (0.5–1.5 ms here, p99 13–16 ms) held every other request of the
 * process, and it was the largest cost in an action's time. The database now runs with
 * `synchronous = NORMAL`, which in WAL mode writes each commit to the log without syncing it and
 * keeps the database consistent across a power cut, losing only commits not yet synced. This class
 * syncs the log off the event loop, and a response waits (`durable()`) until every commit made
 * before it is on disk — the guarantee FULL gave: what the API acknowledged survives a power cut.
 * Commits that happen while a sync runs share the next one. Writes no one waits for (the
 * scheduler's jobs) are synced within `idleSyncMs` all the same.
 *
 * Counting: `noteWrite()` is called for every statement that may write and for every COMMIT
 * (`withStatementCache` does it as statements are prepared, right before they run, on the one
 * thread). A transaction's statements are counted as they run and its COMMIT once more, so a sync
 * that started before the COMMIT never counts as covering it.
 */
export class WalSync {
  private written = 0;
  private synced = 0;
  private running: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private readonly syncFile: SyncFile;
  private readonly logFile: KeptOpenFile | null;

  /** `syncFile` replaces the fdatasync of a kept handle (tests watch or hold the syncs). */
  constructor(
    walPath: string,
    syncFile?: SyncFile,
    private readonly idleSyncMs = 200,
  ) {
    if (syncFile) {
      this.logFile = null;
      this.syncFile = syncFile;
    } else {
      this.logFile = new KeptOpenFile(walPath);
      this.syncFile = this.logFile.sync;
    }
  }

  noteWrite(): void {
    this.written++;
    if (this.idleTimer === null && !this.closed) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        // A failure here is met again, and reported, by the next response that waits.
        this.durable().catch(() => {});
      }, this.idleSyncMs);
      this.idleTimer.unref();
    }
  }

  /** Whether a write counted so far is not yet known to be on disk (then `durable()` waits). */
  pending(): boolean {
    return this.synced < this.written;
  }

  /** Resolves once every write counted so far is on disk; rejects if the disk refused the sync. */
  durable(): Promise<void> {
    const target = this.written;
    if (this.synced >= target) return Promise.resolve();
    return this.syncUpTo(target);
  }

  /** Syncs what is left and stops the idle timer (the database is closing). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    try {
      await this.durable();
    } finally {
      await this.logFile?.close();
    }
  }

  private async syncUpTo(target: number): Promise<void> {
    while (this.synced < target) {
      // A sync already running may have started before the write waited for: wait for it, then
      // start the next one, which every caller arriving meanwhile shares.
      if (this.running) {
        await this.running.catch(() => {});
        continue;
      }
      const covers = this.written;
      const run = this.syncFile().then(() => {
        this.synced = Math.max(this.synced, covers);
      });
      this.running = run;
      try {
        await run;
      } finally {
        if (this.running === run) this.running = null;
      }
    }
  }
}
