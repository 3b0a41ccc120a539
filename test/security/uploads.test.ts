import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { PDF, uploadRaw } from '../support/upload.js';

const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describe(`uploads checked by content, purpose and quota (${TEST_DIALECT})`, { timeout: 30_000 }, () => {
  let t: TestApp;
  let orderId: number;
  beforeAll(async () => {
    t = await createTestApp();
    orderId = (await registeredAndDispatched(t, 'housing')).id;
  });
  afterAll(() => t.close());

  const upload = (data: Buffer, purpose = 'photo', name = 'scan.pdf', type = 'application/pdf') =>
    uploadRaw(t, 'housing-a', orderId, purpose, { name, type, data });

  it('stores a real PDF and refuses a PDF or image carrying HTML or script', async () => {
    expect((await upload(PDF)).statusCode).toBe(201);
    const polyglot = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.from('<html><script>alert(1)</script></html>'),
    ]);
    const res = await upload(polyglot);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FILE_ACTIVE_CONTENT');
    await refused(
      upload(Buffer.concat([PNG_HEAD, Buffer.from('<svg onload=alert(1)>')]), 'photo', 'a.png', 'image/png'),
      400,
      'FILE_ACTIVE_CONTENT',
    );
    await refused(
      upload(Buffer.from('%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF')),
      400,
      'FILE_ACTIVE_CONTENT',
    );
    // Content decides, not the name or the claimed type.
    await refused(upload(Buffer.from('<html>hi</html>'), 'photo', 'a.pdf'), 400, 'FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses an image whose picture is over 100 megapixels, however small its file; a 48-megapixel photo passes', async () => {
    const png = (width: number, height: number) => {
      const ihdr = Buffer.alloc(13);
      ihdr.writeUInt32BE(width, 0);
      ihdr.writeUInt32BE(height, 4);
      ihdr.set([8, 6, 0, 0, 0], 8);
      const chunk = (type: string, data: Buffer) => {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(data.length);
        return Buffer.concat([length, Buffer.from(type), data, Buffer.alloc(4)]);
      };
      return Buffer.concat([PNG_HEAD.subarray(0, 8), chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
    };
    const stored = async () =>
      (await t.ctx.db.kysely.selectFrom('attachments').select('id').where('order_id', '=', orderId).execute())
        .length;
    const before = await stored();
    const error = await refused(
      upload(png(30_000, 30_000), 'photo', 'a.png', 'image/png'),
      400,
      'IMAGE_TOO_MANY_PIXELS',
    );
    expect(error.message).toContain('30000 × 30000 像素');
    expect(await stored()).toBe(before);
    expect((await upload(png(8000, 6000), 'photo', 'b.png', 'image/png')).statusCode).toBe(201);
    expect(await stored()).toBe(before + 1);
  });

  it('accepts purposes from the fixed set only', async () => {
    for (const purpose of ['__proto__', 'constructor', 'toString', 'evidence'])
      await refused(upload(PDF, purpose), 400, 'PURPOSE_INVALID');
  });

  it("refuses an upload past the unit's storage quota", async () => {
    await t.ctx.settings.setSecurity({ ...(await t.ctx.settings.security()), unitUploadQuotaMb: 10 });
    await t.ctx.db.kysely
      .updateTable('attachments')
      .set({ size: 10 * 1024 * 1024 })
      .where('unit_id', '=', t.unitId('housing'))
      .execute();
    await refused(upload(PDF), 422, 'UNIT_QUOTA_EXCEEDED');
    // Another unit is not affected.
    const other = await registeredAndDispatched(t, 'water');
    expect(
      (
        await uploadRaw(t, 'water-a', other.id, 'photo', {
          name: 'a.pdf',
          type: 'application/pdf',
          data: PDF,
        })
      ).statusCode,
    ).toBe(201);
  });
});
