import { describe, expect, it } from 'vitest';
import { type AttachmentFacts, checkProof } from '../../src/domain/attachment-purpose.js';
import { AppRefusal } from '../../src/domain/refusal.js';

const scan: AttachmentFacts = { id: 7, orderId: 1, purpose: 'extension_scan', unitId: 10, boundTo: null };
const need = { purpose: 'extension_scan', orderId: 1, unitId: 10 } as const;

function codeOf(f: () => void): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (!(e instanceof AppRefusal)) throw e;
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    return e.code;
  }
}

describe('a file proves a request only when uploaded for it', () => {
  it('accepts the requesting unit’s own unused scan, uploaded for this purpose on this order', () => {
    expect(codeOf(() => checkProof(scan, need))).toBeNull();
  });

  it('refuses a missing file, or one on another order', () => {
    expect(codeOf(() => checkProof(undefined, need))).toBe('ATTACHMENT_REQUIRED');
    expect(codeOf(() => checkProof({ ...scan, orderId: 2 }, need))).toBe('ATTACHMENT_REQUIRED');
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
      expect(codeOf(() => checkProof({ ...scan, purpose }, need))).toBe('ATTACHMENT_WRONG_PURPOSE');
    }
  });

  it('refuses another unit’s upload, and a file already serving an earlier request', () => {
    expect(codeOf(() => checkProof({ ...scan, unitId: 11 }, need))).toBe('ATTACHMENT_NOT_OWN');
    expect(codeOf(() => checkProof({ ...scan, boundTo: 'requestExtension@x' }, need))).toBe(
      'ATTACHMENT_ALREADY_USED',
    );
  });

  it('the office’s fax scan needs no particular uploader, only the purpose', () => {
    const fax = { ...scan, purpose: 'fax_reply', unitId: 99 };
    expect(codeOf(() => checkProof(fax, { purpose: 'fax_reply', orderId: 1 }))).toBeNull();
    expect(codeOf(() => checkProof(scan, { purpose: 'fax_reply', orderId: 1 }))).toBe(
      'ATTACHMENT_WRONG_PURPOSE',
    );
  });
});
