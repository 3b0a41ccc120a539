import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { PDF, registrationScan, uploadRegistrationFile, uploadScan } from '../support/upload.js';

const person = (name: string, mobile: string) => ({ name, title: '', officePhone: '', mobile, fax: '' });
const form = {
  leaderInCharge: person('周建国', '13900001111'),
  liaisonA: person('刘雅琴', '13900002222'),
  liaisonB: person('马骁', '13900003333'),
  filledBy: '刘雅琴',
  filledByPhone: '0972-8521234',
};

describe(`the registration form needs its stamped scan (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  it('refuses a filing without the scan, with a photo, with another unit’s scan, with an order’s file, or with the scan of an earlier filing', async () => {
    const housing = t.unitId('housing');
    const liaison = await t.as('housing-a');
    const before = (await ok(liaison.get('/api/units'))) as unknown as {
      items: Array<{ id: number; registrationUpdatedAt: string | null }>;
    };
    const unchanged = before.items.find((u) => u.id === housing)?.registrationUpdatedAt ?? null;
    const put = (body: Record<string, unknown>) => liaison.put(`/api/units/${housing}/registration`, body);

    await refused(put(form), 400, 'ATTACHMENT_REQUIRED');
    const photo = await uploadRegistrationFile(t, 'housing-a', housing, 'photo', {
      name: '现场.png',
      type: 'image/png',
      data: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    expect(photo.statusCode, photo.body).toBe(201);
    const wrong = await refused(
      put({ ...form, scanAttachmentId: photo.json().id }),
      400,
      'ATTACHMENT_WRONG_PURPOSE',
    );
    expect(wrong.message).toContain('现场照片');

    const otherUnits = await registrationScan(t, 'eco-a', t.unitId('eco'));
    await refused(put({ ...form, scanAttachmentId: otherUnits }), 400, 'ATTACHMENT_OTHER_REQUEST');
    const order = await registeredAndDispatched(t, 'housing');
    const orderFile = await uploadScan(t, 'housing-a', order.id, 'registration_scan');
    await refused(put({ ...form, scanAttachmentId: orderFile.id }), 400, 'ATTACHMENT_OTHER_REQUEST');
    await refused(put({ ...form, scanAttachmentId: 999999 }), 400, 'ATTACHMENT_REQUIRED');

    const after = (await ok(liaison.get('/api/units'))) as unknown as typeof before;
    expect(after.items.find((u) => u.id === housing)?.registrationUpdatedAt ?? null).toBe(unchanged);

    const scan = await registrationScan(t, 'housing-a', housing);
    const saved = (await ok(put({ ...form, scanAttachmentId: scan }))) as unknown as {
      registrationScanId: number;
    };
    expect(saved.registrationScanId).toBe(scan);
    await refused(put({ ...form, scanAttachmentId: scan }), 400, 'ATTACHMENT_ALREADY_USED');

    // The office reads the stamped form; another unit may not upload for this one.
    const file = await (await t.as('dispatcher')).get(`/api/units/${housing}/registration/scan`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    await refused(
      (await t.as('eco-a')).get(`/api/units/${housing}/registration/scan`),
      404,
      'REGISTRATION_SCAN_NOT_FOUND',
    );
    const foreign = await uploadRegistrationFile(t, 'eco-a', housing);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('OTHER_UNIT');
  });

  it('the administrator files for a unit with the scan uploaded for that unit', async () => {
    const water = t.unitId('water');
    const admin = await t.as('admin');
    const scan = await registrationScan(t, 'admin', water);
    const saved = (await ok(
      admin.put(`/api/units/${water}/registration`, { ...form, scanAttachmentId: scan }),
    )) as unknown as {
      registrationFiled: boolean;
    };
    expect(saved.registrationFiled).toBe(true);
  });
});
