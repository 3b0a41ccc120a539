import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  INITIAL_PASSWORD_ALPHABET,
  INITIAL_PASSWORD_VALID_HOURS,
  initialPasswordExpiresAt,
  initialPasswordLapsed,
  newInitialPassword,
} from '../../src/domain/initial-password.js';
import { passwordProblem } from '../../src/domain/login-security.js';

const COMMON = new Set(['password123']);

describe('system-made initial passwords', () => {
  it('are four groups of four readable signs that meet the password policy', () => {
    for (let i = 0; i < 500; i++) {
      const password = newInitialPassword('liu-a', COMMON, (n) => randomInt(n));
      expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      expect(password).not.toMatch(/[0O1Il]/);
      expect(passwordProblem(password, 'liu-a', COMMON)).toBeNull();
    }
    expect(INITIAL_PASSWORD_ALPHABET).toHaveLength(32);
    expect(new Set(INITIAL_PASSWORD_ALPHABET).size).toBe(32);
  });

  it('draws again when a draw breaks the policy (no digit here)', () => {
    // The first 16 draws give only letters, the next 16 letters and digits.
    const draws = [...Array(16).fill(0), ...Array.from({ length: 16 }, (_, i) => (i % 2 ? 0 : 31))];
    let next = 0;
    const password = newInitialPassword('liu-a', COMMON, () => draws[next++] ?? 0);
    expect(password).toBe('9A9A-9A9A-9A9A-9A9A');
    expect(next).toBe(32);
  });

  it(`lapse ${INITIAL_PASSWORD_VALID_HOURS} hours after they were set, and only while they are one-time`, () => {
    const setAt = '2026-03-06T08:00:00.000Z';
    expect(initialPasswordExpiresAt(setAt).toISOString()).toBe('2026-03-09T08:00:00.000Z');
    const just = new Date('2026-03-09T07:59:59.999Z');
    const then = new Date('2026-03-09T08:00:00.000Z');
    expect(initialPasswordLapsed({ mustChangePassword: true, passwordSetAt: setAt }, just)).toBe(false);
    expect(initialPasswordLapsed({ mustChangePassword: true, passwordSetAt: setAt }, then)).toBe(true);
    expect(initialPasswordLapsed({ mustChangePassword: false, passwordSetAt: setAt }, then)).toBe(false);
  });
});
