import type { Transaction } from 'kysely';
import { SessionRepository } from '../db/repositories/session.repository.js';
import { UnitRepository } from '../db/repositories/unit.repository.js';
import { parseRoles } from '../db/repositories/user.repository.js';
import { UserAdminRepository } from '../db/repositories/user-admin.repository.js';
import type { Database } from '../db/schema.js';
import { ADMIN_ROLES, ROLE_LABELS, type Role } from '../domain/roles.js';
import { issueInitialPassword } from '../modules/auth/initial-password.js';
import { issuedDetail } from '../modules/users/users.service.js';
import type { AppContext } from '../server/context.js';

/**
 * The operator's account commands, run on the server (`src/setup/cli.ts`), for what nobody can do
 * in the application: a county's own database starts with no account at all (the demo's are not
 * written there), and one administrator may not reset another's password or second factor
 * (domain/duties.ts). Whoever runs these already holds the database; the audit log records them
 * as the server's command line.
 */
const COMMAND_LINE = { actor: { userId: null, username: '服务器命令行' }, ip: null };

export interface IssuedAccount {
  username: string;
  role: string;
  /** The system-made initial password, printed once; only its hash is stored. */
  password: string;
  expiresAt: string;
}

/**
 * An administrator's account (in the hotline office, one role, no liaison slot) with a one-time
 * system-made initial password, and its entry in the audit log as the command line's.
 */
async function issueAdministrator(
  ctx: AppContext,
  trx: Transaction<Database>,
  a: { username: string; name: string; role: Role; office: number },
  now: Date,
): Promise<IssuedAccount> {
  const issued = await issueInitialPassword(a.username, now);
  const row = {
    username: a.username,
    name: a.name,
    unit_id: a.office,
    roles: JSON.stringify([a.role]),
    phone: '',
    email: null,
    active: 1,
    liaison_slot: null,
    away_from: null,
    away_until: null,
    away_note: null,
  };
  const id = await new UserAdminRepository(trx).insert(row, issued.hash, now);
  await ctx.audit.record(trx, {
    ...COMMAND_LINE,
    action: 'user.created',
    target: `user:${id} ${a.username}`,
    after: { username: a.username, name: a.name, roles: [a.role], unitId: a.office },
    detail: issuedDetail(issued.expiresAt),
  });
  return {
    username: a.username,
    role: ROLE_LABELS[a.role],
    password: issued.password,
    expiresAt: issued.expiresAt,
  };
}

const FIRST_ADMINISTRATORS: ReadonlyArray<{ username: string; role: Role }> = [
  { username: 'admin', role: 'admin' },
  { username: 'secadmin', role: 'security_admin' },
  { username: 'auditor', role: 'auditor' },
];

/**
 * The three administrators (三员) of a new county, in the county hotline office (created if the
 * database has none), each with a one-time password. Refused once any administrator exists: from
 * then on the security administrator creates accounts, and `resetAccount` recovers them.
 */
export async function firstAdministrators(ctx: AppContext): Promise<IssuedAccount[]> {
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const users = new UserAdminRepository(trx);
    const existing = (await users.list()).filter((u) =>
      parseRoles(u.roles).some((r) => ADMIN_ROLES.includes(r)),
    );
    if (existing.length > 0)
      throw new Error(
        `已有管理员账号（${existing.map((u) => u.username).join('、')}），不再新建；遗忘密码或丢失验证器请用 account-reset。`,
      );
    const units = new UnitRepository(trx);
    const office =
      (await units.firstOfKind('hotline_office')) ??
      (await units.insert({
        code: 'office',
        name: '县市民服务热线办公室',
        kind: 'hotline_office',
        remit: '接收市12345热线转办和本县各渠道的群众诉求，负责登记、分派、催办督办、审核、回访和办结。',
        active: 1,
        created_at: now.toISOString(),
      }));
    const issued: IssuedAccount[] = [];
    for (const { username, role } of FIRST_ADMINISTRATORS) {
      issued.push(
        await issueAdministrator(ctx, trx, { username, name: ROLE_LABELS[role], role, office }, now),
      );
    }
    return issued;
  });
}

/**
 * Gives any account, administrators included, a one-time password (and, with `totp`, clears its
 * second factor for a lost phone): its sessions end, its lockout is lifted, and it must choose a
 * new password at the next sign-in.
 */
export async function resetAccount(
  ctx: AppContext,
  username: string,
  options: { totp: boolean },
): Promise<IssuedAccount> {
  const now = ctx.clock.now();
  const issued = await issueInitialPassword(username, now);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const users = new UserAdminRepository(trx);
    const row = await users.idOfUsername(username);
    if (!row) throw new Error(`没有登录名为 ${username} 的账号。`);
    const [account] = await users.list(row.id);
    if (!account) throw new Error(`没有登录名为 ${username} 的账号。`);
    await users.setPassword(row.id, issued.hash, now);
    if (options.totp) await users.clearTotp(row.id);
    await users.endSessions(row.id);
    await new SessionRepository(trx).clearFailures(username, new Date(0));
    const target = `user:${row.id} ${username}`;
    await ctx.audit.record(trx, {
      ...COMMAND_LINE,
      action: 'user.password_reset',
      target,
      detail: issuedDetail(issued.expiresAt),
    });
    if (options.totp)
      await ctx.audit.record(trx, {
        ...COMMAND_LINE,
        action: 'user.totp_reset',
        target,
        after: { reason: '在服务器上运行 account-reset --totp' },
      });
    const role = parseRoles(account.roles)
      .map((r) => ROLE_LABELS[r])
      .join('、');
    return { username, role, password: issued.password, expiresAt: issued.expiresAt };
  });
}

const ADMIN_KINDS: Record<string, Role> = { system: 'admin', security: 'security_admin', audit: 'auditor' };

/**
 * Another administrator (a successor, or a deputy for leave), in the county hotline office, with a
 * one-time password. Only here: in the application one administrator creating another could
 * then change their own roles through it (domain/duties.ts).
 */
export async function addAdministrator(
  ctx: AppContext,
  username: string,
  name: string,
  kind: string,
): Promise<IssuedAccount> {
  const role = ADMIN_KINDS[kind];
  if (!role)
    throw new Error(
      `管理员种类须为 system（系统管理员）、security（安全管理员）或 audit（审计管理员），不是「${kind}」。`,
    );
  if (!/^[a-z0-9][a-z0-9._-]{1,31}$/.test(username))
    throw new Error(`登录名「${username}」须为 2–32 位小写字母、数字、点、横线或下划线。`);
  if (name.trim().length < 2) throw new Error('请给出管理员本人的姓名。');
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const users = new UserAdminRepository(trx);
    if (await users.idOfUsername(username)) throw new Error(`登录名 ${username} 已被使用。`);
    const office = await new UnitRepository(trx).firstOfKind('hotline_office');
    if (!office) throw new Error('库中没有县热线办：请先运行 npm run accounts:first。');
    return issueAdministrator(ctx, trx, { username, name: name.trim(), role, office }, now);
  });
}

/**
 * Switches any account on or off (an administrator who leaves; the application does not switch off
 * administrators). Off ends its sessions at once.
 */
export async function setAccountActive(ctx: AppContext, username: string, active: boolean): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const users = new UserAdminRepository(trx);
    const row = await users.idOfUsername(username);
    const [account] = row ? await users.list(row.id) : [];
    if (!row || !account) throw new Error(`没有登录名为 ${username} 的账号。`);
    if (Boolean(account.active) === active) return;
    await users.setActive(row.id, active);
    if (!active) await users.endSessions(row.id);
    await ctx.audit.record(trx, {
      ...COMMAND_LINE,
      action: 'user.updated',
      target: `user:${row.id} ${username}`,
      before: { active: Boolean(account.active) },
      after: { active },
    });
  });
}
