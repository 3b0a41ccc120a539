import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_SETTINGS, pendingSteps } from '../../src/domain/login-security.js';

describe('the steps before a user may use the system', () => {
  const required = { ...DEFAULT_SECURITY_SETTINGS, totpRequired: true };
  const off = { ...DEFAULT_SECURITY_SETTINGS, totpRequired: false };

  it('a first password must be changed, whatever the second factor', () => {
    const user = { roles: ['unit_liaison' as const], mustChangePassword: true, totpEnabled: false };
    expect(pendingSteps(user, off)).toEqual({ mustChangePassword: true, mustEnrolTotp: false });
  });

  it('the second factor is a step only when the settings require it for one of the roles and it is not on yet', () => {
    const admin = { roles: ['admin' as const], mustChangePassword: false, totpEnabled: false };
    expect(pendingSteps(admin, required).mustEnrolTotp).toBe(true);
    expect(pendingSteps(admin, off).mustEnrolTotp).toBe(false);
    expect(pendingSteps({ ...admin, totpEnabled: true }, required).mustEnrolTotp).toBe(false);
  });
});
