import { randomBytes } from 'node:crypto';
import { AuditRepository } from '../../db/repositories/audit.repository.js';
import { PasswordHistoryRepository } from '../../db/repositories/password-history.repository.js';
import { type PreviousLogin, SessionRepository } from '../../db/repositories/session.repository.js';
import { parseRoles, UserRepository } from '../../db/repositories/user.repository.js';
import type { UserRow } from '../../db/schema-people.js';
import { INITIAL_PASSWORD_LAPSED_MESSAGE, initialPasswordLapsed } from '../../domain/initial-password.js';
import {
  LOCKOUT,
  lockedBy,
  lockoutWindowStart,
  mayHaveRacedChange,
  passwordProblem,
  passwordReusedProblem,
  pendingSteps,
  requiresTotp,
} from '../../domain/login-security.js';
import { refuse } from '../../domain/refusal.js';
import type { AppContext } from '../../server/context.js';
import { hashSessionId } from '../../server/plugins/auth.js';
import type { AuditWho } from '../audit/audit.service.js';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { hashPassword, verifyPassword } from './password.js';
import { sessionsEnded } from './session-events.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpStep, totpUri } from './totp.js';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

export interface Client {
  ip: string;
  userAgent: string;
}

const LOGIN_FAILED = '用户名或密码不正确，或账号已停用。';

/** What pendingSteps needs of an account row. */
const stepsOf = (user: UserRow) => ({
  roles: parseRoles(user.roles),
  mustChangePassword: user.must_change_password === 1,
  totpEnabled: !!user.totp_enabled_at,
  passwordSetAt: user.password_set_at,
});

/**
 * The audit log's words for a failed sign-in that may be someone else guessing: counted for the
 * next sign-in's 上次登录提示. An expired initial password is the holder's own, with the right
 * password, and is not counted.
 */
const GUESSES = {
  password: '密码错误或账号不存在',
  totp: '动态码错误',
  recovery: '恢复码无效',
  locked: '账号锁定中',
} as const;

/**
 * Signing in and out, passwords, the second factor and a user's sessions (等保 2.0 身份鉴别).
 * An unknown user costs the same work as a known one (a dummy hash is verified), and the lockout
 * counts failures per typed name, so neither the time nor the answer tells whether an account exists.
 */
export class SignInService {
  private readonly users: UserRepository;
  private readonly sessions: SessionRepository;
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly ctx: AppContext) {
    this.users = new UserRepository(ctx.db.kysely);
    this.sessions = new SessionRepository(ctx.db.kysely);
  }

  /** Checks the credentials and opens a session; returns the cookie's token and the user. */
  async login(
    input: LoginInput,
    client: Client,
  ): Promise<{ token: string; userId: number; previous: PreviousLogin }> {
    const now = this.ctx.clock.now();
    const username = input.username.trim();
    // Read before the lockout check, for known and unknown names alike (one query either way), so
    // that every failed or locked entry against an existing account (switched off ones included)
    // carries its id and the auditor's per-person filter finds attempts against that person. The
    // username column keeps what was typed; the answer to the client does not change.
    const user = await this.users.findByUsername(username);
    const who: AuditWho = { actor: { userId: user?.id ?? null, username }, ip: client.ip };
    const windowStart = lockoutWindowStart(now);
    if (lockedBy(await this.sessions.failuresSince(username, windowStart))) {
      await this.ctx.audit.record(this.ctx.db.kysely, {
        ...who,
        action: 'auth.login_failed',
        detail: GUESSES.locked,
      });
      this.locked();
    }
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await this.dummyHash));
    if (user?.active !== 1 || !passwordOk) return this.fail(username, client, who, now, 'password');
    // Said only to whoever typed the right password, so it tells nobody else the account exists;
    // not a failed guess, so it does not count toward the lockout.
    if (initialPasswordLapsed(stepsOf(user), now)) {
      await this.ctx.audit.record(this.ctx.db.kysely, {
        ...who,
        action: 'auth.login_failed',
        detail: '初始密码已过期（超过有效期未修改）',
      });
      refuse('unauthenticated', 'INITIAL_PASSWORD_EXPIRED', INITIAL_PASSWORD_LAPSED_MESSAGE);
    }

    let usedRecovery = false;
    if (user.totp_secret) {
      if (input.recoveryCode) {
        usedRecovery = await this.spendRecoveryCode(user.id, user.recovery_codes, input.recoveryCode);
        if (!usedRecovery) return this.fail(username, client, who, now, 'recovery');
      } else if (input.totp) {
        const step = totpStep(user.totp_secret, username, input.totp, now);
        if (step === null || !(await this.users.claimTotpStep(user.id, step)))
          return this.fail(username, client, who, now, 'totp');
      } else {
        refuse('unauthenticated', 'TOTP_REQUIRED', '请输入手机验证器上的 6 位动态码（或一个恢复码）。');
      }
    }

    await this.sessions.clearFailures(username, windowStart);
    const token = randomBytes(32).toString('base64url');
    const security = await this.ctx.settings.security();
    // 上次登录: shown to the user, with the failures against the account since, so a stranger's
    // sign-in or guessing is noticed by the one person who can tell.
    const last = await this.users.lastLogin(user.id);
    const previous: PreviousLogin = {
      at: last?.at ?? null,
      ip: last?.ip ?? null,
      failedAttempts: await new AuditRepository(this.ctx.db.kysely).failedLoginsAfter(
        user.id,
        last?.at ?? null,
        Object.values(GUESSES),
      ),
    };
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await new SessionRepository(trx).create({
        id: hashSessionId(token),
        userId: user.id,
        now,
        expires: new Date(now.getTime() + security.absoluteHours * 3_600_000),
        ip: client.ip,
        userAgent: client.userAgent.slice(0, 200),
        previous,
      });
      await new UserRepository(trx).recordLogin(user.id, now, client.ip);
      await this.ctx.audit.record(trx, { ...who, action: 'auth.login' });
      if (pendingSteps(stepsOf(user), security, now).passwordExpired)
        await this.ctx.audit.record(trx, {
          ...who,
          action: 'auth.password_expired',
          target: `user:${user.id}`,
          detail: `密码已使用超过 ${security.passwordMaxAgeDays} 天，须修改后才能使用系统`,
        });
      if (usedRecovery) await this.ctx.audit.record(trx, { ...who, action: 'auth.recovery_code_used' });
    });
    return { token, userId: user.id, previous };
  }

  private async fail(
    username: string,
    client: Client,
    who: AuditWho,
    now: Date,
    what: 'password' | 'totp' | 'recovery',
  ): Promise<never> {
    await this.sessions.recordFailure(username.slice(0, 64), client.ip, now);
    const failures = await this.sessions.failuresSince(username.slice(0, 64), lockoutWindowStart(now));
    const detail = GUESSES[what];
    await this.ctx.audit.record(this.ctx.db.kysely, { ...who, action: 'auth.login_failed', detail });
    if (lockedBy(failures)) {
      if (failures === LOCKOUT.failures)
        await this.ctx.audit.record(this.ctx.db.kysely, { ...who, action: 'auth.locked' });
      this.locked();
    }
    if (what === 'password') refuse('unauthenticated', 'LOGIN_FAILED', LOGIN_FAILED);
    refuse(
      'unauthenticated',
      'TOTP_INVALID',
      what === 'totp' ? '动态码不正确或已使用过。' : '恢复码无效或已使用过。',
    );
  }

  private locked(): never {
    refuse(
      'unauthenticated',
      'ACCOUNT_LOCKED',
      `登录失败次数过多，账号已锁定，请 ${LOCKOUT.windowMinutes} 分钟后再试，或请安全管理员为您重置密码（重置即解锁）。`,
    );
  }

  /**
   * The "enter your password again" of a signed-in user (changing the password, replacing or
   * turning off the second factor). Holding a session must not allow guessing the password without
   * limit: a wrong answer counts toward the same per-account lockout as the sign-in (under the
   * account's login name, which is what the sign-in counts) and is audited. When the account is
   * or becomes locked, every session of it ends, so a stolen session cannot keep guessing, and the
   * answer is the sign-in's ACCOUNT_LOCKED. A right answer below the limit passes as before; it
   * does not clear the count (only a sign-in or a reset does), so a session cannot reset it either.
   *
   * `changingIn`: the session of a password change. A second change sent with the first (a double
   * click, a second window) may read the account after the first changed it; the password it names
   * was current a moment ago, so it is told the password changed meanwhile, not counted as a guess.
   */
  private async checkCurrentPassword(
    user: UserRow,
    password: string,
    who: AuditWho,
    route: string,
    changingIn?: string,
  ) {
    const now = this.ctx.clock.now();
    const audit = { ...who, target: `user:${user.id}` };
    // Already locked (by sign-in failures or earlier checks): not checked at all, as at the sign-in.
    if (lockedBy(await this.sessions.failuresSince(user.username, lockoutWindowStart(now)))) {
      await this.ctx.audit.record(this.ctx.db.kysely, {
        ...audit,
        action: 'auth.password_check_failed',
        detail: `${route}：账号锁定中，未核对密码`,
      });
      await this.endAllSessions(user.id, who, null);
      this.lockedInSession();
    }
    if (await verifyPassword(password, user.password_hash)) return;
    if (changingIn !== undefined && (await this.replacedMeanwhile(user, changingIn, password)))
      changedMeanwhile();
    await this.sessions.recordFailure(user.username, who.ip ?? '', now);
    const failures = await this.sessions.failuresSince(user.username, lockoutWindowStart(now));
    await this.ctx.audit.record(this.ctx.db.kysely, {
      ...audit,
      action: 'auth.password_check_failed',
      detail: `${route}：当前密码错误（${LOCKOUT.windowMinutes} 分钟内第 ${failures} 次失败）`,
    });
    if (lockedBy(failures)) {
      await this.endAllSessions(user.id, who, failures === LOCKOUT.failures ? route : null);
      this.lockedInSession();
    }
    const left = LOCKOUT.failures - failures;
    refuse('invalid', 'PASSWORD_WRONG', `当前密码不正确（再错 ${left} 次账号将被锁定，并退出全部登录）。`);
  }

  /** Ends every session of a locked account; with `lockedAt`, also records that this check locked it. */
  private async endAllSessions(userId: number, who: AuditWho, lockedAt: string | null) {
    const ended = await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const ids = await this.sessions.endOthers(trx, userId, null);
      if (lockedAt !== null)
        await this.ctx.audit.record(trx, {
          ...who,
          action: 'auth.locked',
          target: `user:${userId}`,
          detail: `${lockedAt}：当前密码连续错误，结束了该账号的 ${ids.length} 个会话`,
        });
      return ids;
    });
    sessionsEnded(ended);
  }

  private lockedInSession(): never {
    refuse(
      'unauthenticated',
      'ACCOUNT_LOCKED',
      `当前密码输入错误次数过多，账号已锁定，已退出全部登录。请 ${LOCKOUT.windowMinutes} 分钟后再登录，或请安全管理员为您重置密码（重置即解锁）。`,
    );
  }

  private async spendRecoveryCode(userId: number, stored: string | null, code: string): Promise<boolean> {
    if (!stored) return false;
    const hashes = JSON.parse(stored) as string[];
    const hash = hashRecoveryCode(code);
    if (!hashes.includes(hash)) return false;
    return this.users.spendRecoveryCode(
      userId,
      stored,
      hashes.filter((h) => h !== hash),
    );
  }

  async logout(token: string, who: AuditWho): Promise<void> {
    const id = hashSessionId(token);
    if (await this.sessions.endById(id))
      await this.ctx.audit.record(this.ctx.db.kysely, { ...who, action: 'auth.logout' });
    sessionsEnded([id]);
  }

  /**
   * A user changes their own password: the current one is asked again (checkCurrentPassword);
   * their other sessions end. `route` names the request in the audit log.
   */
  async changePassword(
    userId: number,
    sessionId: string,
    current: string,
    next: string,
    who: AuditWho,
    route: string,
  ) {
    const user = await this.users.findById(userId);
    if (!user) refuse('invalid', 'PASSWORD_WRONG', '当前密码不正确。');
    await this.checkCurrentPassword(user, current, who, route, sessionId);
    if (current === next) refuse('invalid', 'PASSWORD_UNCHANGED', '新密码不能与当前密码相同。');
    const problem = passwordProblem(next, user.username, COMMON_PASSWORDS);
    if (problem) refuse('invalid', 'PASSWORD_WEAK', problem);
    const security = await this.ctx.settings.security();
    await this.refuseRecent(user, next, security.passwordHistory, who);
    const expired = pendingSteps(stepsOf(user), security, this.ctx.clock.now()).passwordExpired;
    const hash = await hashPassword(next);
    const ended = await this.ctx.db.kysely.transaction().execute(async (trx) => {
      // The checks above (current password, history) were made against this hash. The write holds
      // the account's row and only lands while the hash is still the one checked: of two changes
      // at once, the second finds it replaced and is refused, with nothing written.
      if (!(await this.users.setPassword(trx, userId, hash, this.ctx.clock.now(), user.password_hash)))
        changedMeanwhile();
      const others = await this.sessions.endOthers(trx, userId, sessionId);
      const notes = [
        ...(expired ? ['原密码已超过最长使用期限'] : []),
        ...(others.length > 0 ? [`同时结束了其他 ${others.length} 个会话`] : []),
      ];
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'auth.password_changed',
        target: `user:${userId}`,
        detail: notes.join('；'),
      });
      return others;
    });
    sessionsEnded(ended);
  }

  /** Whether `password` is the one a change made a moment ago in this session replaced. */
  private async replacedMeanwhile(user: UserRow, sessionId: string, password: string): Promise<boolean> {
    const session = await this.sessions.signedIn(sessionId, this.ctx.clock.now());
    if (!session || !mayHaveRacedChange(user.password_set_at, session.created_at, this.ctx.clock.now()))
      return false;
    const [replaced] = await new PasswordHistoryRepository(this.ctx.db.kysely).recent(user.id, 1);
    return replaced !== undefined && (await verifyPassword(password, replaced));
  }

  /**
   * 口令不得重复使用: the new password may be none of the user's last `history` ones. The current
   * one counts among them when the user chose it (it equals `next` only if typed the same, refused
   * before); a one-time password does not, so the history gives all of them. Each stored hash is
   * verified, as at the sign-in; the refusal is audited without saying which one matched.
   */
  private async refuseRecent(user: UserRow, next: string, history: number, who: AuditWho) {
    const earlier = await new PasswordHistoryRepository(this.ctx.db.kysely).recent(
      user.id,
      user.must_change_password === 1 ? history : history - 1,
    );
    for (const hash of earlier) {
      if (!(await verifyPassword(next, hash))) continue;
      await this.ctx.audit.record(this.ctx.db.kysely, {
        ...who,
        action: 'auth.password_reuse_refused',
        target: `user:${user.id}`,
        detail: `新密码与最近 ${history} 个密码之一相同`,
      });
      refuse('invalid', 'PASSWORD_REUSED', passwordReusedProblem(history));
    }
  }

  /**
   * Starts enrolling a second factor: a new secret to scan; it takes effect once a code is
   * confirmed. Replacing one already in use (a new phone) asks for the password again, as turning
   * it off does: whoever holds only the session cannot take over the second factor.
   */
  async startTotp(
    userId: number,
    username: string,
    password: string | undefined,
    who: AuditWho,
    route: string,
  ) {
    const user = await this.users.findById(userId);
    if (user?.totp_enabled_at) {
      if (!password)
        refuse('invalid', 'PASSWORD_REQUIRED', '两步验证已启用：更换手机验证器须先输入当前密码。');
      await this.checkCurrentPassword(user, password, who, route);
    }
    const secret = newTotpSecret();
    await this.users.setPendingTotp(userId, secret);
    return { secret, uri: totpUri(secret, username) };
  }

  /** Confirms the first code of the pending secret; returns the recovery codes (shown once). */
  async confirmTotp(userId: number, code: string, who: AuditWho): Promise<string[]> {
    const user = await this.users.findById(userId);
    if (!user?.totp_pending_secret)
      refuse('rule', 'TOTP_NOT_STARTED', '请先生成二维码，再输入验证器上的动态码。');
    const step = totpStep(user.totp_pending_secret, user.username, code, this.ctx.clock.now());
    // The confirming step is recorded as used (enableTotp), so the code cannot also sign in.
    if (step === null)
      refuse('invalid', 'TOTP_INVALID', '动态码不正确：请确认手机时间准确，并输入当前显示的 6 位数字。');
    const replaced = !!user.totp_enabled_at;
    const codes = newRecoveryCodes();
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await this.users.enableTotp(
        trx,
        userId,
        user.totp_pending_secret as string,
        this.ctx.clock.now().toISOString(),
        codes.map(hashRecoveryCode),
        step,
      );
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'auth.totp_enrolled',
        target: `user:${userId}`,
        ...(replaced ? { detail: '更换手机验证器（原密钥和恢复码作废）' } : {}),
      });
    });
    return codes;
  }

  /**
   * A user turns their own second factor off (the password is asked again); refused while the
   * security settings require it for one of their roles.
   */
  async disableTotp(userId: number, password: string, who: AuditWho, route: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) refuse('invalid', 'PASSWORD_WRONG', '当前密码不正确。');
    await this.checkCurrentPassword(user, password, who, route);
    if (!user.totp_enabled_at) refuse('rule', 'TOTP_NOT_ENABLED', '两步验证尚未启用。');
    if (requiresTotp(parseRoles(user.roles), await this.ctx.settings.security()))
      refuse('rule', 'TOTP_REQUIRED_FOR_ROLE', '按安全设置，您的角色登录必须使用两步验证，不能关闭。');
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await this.users.clearTotp(trx, userId);
      await this.ctx.audit.record(trx, { ...who, action: 'auth.totp_disabled', target: `user:${userId}` });
    });
  }
}

function changedMeanwhile(): never {
  refuse(
    'conflict',
    'PASSWORD_CHANGED_MEANWHILE',
    '密码刚刚已被修改（可能在另一个窗口或设备上），本次修改未保存。请用新的当前密码重新修改。',
  );
}
