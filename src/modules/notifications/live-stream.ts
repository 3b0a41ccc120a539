import { NotificationRepository } from '../../db/repositories/notification.repository.js';
import { sessionAlive } from '../../domain/login-security.js';
import type { AppContext } from '../../server/context.js';

/** One browser's open notification stream (Server-Sent Events). */
export interface LiveStream {
  userId: number;
  sessionId: string;
  /** The newest notification id this stream was told of (-1 before the first message). */
  lastId: number;
  write(chunk: string): void;
  /** Tells the browser the session ended and closes the stream. */
  end(): void;
}

/** How often open streams get a keep-alive (proxies close silent connections) and their sessions are checked. */
export const HEARTBEAT_MS = 20_000;

/**
 * The process's open notification streams, told of news by the change bus rather than each
 * polling the database: a notification added by any server process wakes the streams of its
 * people here (LISTEN/NOTIFY on PostgreSQL), which then read the unread count and newest notice
 * once per person. A heartbeat keeps connections open through proxies and checks every stream's
 * session in one statement (expiry, idle time, a user switched off); sessions that end are also
 * announced on the bus, so a logout on one process closes the streams on the others at once.
 */
export class LiveNotifications {
  private readonly byUser = new Map<number, Set<LiveStream>>();
  private readonly offBus: (() => void)[] = [];
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** Adds a stream and sends it the current count, once this process hears every later change. */
  async open(stream: LiveStream): Promise<void> {
    if (this.offBus.length === 0) {
      this.offBus.push(
        this.ctx.db.bus.subscribe('notifications', (ids) =>
          this.wake(ids === 'all' ? [...this.byUser.keys()] : ids),
        ),
        this.ctx.db.bus.subscribe('sessions_ended', (ids) => {
          if (ids === 'all') void this.checkSessions();
          else this.endSessions(new Set(ids));
        }),
      );
    }
    // Listening before the first read: a notification committed after it is heard, not missed.
    // (Should the listening connection fail, the bus reconnects and then wakes every stream.)
    await this.ctx.db.bus.ready().catch(() => {});
    const set = this.byUser.get(stream.userId) ?? new Set<LiveStream>();
    this.byUser.set(stream.userId, set);
    set.add(stream);
    this.heartbeat ??= setInterval(() => void this.beat().catch(() => {}), this.heartbeatMs).unref();
    await this.push(stream.userId, [stream]);
  }

  close(stream: LiveStream): void {
    const set = this.byUser.get(stream.userId);
    set?.delete(stream);
    if (set?.size === 0) this.byUser.delete(stream.userId);
    if (this.byUser.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** Stops listening (the application is closing). */
  stop(): void {
    for (const off of this.offBus.splice(0)) off();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Open streams, for the metrics and tests. */
  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  private wake(userIds: readonly number[]) {
    for (const userId of new Set(userIds))
      if (this.byUser.has(userId)) void this.push(userId).catch(() => {});
  }

  /** Sends the unread count and newest notice to the user's streams that have not seen it. */
  private async push(userId: number, only?: LiveStream[]): Promise<void> {
    const repo = new NotificationRepository(this.ctx.db.kysely);
    const latest = await repo.latest(userId);
    const latestId = latest?.id ?? 0;
    const streams = (only ?? [...(this.byUser.get(userId) ?? [])]).filter((s) => s.lastId !== latestId);
    if (streams.length === 0) return;
    const payload = { unread: await repo.unread(userId), latest };
    const message = `event: unread\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) {
      s.lastId = latestId;
      s.write(message);
    }
  }

  private async beat() {
    for (const set of this.byUser.values()) for (const s of set) s.write(': keep-alive\n\n');
    await this.checkSessions();
  }

  /** Ends the streams whose session has ended, expired or idled out, in one statement for all. */
  private async checkSessions() {
    const ids = new Set<string>();
    for (const set of this.byUser.values()) for (const s of set) ids.add(s.sessionId);
    if (ids.size === 0) return;
    const now = this.ctx.clock.now();
    const security = await this.ctx.settings.security();
    const rows = await new NotificationRepository(this.ctx.db.kysely).sessionsOf([...ids], now);
    const alive = new Set(
      rows
        .filter((r) =>
          sessionAlive(
            { createdAt: r.created_at, lastSeenAt: r.last_seen_at ?? r.created_at },
            now,
            security,
          ),
        )
        .map((r) => r.id),
    );
    this.endSessions(new Set([...ids].filter((id) => !alive.has(id))));
  }

  private endSessions(ended: ReadonlySet<string>) {
    if (ended.size === 0) return;
    for (const set of [...this.byUser.values()])
      for (const s of [...set]) if (ended.has(s.sessionId)) s.end();
  }
}
