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
      message: `${label(admins)}须由不同的人担任(三员分立),同一账号不能兼任。`,
    };
  }
  const business = roles.filter((r) => !ADMIN_ROLES.includes(r));
  if (admins.length === 1 && business.length > 0) {
    return {
      code: 'DUTIES_COMBINED',
      message: `${label(admins)}不能同时担任业务角色(${label(business)})。`,
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
 * anything that changes access needs `user.grantRole`, and nobody changes their own access.
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
      message: `${label(adminRolesIn(target.access.roles))}的登录名不能修改(改名会让本人无法登录)。`,
    };
  }
  if (changesAccess(target?.access ?? null, after)) {
    if (!can(actor, 'user.grantRole')) {
      return {
        code: 'ROLE_GRANT_FORBIDDEN',
        message: '新增账号、修改登录名、授予或撤销角色、调整所属单位和停用账号由安全管理员办理。',
      };
    }
    if (target?.id === actor.userId) {
      return {
        code: 'OWN_ROLES',
        message: '不能修改自己账号的角色、所属单位或状态,请由另一位安全管理员办理。',
      };
    }
  }
  return roleSetProblem(after.roles);
}

/** May the actor set a new password for this account? Never another administrator's, nor their own here. */
export function passwordResetProblem(
  actor: Actor,
  target: { id: number; roles: readonly Role[] },
): DutyProblem | null {
  if (target.id === actor.userId) {
    return { code: 'OWN_PASSWORD', message: '不能在这里重置自己的密码,请在个人设置中修改。' };
  }
  if (adminRolesIn(target.roles).length > 0) {
    return {
      code: 'ADMIN_PASSWORD',
      message: `不能重置${label(adminRolesIn(target.roles))}的密码;管理员的密码由本人修改,遗忘时按运维手册在服务器上重置。`,
    };
  }
  return null;
}
