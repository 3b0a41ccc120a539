import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, aReply, ok, refused, registeredAndDispatched } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';
import { uploadRaw, uploadScan } from '../support/upload.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

describe(`files that prove a request are uploaded for it (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const extension = (scanAttachmentId: number) => ({
    reason: '需要协调供电公司更换变压器,工期较长',
    requestedDeadline: '2026-03-16T23:59:00+08:00',
    mainLeaderName: '赵志刚',
    scanAttachmentId,
  });

  it('an extension with a site photo instead of the signed request is refused, and nothing changes', async () => {
    let order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'sign');
    const photo = await uploadRaw(t, 'housing-a', order.id, 'photo', {
      name: '现场.jpg',
      type: 'image/jpeg',
      data: JPEG,
    });
    expect(photo.statusCode, photo.body).toBe(201);
    order = await ok(liaison.get(`/api/work-orders/${order.id}`));
    const error = await refused(
      liaison.post(`/api/work-orders/${order.id}/request-extension`, {
        version: order.version,
        ...extension((photo.json() as { id: number }).id),
      }),
      400,
      'ATTACHMENT_WRONG_PURPOSE',
    );
    expect(error.message).toContain('现场照片');
    const after = await ok(liaison.get(`/api/work-orders/${order.id}`));
    expect(after.version).toBe(order.version);
    expect(after.pendingExtension).toBeNull();
  });

  it('a signed scan serves one request: a rejected request’s scan does not sign the next one', async () => {
    let order = await registeredAndDispatched(t, 'housing');
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'sign');
    const scan = await uploadScan(t, 'housing-a', order.id, 'extension_scan');
    order = await ok(liaison.get(`/api/work-orders/${order.id}`));
    order = await act(liaison, order, 'requestExtension', extension(scan.id));
    const dispatcher = await t.as('dispatcher');
    order = await act(dispatcher, order, 'rejectExtension', { opinion: '理由不充分' });
    await refused(
      liaison.post(`/api/work-orders/${order.id}/request-extension`, {
        version: order.version,
        ...extension(scan.id),
      }),
      400,
      'ATTACHMENT_ALREADY_USED',
    );
    const fresh = await uploadScan(t, 'housing-a', order.id, 'extension_scan');
    order = await ok(liaison.get(`/api/work-orders/${order.id}`));
    order = await act(liaison, order, 'requestExtension', extension(fresh.id));
    expect(order.pendingExtension?.scanAttachmentId).toBe(fresh.id);
  });

  it('a co-unit’s scan cannot be the lead unit’s signed request', async () => {
    let order = await registeredAndDispatched(t, 'housing', ['water']);
    const liaison = await t.as('housing-a');
    order = await act(liaison, order, 'sign');
    const theirs = await uploadScan(t, 'water-a', order.id, 'extension_scan');
    order = await ok(liaison.get(`/api/work-orders/${order.id}`));
    await refused(
      liaison.post(`/api/work-orders/${order.id}/request-extension`, {
        version: order.version,
        ...extension(theirs.id),
      }),
      400,
      'ATTACHMENT_NOT_OWN',
    );
  });

  it('a faxed reply needs the fax scan, not the order’s material', async () => {
    let order = await registeredAndDispatched(t, 'town-qiaotou', [], { needsCitizenReply: false });
    const material = await uploadScan(t, 'dispatcher', order.id, 'material');
    const dispatcher = await t.as('dispatcher');
    t.clock.advance(3 * 3600_000);
    order = await ok(dispatcher.get(`/api/work-orders/${order.id}`));
    const body = {
      reply: aReply(),
      faxReceivedAt: new Date(t.clock.now().getTime() - 600_000).toISOString(),
    };
    await refused(
      dispatcher.post(`/api/work-orders/${order.id}/record-fax-reply`, {
        version: order.version,
        ...body,
        scanAttachmentId: material.id,
      }),
      400,
      'ATTACHMENT_WRONG_PURPOSE',
    );
    const fax = await uploadScan(t, 'dispatcher', order.id, 'fax_reply');
    order = await act(dispatcher, order, 'recordFaxReply', { ...body, scanAttachmentId: fax.id });
    expect(order.state).toBe('pending_review');
  });
});
