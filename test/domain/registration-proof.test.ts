import { describe, expect, it } from 'vitest';
import { checkRegistrationProof } from '../../src/domain/attachment-purpose.js';
import { AppRefusal } from '../../src/domain/refusal.js';

const need = { purpose: 'registration_scan' as const, forUnitId: 7 };
const scan = { id: 1, orderId: null, purpose: 'registration_scan', unitId: 7, boundTo: null, forUnitId: 7 };

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof AppRefusal) return e.code;
    throw e;
  }
  return undefined;
}

describe('the stamped registration form (登记表) as proof', () => {
  it('accepts the unit’s own unused scan, uploaded by anyone who may file for it', () => {
    expect(codeOf(() => checkRegistrationProof(scan, need))).toBeUndefined();
    expect(codeOf(() => checkRegistrationProof({ ...scan, unitId: 1 }, need))).toBeUndefined();
  });

  it.each([
    [undefined, 'ATTACHMENT_REQUIRED'],
    [{ ...scan, purpose: 'photo' }, 'ATTACHMENT_WRONG_PURPOSE'],
    [{ ...scan, forUnitId: 8 }, 'ATTACHMENT_OTHER_REQUEST'],
    [{ ...scan, orderId: 5, forUnitId: null }, 'ATTACHMENT_OTHER_REQUEST'],
    [{ ...scan, boundTo: 'registration:7@2026-03-01T00:00:00.000Z' }, 'ATTACHMENT_ALREADY_USED'],
  ])('refuses %o with %s', (file, code) => {
    expect(codeOf(() => checkRegistrationProof(file, need))).toBe(code);
  });
});
