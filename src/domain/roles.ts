/**
 * Roles of people and the kinds of unit they belong to. The city platform is a unit (orders are
 * registered in its name) but has no people: it calls Huiyin as an API client with a key.
 */
export const ROLES = [
  'dispatcher',
  'reviewer',
  'unit_liaison',
  'unit_leader',
  'unit_main_leader',
  'supervisor',
  'county_leader',
  'admin',
  'security_admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  dispatcher: '派单员',
  reviewer: '审核员',
  unit_liaison: '单位联络员',
  unit_leader: '单位分管领导',
  unit_main_leader: '单位主要负责人',
  supervisor: '督查室督查员',
  county_leader: '县政府领导',
  admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '审计管理员',
};

export const UNIT_KINDS = [
  'hotline_office',
  'supervision_office',
  'department',
  'township',
  'city_platform',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  hotline_office: '县热线办',
  supervision_office: '县委县政府督查室',
  department: '县直部门',
  township: '乡镇',
  city_platform: '市级平台',
};

/** Units that can be dispatched to: they handle orders. */
export const HANDLING_UNIT_KINDS: UnitKind[] = ['department', 'township'];

export const UNIT_ROLES: readonly Role[] = ['unit_liaison', 'unit_leader', 'unit_main_leader'];

/**
 * The three administrators (三员): the system administrator runs the organization and settings,
 * the security administrator accounts, roles and security settings, the audit administrator
 * reads the audit log. No account holds two of them, or one of them with a business role.
 */
export const ADMIN_ROLES: readonly Role[] = ['admin', 'security_admin', 'auditor'];

/** Which roles a user in a unit of this kind may hold (a dispatcher belongs to the office, …). */
export function rolesAllowedIn(kind: UnitKind): readonly Role[] {
  switch (kind) {
    case 'hotline_office':
      // County leaders have no unit of their own in the system; they sign in through the office.
      return ['dispatcher', 'reviewer', 'admin', 'security_admin', 'auditor', 'county_leader'];
    case 'supervision_office':
      return ['supervisor'];
    case 'department':
    case 'township':
      return UNIT_ROLES;
    case 'city_platform':
      return [];
  }
}

export interface Actor {
  userId: number;
  unitId: number;
  roles: readonly Role[];
  name: string;
}
