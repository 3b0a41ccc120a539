import { can } from './policy.js';
import { type Actor, ADMIN_ROLES, ROLE_LABELS, type Role } from './roles.js';

/**
 * Separation of duties (三员分立, 等保 2.0): the system, security and audit administrators are
 * three different people, none of them also works orders, and none can widen their own reach
 * or take over another administrator's account.
 */
export interface DutyProblem {
  code: string;
  message: string;
}

const adminRolesIn = (roles: readonly Role[]) => roles.filter((r) => ADMIN_ROLES.includes(r));
const label = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r]).join('、');

/** Whether one account may hold these roles together. */
export function roleSetProblem(roles: readonly Role[]): DutyProblem | null {
  const admins = adminRolesIn(roles);
  if (admins.length > 1) {
    return {
      code: 'DUTIES_COMBINED',
      message: `${label(admins)}须由不同的人担任（三员分立），同一账号不能兼任。`,
    };
  }
  const business = roles.filter((r) => !ADMIN_ROLES.includes(r));
  if (admins.length === 1 && business.length > 0) {
    return {
      code: 'DUTIES_COMBINED',
      message: `${label(admins)}不能同时担任业务角色（${label(business)}）。`,
    };
  }
  return null;
}

/** What about an account only the security administrator may change: who it is and how far it reaches. */
export interface AccountAccess {
  roles: readonly Role[];
  unitId: number;
  active: boolean;
  /** The login name is how one signs in: renaming an account locks its holder out. */
  username?: string;
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

/** Whether a change moves the account's roles, unit (its reach) or its being active. */
export function changesAccess(before: AccountAccess | null, after: AccountAccess): boolean {
  return (
    before === null ||
    !sameRoles(before.roles, after.roles) ||
    before.unitId !== after.unitId ||
    before.active !== after.active ||
    (before.username !== undefined && after.username !== undefined && before.username !== after.username)
  );
}

/**
 * May the actor create an account (before = null) or change one (target id and its access
 * before) to the given access? Profile fields (name, phone, AB slot, absences) need `user.edit`;
 * anything that changes access needs `user.grantRole` (the security administrator's). The
 * administrators' own accounts (三员) are not changed in the application at all, only on the
 * server (src/setup/accounts.ts), where whoever acts already holds the database.
 */
export function accountChangeProblem(
  actor: Actor,
  target: { id: number; access: AccountAccess } | null,
  after: AccountAccess,
): DutyProblem | null {
  const renamed =
    target?.access.username !== undefined &&
    after.username !== undefined &&
    target.access.username !== after.username;
  if (renamed && target && adminRolesIn(target.access.roles).length > 0) {
    return {
      code: 'ADMIN_USERNAME',
      message: `${label(adminRolesIn(target.access.roles))}的登录名不能修改（改名会让本人无法登录）。`,
    };
  }
  if (changesAccess(target?.access ?? null, after)) {
    const admins = adminRolesIn([...(target?.access.roles ?? []), ...after.roles]);
    if (admins.length > 0) {
      // Were these in the application, one administrator could demote another, reset the
      // password of the now ordinary account, restore the role and sign in as them; or disable the
      // only auditor; or create a second security administrator to change their own roles through.
      return {
        code: 'ADMIN_ACCOUNT_ON_SERVER',
        message: `${label(admins)}账号的新增、角色、所属单位和启用停用不在系统中办理（三员不能互相接管），由运维人员在服务器上运行 npm run account:admin 或 npm run account:active 办理，记入审计日志。`,
      };
    }
    if (!can(actor, 'user.grantRole')) {
      return {
        code: 'ROLE_GRANT_FORBIDDEN',
        message: '新增账号、修改登录名、授予或撤销角色、调整所属单位和停用账号由安全管理员办理。',
      };
    }
  }
  return roleSetProblem(after.roles);
}

/**
 * May the actor reset this account's password, or its second factor (a lost phone)? Never their
 * own here (the account page does that, with the current password), nor an administrator's: one
 * administrator resetting another's credentials could then sign in as them. An administrator who
 * has lost theirs is reset on the server (`npm run account:reset`, docs/operations.md).
 */
export function passwordResetProblem(
  actor: Actor,
  target: { id: number; roles: readonly Role[] },
  what: 'password' | 'totp' = 'password',
): DutyProblem | null {
  const thing = what === 'password' ? '密码' : '两步验证';
  if (target.id === actor.userId) {
    return {
      code: what === 'password' ? 'OWN_PASSWORD' : 'OWN_TOTP',
      message: `不能在这里重置自己的${thing}，请在「我的账号」中办理。`,
    };
  }
  if (adminRolesIn(target.roles).length > 0) {
    return {
      code: what === 'password' ? 'ADMIN_PASSWORD' : 'ADMIN_TOTP',
      message: `不能重置${label(adminRolesIn(target.roles))}的${thing}；管理员遗忘密码或丢失验证器时，由运维人员在服务器上运行 npm run account:reset 重置。`,
    };
  }
  return null;
}
