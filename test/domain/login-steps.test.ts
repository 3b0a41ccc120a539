import { describe, expect, it } from 'vitest';
import {
  CHANGED_MEANWHILE_MINUTES,
  DEFAULT_SECURITY_SETTINGS,
  mayHaveRacedChange,
  passwordDaysLeft,
  pendingSteps,
  requiresTotp,
  TOTP_ROLES,
} from '../../src/domain/login-security.js';
import { ROLES, UNIT_ROLES } from '../../src/domain/roles.js';

describe('the steps before a user may use the system', () => {
  const required = { ...DEFAULT_SECURITY_SETTINGS, totpRequired: true };
  const off = { ...DEFAULT_SECURITY_SETTINGS, totpRequired: false };
  const now = new Date('2026-03-02T09:00:00+08:00');
  const fresh = now.toISOString();

  it('a first password must be changed, whatever the second factor', () => {
    const user = {
      roles: ['unit_liaison' as const],
      mustChangePassword: true,
      totpEnabled: false,
      passwordSetAt: fresh,
    };
    expect(pendingSteps(user, off, now)).toEqual({
      mustChangePassword: true,
      passwordExpired: false,
      mustEnrolTotp: false,
    });
  });

  it('the second factor is a step only when the settings require it for one of the roles and it is not on yet', () => {
    const admin = {
      roles: ['admin' as const],
      mustChangePassword: false,
      totpEnabled: false,
      passwordSetAt: fresh,
    };
    expect(pendingSteps(admin, required, now).mustEnrolTotp).toBe(true);
    expect(pendingSteps(admin, off, now).mustEnrolTotp).toBe(false);
    expect(pendingSteps({ ...admin, totpEnabled: true }, required, now).mustEnrolTotp).toBe(false);
  });

  it('each switch covers its own roles: the office’s, leaders’ and administrators’, or the units’ (off by default)', () => {
    expect(DEFAULT_SECURITY_SETTINGS.totpRequiredForUnits).toBe(false);
    for (const office of [false, true])
      for (const units of [false, true]) {
        const settings = { ...DEFAULT_SECURITY_SETTINGS, totpRequired: office, totpRequiredForUnits: units };
        for (const role of ROLES) {
          const expected = TOTP_ROLES.includes(role) ? office : UNIT_ROLES.includes(role) ? units : false;
          expect(requiresTotp([role], settings), `${role} office=${office} units=${units}`).toBe(expected);
        }
      }
    // Every role is covered by one of the two switches.
    expect(ROLES.filter((r) => !TOTP_ROLES.includes(r) && !UNIT_ROLES.includes(r))).toEqual([]);
    const liaison = {
      roles: ['unit_liaison' as const],
      mustChangePassword: false,
      totpEnabled: false,
      passwordSetAt: fresh,
    };
    expect(pendingSteps(liaison, required, now).mustEnrolTotp).toBe(false);
    expect(pendingSteps(liaison, { ...off, totpRequiredForUnits: true }, now).mustEnrolTotp).toBe(true);
  });

  it('a password past its maximum age must be changed; 0 days means never', () => {
    const day = 86_400_000;
    const setAt = (daysAgo: number) => new Date(now.getTime() - daysAgo * day).toISOString();
    const user = (daysAgo: number) => ({
      roles: ['security_admin' as const],
      mustChangePassword: false,
      totpEnabled: true,
      passwordSetAt: setAt(daysAgo),
    });
    const ninety = { ...off, passwordMaxAgeDays: 90 };
    expect(pendingSteps(user(89.9), ninety, now)).toMatchObject({
      mustChangePassword: false,
      passwordExpired: false,
    });
    expect(pendingSteps(user(90), ninety, now)).toMatchObject({
      mustChangePassword: true,
      passwordExpired: true,
    });
    expect(pendingSteps(user(400), { ...ninety, passwordMaxAgeDays: 0 }, now).mustChangePassword).toBe(false);
    // A one-time password is changed for that reason, not for its age.
    expect(pendingSteps({ ...user(400), mustChangePassword: true }, ninety, now).passwordExpired).toBe(false);
    expect(passwordDaysLeft(setAt(83), now, ninety)).toBe(7);
    expect(passwordDaysLeft(setAt(89.5), now, ninety)).toBe(1);
    expect(passwordDaysLeft(setAt(95), now, ninety)).toBe(0);
    expect(passwordDaysLeft(setAt(95), now, { ...ninety, passwordMaxAgeDays: 0 })).toBeNull();
  });
});

describe('a password change that names the password just replaced', () => {
  const now = new Date('2026-03-02T09:00:00+08:00');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const MIN = 60_000;

  it('may have raced a change made in the same session within the last ten minutes', () => {
    expect(mayHaveRacedChange(ago(0), ago(0), now)).toBe(true);
    expect(mayHaveRacedChange(ago(2_000), ago(60 * MIN), now)).toBe(true);
    expect(mayHaveRacedChange(ago(CHANGED_MEANWHILE_MINUTES * MIN), ago(60 * MIN), now)).toBe(true);
  });

  it('did not, when the change is older, came before the session began, or lies ahead of the clock', () => {
    expect(mayHaveRacedChange(ago(CHANGED_MEANWHILE_MINUTES * MIN + 1), ago(60 * MIN), now)).toBe(false);
    // A session signed in after the change was opened with the new password: the old one is a mistake.
    expect(mayHaveRacedChange(ago(2 * MIN), ago(MIN), now)).toBe(false);
    expect(mayHaveRacedChange(ago(-MIN), ago(60 * MIN), now)).toBe(false);
  });
});
