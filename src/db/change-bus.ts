import { EventEmitter } from 'node:events';
import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import pg from 'pg';

/**
 * What one server process tells the others: the ids that changed, by topic.
 * - `notifications`: users who have new in-app notifications (the live stream pushes to them);
 * - `sessions_ended`: sessions ended (logout, ended elsewhere, password changed): a stream or a
 *   session cache drops them;
 * - `users_changed`: users whose roles, unit, status, contact or absence changed: the caches of
 *   users and of the accounts notices go to drop them;
 * - `accounts_added`: new accounts were written (no ids: once per statement): the accounts notices
 *   go to are read again;
 * - `settings_changed`: the keys of settings written (the rules the office sets), or `calendar`
 *   for the working calendar: each process drops its kept copy, so a change applies at once on
 *   every process.
 */
export interface ChangeTopics {
  notifications: number[];
  sessions_ended: string[];
  users_changed: number[];
  accounts_added: never[];
  settings_changed: string[];
}
export type ChangeTopic = keyof ChangeTopics;

/**
 * `'all'` means messages may have been missed (the listening connection was lost and is back):
 * treat everything of the topic as changed (re-read every stream, empty the cache).
 */
export type ChangeHandler<T extends ChangeTopic> = (ids: ChangeTopics[T] | 'all') => void;

// biome-ignore lint/suspicious/noExplicitAny: publish runs on any database's executor, in or out of a transaction.
type Executor = Kysely<any> | Transaction<any>;

/**
 * Hears what every server process on the database (this one included) publishes with
 * `announceChange` and the PostgreSQL triggers. On PostgreSQL it is LISTEN/NOTIFY: one listening connection per process,
 * whatever the number of subscribers. On SQLite (one process) it is an in-process event.
 */
export interface ChangeBus {
  subscribe<T extends ChangeTopic>(topic: T, handler: ChangeHandler<T>): () => void;
  /** Resolves when this process hears what others publish from now on (the LISTEN is in place). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = 'huiyin_changes';

/** SQLite's bus: the process's own. (Several SQLite databases in one process, as in tests, share it: a subscriber re-reads its own database, so a stray id costs one read.) */
const local = new EventEmitter().setMaxListeners(0);

/**
 * Tells every process that `ids` changed, from the transaction that changed them. On PostgreSQL
 * the tables' triggers already NOTIFY (migration multiserver-001: notifications inserted, sessions
 * deleted, users updated), delivered at commit and never for a rollback, so this costs nothing
 * there. On SQLite it raises the event in the process; a subscriber's reads wait for the
 * transaction (one connection, Kysely's mutex), so they see the committed state. Call it where
 * these rows change, e.g. `await announceChange(trx, 'sessions_ended', ids)` where sessions end.
 */
export async function announceChange<T extends ChangeTopic>(
  executor: Executor,
  topic: T,
  ids: ChangeTopics[T],
): Promise<void> {
  if (ids.length === 0 || executor.getExecutor().adapter instanceof PostgresAdapter) return;
  const copy = [...ids];
  setImmediate(() => local.emit(topic, copy));
}

class Subscribers {
  constructor(private readonly emitter = new EventEmitter().setMaxListeners(0)) {}

  add<T extends ChangeTopic>(topic: T, handler: ChangeHandler<T>): () => void {
    // A subscriber's failure is its own; it must not stop the others or the bus.
    const safe = (ids: ChangeTopics[T] | 'all') => {
      try {
        handler(ids);
      } catch {}
    };
    this.emitter.on(topic, safe);
    return () => this.emitter.off(topic, safe);
  }

  emit(topic: ChangeTopic, ids: unknown[] | 'all') {
    this.emitter.emit(topic, ids);
  }

  count(): number {
    return this.emitter.eventNames().reduce((n, e) => n + this.emitter.listenerCount(e), 0);
  }

  everyTopic(): ChangeTopic[] {
    return this.emitter.eventNames() as ChangeTopic[];
  }
}

/** SQLite: one process, so the bus is an event inside it, after the publisher's current step. */
export class LocalChangeBus implements ChangeBus {
  private readonly subscribers = new Subscribers(local);

  subscribe<T extends ChangeTopic>(topic: T, handler: ChangeHandler<T>): () => void {
    return this.subscribers.add(topic, handler);
  }

  async ready(): Promise<void> {}
  async close(): Promise<void> {}
}

/**
 * PostgreSQL: NOTIFY on one channel for every topic, the payload naming the schema (test runs share
 * a database, one schema each) and the topic. The listening connection is opened at the first
 * subscription and re-opened after a loss, with an `'all'` to every subscriber since messages sent
 * meanwhile are gone.
 */
export class PgChangeBus implements ChangeBus {
  private readonly subscribers = new Subscribers();
  private client: pg.Client | null = null;
  private schema = '';
  private listening: Promise<void> | null = null;
  private closed = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly clientConfig: pg.ClientConfig) {}

  subscribe<T extends ChangeTopic>(topic: T, handler: ChangeHandler<T>): () => void {
    const off = this.subscribers.add(topic, handler);
    void this.ready().catch(() => {});
    return off;
  }

  ready(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.listening ??= this.listen().catch((err) => {
      this.listening = null;
      this.scheduleReconnect();
      throw err;
    });
    return this.listening;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(this.clientConfig);
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => this.deliver(msg.payload));
    try {
      await client.connect();
      const row = await client.query<{ s: string }>('select current_schema() as s');
      this.schema = row.rows[0]?.s ?? '';
      await client.query(`listen ${CHANNEL}`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => {});
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    this.retryMs = 500;
  }

  private deliver(payload: string | undefined) {
    if (!payload) return;
    let msg: { s: string; t: ChangeTopic; ids: unknown[] };
    try {
      msg = JSON.parse(payload);
    } catch {
      return;
    }
    if (msg.s !== this.schema || !Array.isArray(msg.ids)) return;
    this.subscribers.emit(msg.t, msg.ids);
  }

  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    this.listening = null;
    client.removeAllListeners('notification');
    void client.end().catch(() => {});
    if (!this.closed) this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.closed || this.retryTimer || this.subscribers.count() === 0) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.ready().then(
        () => {
          for (const topic of this.subscribers.everyTopic()) this.subscribers.emit(topic, 'all');
        },
        () => {},
      );
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
  }

  /** For tests: cuts the listening connection as a network failure would. */
  async dropConnection(): Promise<void> {
    const client = this.client;
    if (client) {
      this.lost(client);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }
}
