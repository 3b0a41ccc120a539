import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountAccess,
  accountChangeProblem,
  passwordResetProblem,
  roleSetProblem,
} from '../../src/domain/duties.js';
import { type Actor, ADMIN_ROLES, ROLES, type Role } from '../../src/domain/roles.js';

const actor = (roles: Role[], userId = 1): Actor => ({ userId, unitId: 1, roles, name: '测试' });
const secadmin = actor(['security_admin'], 1);
const access = (roles: Role[], unitId = 5, active = true) => ({ roles, unitId, active });

describe('separation of duties (三员分立)', () => {
  it('no account holds two administrator roles, or one with a business role', () => {
    expect(roleSetProblem(['admin', 'auditor'])?.code).toBe('DUTIES_COMBINED');
    expect(roleSetProblem(['admin', 'security_admin'])?.code).toBe('DUTIES_COMBINED');
    expect(roleSetProblem(['admin', 'dispatcher'])?.code).toBe('DUTIES_COMBINED');
    expect(roleSetProblem(['auditor', 'county_leader'])?.message).toContain('县政府领导');
    expect(roleSetProblem(['admin'])).toBeNull();
    expect(roleSetProblem(['dispatcher', 'reviewer'])).toBeNull();
  });

  it('holds for every set of roles', () => {
    fc.assert(
      fc.property(fc.subarray([...ROLES], { minLength: 1 }), (roles) => {
        const admins = roles.filter((r) => ADMIN_ROLES.includes(r));
        const ok = admins.length === 0 || roles.length === 1;
        expect(roleSetProblem(roles) === null).toBe(ok);
      }),
    );
  });

  it('only the security administrator changes a business account’s access', () => {
    const admin = actor(['admin'], 2);
    const target = { id: 9, access: access(['unit_liaison']) };
    expect(accountChangeProblem(admin, target, access(['unit_liaison']))).toBeNull();
    expect(accountChangeProblem(admin, target, access(['unit_leader']))?.code).toBe('ROLE_GRANT_FORBIDDEN');
    expect(accountChangeProblem(admin, target, access(['unit_liaison'], 6))?.code).toBe(
      'ROLE_GRANT_FORBIDDEN',
    );
    expect(accountChangeProblem(admin, target, access(['unit_liaison'], 5, false))?.code).toBe(
      'ROLE_GRANT_FORBIDDEN',
    );
    expect(accountChangeProblem(admin, null, access(['unit_liaison']))?.code).toBe('ROLE_GRANT_FORBIDDEN');
    expect(accountChangeProblem(secadmin, target, access(['unit_leader']))).toBeNull();
    expect(accountChangeProblem(secadmin, target, access(['unit_liaison', 'unit_leader']))).toBeNull();
  });

  it('no administrator account (三员) is created, re-roled, moved or switched off in the application', () => {
    const admin = actor(['admin'], 2);
    const auditorAccount = { id: 4, access: access(['auditor']) };
    const cases: Array<[Actor, { id: number; access: AccountAccess } | null, AccountAccess]> = [
      // A second security administrator, to change one's own roles through.
      [secadmin, null, access(['security_admin'])],
      [secadmin, null, access(['auditor'])],
      // Demoting the system administrator to reset the now ordinary account's password.
      [secadmin, { id: 2, access: access(['admin']) }, access(['dispatcher'])],
      // Switching off the only auditor, or moving them.
      [secadmin, auditorAccount, access(['auditor'], 5, false)],
      [secadmin, auditorAccount, access(['auditor'], 6)],
      // Their own, too.
      [secadmin, { id: 1, access: access(['security_admin']) }, access(['dispatcher'])],
      // A business account made an administrator.
      [secadmin, { id: 9, access: access(['unit_liaison']) }, access(['admin'])],
      [admin, { id: 2, access: access(['admin']) }, access(['admin', 'dispatcher'])],
    ];
    for (const [who, target, after] of cases)
      expect(accountChangeProblem(who, target, after)?.code, JSON.stringify(after)).toBe(
        'ADMIN_ACCOUNT_ON_SERVER',
      );
    // An administrator's name and phone (not their access) are still kept in the application.
    expect(accountChangeProblem(admin, auditorAccount, access(['auditor']))).toBeNull();
  });

  it('renames an account only as the security administrator, and never an administrator’s', () => {
    const admin = actor(['admin'], 2);
    const named = (roles: Role[], username: string) => ({ ...access(roles), username });
    const liaison = { id: 9, access: named(['unit_liaison'], 'town-a') };
    expect(accountChangeProblem(admin, liaison, named(['unit_liaison'], 'town-b'))?.code).toBe(
      'ROLE_GRANT_FORBIDDEN',
    );
    expect(accountChangeProblem(secadmin, liaison, named(['unit_liaison'], 'town-b'))).toBeNull();
    const auditor = { id: 4, access: named(['auditor'], 'auditor') };
    expect(accountChangeProblem(admin, auditor, named(['auditor'], 'auditor-renamed'))?.code).toBe(
      'ADMIN_USERNAME',
    );
    expect(accountChangeProblem(secadmin, auditor, named(['auditor'], 'auditor-renamed'))?.code).toBe(
      'ADMIN_USERNAME',
    );
    expect(accountChangeProblem(admin, auditor, named(['auditor'], 'auditor'))).toBeNull();
  });

  it('never resets another administrator’s password, nor one’s own here', () => {
    expect(passwordResetProblem(secadmin, { id: 4, roles: ['auditor'] })?.code).toBe('ADMIN_PASSWORD');
    expect(passwordResetProblem(secadmin, { id: 4, roles: ['admin'] })?.code).toBe('ADMIN_PASSWORD');
    expect(passwordResetProblem(secadmin, { id: 1, roles: ['security_admin'] })?.code).toBe('OWN_PASSWORD');
    expect(passwordResetProblem(secadmin, { id: 4, roles: ['unit_liaison'] })).toBeNull();
  });
});
