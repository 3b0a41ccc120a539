import { SessionRepository } from '../../db/repositories/session.repository.js';
import { refuse } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';
import { sessionsEnded } from './session-events.js';

/** A user's own sessions (账号安全 → 登录会话): where they are signed in, and ending one of them. */
export class OwnSessionsService {
  private readonly sessions: SessionRepository;

  constructor(private readonly ctx: AppContext) {
    this.sessions = new SessionRepository(ctx.db.kysely);
  }

  async list(userId: number, currentId: string | null) {
    const rows = await this.sessions.ofUser(userId);
    return rows.map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at ?? s.created_at,
      expiresAt: s.expires_at,
      ip: s.ip,
      userAgent: s.user_agent,
      current: s.id === currentId,
      previousLogin: {
        at: s.previous_login_at,
        ip: s.previous_login_ip,
        failedAttempts: s.failed_logins_before,
      },
    }));
  }

  async end(userId: number, id: string, who: AuditWho): Promise<void> {
    const ended = await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const done = await this.sessions.end(trx, userId, id);
      if (done)
        await this.ctx.audit.record(trx, { ...who, action: 'session.ended', target: `user:${userId}` });
      return done;
    });
    if (!ended) refuse('not_found', 'SESSION_NOT_FOUND', '这个会话不存在或已经结束。');
    sessionsEnded([id]);
  }
}
