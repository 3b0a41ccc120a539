import { describe, expect, it } from 'vitest';
import { type AttachmentFacts, checkProof } from '../../src/domain/attachment-purpose.js';
import type { AppRefusal } from '../../src/domain/refusal.js';
import { refusalCode } from './refusal-code.js';

const scan: AttachmentFacts = { id: 7, orderId: 1, purpose: 'extension_scan', unitId: 10, boundTo: null };
const need = { purpose: 'extension_scan', orderId: 1, unitId: 10 } as const;

describe('a file proves a request only when uploaded for it', () => {
  it('accepts the requesting unit’s own unused scan, uploaded for this purpose on this order', () => {
    expect(refusalCode(() => checkProof(scan, need))).toBeUndefined();
  });

  it('refuses a missing file, or one on another order', () => {
    expect(refusalCode(() => checkProof(undefined, need))).toBe('ATTACHMENT_REQUIRED');
    expect(refusalCode(() => checkProof({ ...scan, orderId: 2 }, need))).toBe('ATTACHMENT_REQUIRED');
  });

  it('refuses a photo (or any other purpose) as the signed request, naming what it is', () => {
    let message = '';
    try {
      checkProof({ ...scan, purpose: 'photo' }, need);
    } catch (e) {
      message = (e as Error).message;
      expect((e as AppRefusal).code).toBe('ATTACHMENT_WRONG_PURPOSE');
    }
    expect(message).toContain('现场照片');
    expect(message).toContain('延期申请扫描件');
    for (const purpose of ['material', 'fax_reply', 'other', 'bogus']) {
      expect(refusalCode(() => checkProof({ ...scan, purpose }, need))).toBe('ATTACHMENT_WRONG_PURPOSE');
    }
  });

  it('refuses another unit’s upload, and a file already serving an earlier request', () => {
    expect(refusalCode(() => checkProof({ ...scan, unitId: 11 }, need))).toBe('ATTACHMENT_NOT_OWN');
    expect(refusalCode(() => checkProof({ ...scan, boundTo: 'requestExtension@x' }, need))).toBe(
      'ATTACHMENT_ALREADY_USED',
    );
  });

  it('the office’s fax scan needs no particular uploader, only the purpose', () => {
    const fax = { ...scan, purpose: 'fax_reply', unitId: 99 };
    expect(refusalCode(() => checkProof(fax, { purpose: 'fax_reply', orderId: 1 }))).toBeUndefined();
    expect(refusalCode(() => checkProof(scan, { purpose: 'fax_reply', orderId: 1 }))).toBe(
      'ATTACHMENT_WRONG_PURPOSE',
    );
  });
});
