import type { z } from 'zod';
import { SessionRepository } from '../../db/repositories/session.repository.js';
import { parseRoles } from '../../db/repositories/user.repository.js';
import {
  UserAdminRepository,
  type UserColumns,
  type UserListRow,
} from '../../db/repositories/user-admin.repository.js';
import { formatInstant } from '../../domain/deadline-text.js';
import {
  type AccountAccess,
  accountChangeProblem,
  changesAccess,
  passwordResetProblem,
} from '../../domain/duties.js';
import { editConflict, refuse } from '../../domain/refusal.js';
import { type Actor, ROLE_LABELS, rolesAllowedIn, type UnitKind } from '../../domain/roles.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';
import { type IssuedPassword, issueInitialPassword } from '../auth/initial-password.js';
import type { userBody } from './users.schemas.js';

type UserInput = z.infer<typeof userBody>;

export function userView(u: UserListRow) {
  const roles = parseRoles(u.roles);
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    unitId: u.unit_id,
    unitName: u.unit_name,
    roles,
    roleLabels: roles.map((r) => ROLE_LABELS[r]),
    phone: u.phone,
    email: u.email,
    active: u.active === 1,
    liaisonSlot: (u.liaison_slot as 'A' | 'B' | null) ?? null,
    awayFrom: u.away_from,
    awayUntil: u.away_until,
    awayNote: u.away_note,
    totpEnabled: u.totp_enabled_at !== null,
    version: u.version,
  };
}
export type UserView = ReturnType<typeof userView>;

const accessOf = (u: UserView | UserInput): AccountAccess => ({
  roles: u.roles,
  unitId: u.unitId,
  active: u.active,
  username: u.username,
});

const columns = (b: UserInput): UserColumns => ({
  username: b.username,
  name: b.name,
  unit_id: b.unitId,
  roles: JSON.stringify(b.roles),
  phone: b.phone,
  email: b.email,
  active: b.active ? 1 : 0,
  liaison_slot: b.liaisonSlot,
  away_from: b.awayFrom,
  away_until: b.awayUntil,
  away_note: b.awayNote,
});

/**
 * Accounts: the system administrator keeps people's details (AB roles, absences); only the
 * security administrator creates accounts and changes roles, units and status (三员分立), and
 * every change is audited with the account before and after.
 */
export class UserService {
  private readonly users: UserAdminRepository;

  constructor(private readonly ctx: AppContext) {
    this.users = new UserAdminRepository(ctx.db.kysely);
  }

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(userView);
  }

  async get(id: number, repo = this.users): Promise<UserView> {
    const [row] = await repo.list(id);
    if (!row) return refuse('not_found', 'USER_NOT_FOUND', '用户不存在。');
    return userView(row);
  }

  /**
   * A new account with a system-made initial password (domain/initial-password.ts), answered this
   * once for the security administrator to hand over: only its hash is stored, and the audit entry
   * says one was issued and until when, never the password.
   */
  async create(actor: Actor, who: AuditWho, input: UserInput): Promise<UserView & InitialPasswordShown> {
    this.checkDuties(actor, null, input);
    await this.validate(input);
    const now = this.ctx.clock.now();
    const issued = await issueInitialPassword(input.username, now);
    return this.users.transaction(async (repo, trx) => {
      const id = await repo.insert(columns(input), issued.hash, now);
      const after = await this.get(id, repo);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'user.created',
        target: target(after),
        after,
        detail: issuedDetail(issued.expiresAt),
      });
      return { ...after, initialPassword: shown(issued) };
    });
  }

  /** `input.version`: the version the form was opened on; an account edited since is not overwritten (409). */
  async update(
    actor: Actor,
    who: AuditWho,
    id: number,
    input: UserInput & { version?: number | undefined },
  ): Promise<UserView> {
    const before = await this.get(id);
    this.checkDuties(actor, before, input);
    await this.validate(input, id);
    const conflict = () => editConflict(`账号「${before.username}」`, before.version);
    if (input.version !== undefined && input.version !== before.version) conflict();
    return this.users.transaction(async (repo, trx) => {
      if (!(await repo.update(id, columns(input), before.version))) conflict();
      // A session carries what the account could do when it began: taken away, it ends with it.
      if (changesAccess(accessOf(before), accessOf(input))) await repo.endSessions(id);
      const after = await this.get(id, repo);
      const rolesChanged = before.roles.join() !== after.roles.join();
      await this.ctx.audit.record(trx, {
        ...who,
        action: rolesChanged ? 'user.roles_changed' : 'user.updated',
        target: target(after),
        before,
        after,
      });
      return after;
    });
  }

  /**
   * A new system-made initial password for an account that is not an administrator's
   * (domain/duties.ts), shown this once: the account's sessions end, its lockout is lifted, and
   * the holder must replace the password at the next sign-in, within its validity.
   */
  async resetPassword(actor: Actor, who: AuditWho, id: number): Promise<InitialPasswordShown> {
    const account = await this.get(id);
    const duty = passwordResetProblem(actor, account);
    if (duty) refuse('forbidden', duty.code, duty.message);
    const now = this.ctx.clock.now();
    const issued = await issueInitialPassword(account.username, now);
    await this.users.transaction(async (repo, trx) => {
      await repo.setPassword(id, issued.hash, now);
      await repo.endSessions(id);
      // A new password is how a locked-out holder gets back in: the failed attempts are forgotten.
      await new SessionRepository(trx).clearFailures(account.username, new Date(0));
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'user.password_reset',
        target: target(account),
        detail: issuedDetail(issued.expiresAt),
      });
    });
    return { initialPassword: shown(issued) };
  }

  /**
   * A holder who lost the phone with their authenticator and their recovery codes: the security
   * administrator clears the second factor, with the reason for the log. Every session ends; at
   * the next sign-in a role that needs the second factor enrols a new one before anything else.
   */
  async resetTotp(actor: Actor, who: AuditWho, id: number, reason: string): Promise<UserView> {
    const account = await this.get(id);
    const duty = passwordResetProblem(actor, account, 'totp');
    if (duty) refuse('forbidden', duty.code, duty.message);
    if (!account.totpEnabled)
      refuse('rule', 'TOTP_NOT_ENABLED', `${account.name}尚未启用两步验证，无需重置。`);
    return this.users.transaction(async (repo, trx) => {
      await repo.clearTotp(id);
      await repo.endSessions(id);
      await this.ctx.audit.record(trx, {
        ...who,
        action: 'user.totp_reset',
        target: target(account),
        after: { reason },
      });
      return this.get(id, repo);
    });
  }

  private checkDuties(actor: Actor, before: UserView | null, input: UserInput) {
    const problem = accountChangeProblem(
      actor,
      before ? { id: before.id, access: accessOf(before) } : null,
      accessOf(input),
    );
    if (problem)
      refuse(problem.code === 'DUTIES_COMBINED' ? 'invalid' : 'forbidden', problem.code, problem.message);
  }

  private async validate(b: UserInput, selfId?: number) {
    const unit = await this.users.unit(b.unitId);
    if (!unit) refuse('invalid', 'UNIT_NOT_FOUND', '所属单位不存在。');
    const allowed = rolesAllowedIn(unit.kind as UnitKind);
    if (allowed.length === 0)
      refuse(
        'invalid',
        'UNIT_HAS_NO_ACCOUNTS',
        `「${unit.name}」不设人员账号：市平台通过管理员创建的接口客户端（密钥）调用回音。`,
      );
    const wrong = b.roles.filter((r) => !allowed.includes(r));
    if (wrong.length > 0) {
      refuse(
        'invalid',
        'ROLE_NOT_FOR_UNIT',
        `「${unit.name}」的人员不能担任：${wrong.map((r) => ROLE_LABELS[r]).join('、')}。`,
      );
    }
    if (b.awayFrom && b.awayUntil && b.awayUntil < b.awayFrom) {
      refuse('invalid', 'AWAY_RANGE_INVALID', '不在岗的结束日期不能早于开始日期。');
    }
    const clash = await this.users.idOfUsername(b.username);
    if (clash && clash.id !== selfId) refuse('conflict', 'USERNAME_TAKEN', `用户名 ${b.username} 已被使用。`);
  }
}

/** The initial password as its one answer shows it. */
export interface InitialPasswordShown {
  initialPassword: { password: string; expiresAt: string };
}
const shown = (issued: IssuedPassword) => ({ password: issued.password, expiresAt: issued.expiresAt });

/** What the audit log keeps of an issued initial password: that it was issued, and until when; never the password. */
export const issuedDetail = (expiresAt: string) =>
  `系统生成一次性初始密码，北京时间 ${formatInstant(expiresAt)} 前有效（密码不记录）`;

/** How an audit entry names the account it is about. */
const target = (u: UserView) => `user:${u.id} ${u.username}`;
