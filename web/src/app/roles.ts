import type { Role } from '../api/types';

export const UNIT_ROLES: Role[] = ['unit_liaison', 'unit_leader', 'unit_main_leader'];
export const OFFICE_ROLES: Role[] = ['dispatcher', 'reviewer'];

export type HomeKind =
  | 'dispatcher'
  | 'reviewer'
  | 'unit'
  | 'supervision'
  | 'overview'
  | 'admin'
  | 'audit'
  | 'none';

/** Which home page a user lands on; the first role in this order wins. */
export function homeKind(roles: readonly Role[]): HomeKind {
  if (roles.includes('dispatcher')) return 'dispatcher';
  if (roles.includes('reviewer')) return 'reviewer';
  if (roles.some((r) => UNIT_ROLES.includes(r))) return 'unit';
  if (roles.includes('supervisor')) return 'supervision';
  if (roles.includes('county_leader')) return 'overview';
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('auditor')) return 'audit';
  return 'none';
}

/** Whether the user can read work orders at all (administrators and auditors cannot). */
export function readsOrders(roles: readonly Role[]): boolean {
  return roles.some((r) =>
    ['dispatcher', 'reviewer', 'supervisor', 'county_leader', ...UNIT_ROLES].includes(r),
  );
}
