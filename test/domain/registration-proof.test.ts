import { describe, expect, it } from 'vitest';
import { checkRegistrationProof } from '../../src/domain/attachment-purpose.js';
import { refusalCode } from './refusal-code.js';

const need = { purpose: 'registration_scan' as const, forUnitId: 7 };
const scan = { id: 1, orderId: null, purpose: 'registration_scan', unitId: 7, boundTo: null, forUnitId: 7 };

describe('the stamped registration form (登记表) as proof', () => {
  it('accepts the unit’s own unused scan, uploaded by anyone who may file for it', () => {
    expect(refusalCode(() => checkRegistrationProof(scan, need))).toBeUndefined();
    expect(refusalCode(() => checkRegistrationProof({ ...scan, unitId: 1 }, need))).toBeUndefined();
  });

  it.each([
    [undefined, 'ATTACHMENT_REQUIRED'],
    [{ ...scan, purpose: 'photo' }, 'ATTACHMENT_WRONG_PURPOSE'],
    [{ ...scan, forUnitId: 8 }, 'ATTACHMENT_OTHER_REQUEST'],
    [{ ...scan, orderId: 5, forUnitId: null }, 'ATTACHMENT_OTHER_REQUEST'],
    [{ ...scan, boundTo: 'registration:7@2026-03-01T00:00:00.000Z' }, 'ATTACHMENT_ALREADY_USED'],
  ])('refuses %o with %s', (file, code) => {
    expect(refusalCode(() => checkRegistrationProof(file, need))).toBe(code);
  });
});
