import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refused } from '../support/orders.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const ORDER = '/api/city/v1/orders/SZ-NONE';

describe(`an API client limited to the addresses it may call from (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const from = (key: string, remoteAddress: string) =>
    t.app.inject({ method: 'GET', url: ORDER, headers: { 'x-api-key': key }, remoteAddress });
  const listed = async (id: number) =>
    (
      (await (await t.as('admin')).get('/api/api-clients')).json() as {
        id: number;
        allowedAddresses: string[];
      }[]
    ).find((c) => c.id === id)?.allowedAddresses;

  it('answers from its networks only; a call from elsewhere is refused and recorded with where it came from', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/api-clients', {
      name: '市平台-政务外网',
      scopes: ['city'],
      allowedAddresses: ['10.20.0.0/16', ' 192.0.2.7 ', '１９２.０.２.８', '2001:db8::/32'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, key } = created.json() as { id: number; key: string };
    // Full-width digits typed with a Chinese input method are stored as the address they are.
    expect(await listed(id)).toEqual(['10.20.0.0/16', '192.0.2.7', '192.0.2.8', '2001:db8::/32']);

    for (const ip of ['10.20.3.4', '::ffff:10.20.255.1', '192.0.2.7', '192.0.2.8', '2001:db8:1::5'])
      expect((await from(key, ip)).statusCode, ip).toBe(404);
    for (const ip of ['10.21.0.1', '192.0.2.9', '2001:db9::1', '::ffff:10.21.0.1']) {
      const res = await from(key, ip);
      expect(res.statusCode, ip).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'API_CLIENT_ADDRESS_NOT_ALLOWED', details: { ip } });
      expect(res.json().error.message).toContain(`本次请求来自 ${ip}`);
    }
    const calls = (await admin.get(`/api/api-clients/${id}/calls`)).json() as {
      status: number;
      errorCode: string | null;
    }[];
    expect(calls.filter((c) => c.errorCode === 'API_CLIENT_ADDRESS_NOT_ALLOWED')).toHaveLength(4);
  });

  it('refuses a list it cannot read and changes nothing; an empty list allows any address again, audited', async () => {
    const admin = await t.as('admin');
    const { id, key } = (
      await admin.post('/api/api-clients', {
        name: '市平台-可改',
        scopes: ['city'],
        allowedAddresses: ['10.1.2.3'],
      })
    ).json() as { id: number; key: string };
    const settings = { scopes: ['city'], unitId: null, requireSignature: false };

    const bad = await refused(
      admin.put(`/api/api-clients/${id}`, {
        ...settings,
        allowedAddresses: ['10.1.0.0/16', '10.1.2', 'gov.cn', '10.0.0.0/33'],
      }),
      400,
      'ALLOWED_ADDRESS_INVALID',
    );
    expect(bad.message).toContain('「10.1.2」「gov.cn」「10.0.0.0/33」');
    const many = Array.from({ length: 21 }, (_, i) => `10.9.${i}.1`);
    await refused(
      admin.put(`/api/api-clients/${id}`, { ...settings, allowedAddresses: many }),
      400,
      'ALLOWED_ADDRESSES_TOO_MANY',
    );
    await refused(
      admin.post('/api/api-clients', {
        name: '市平台-错地址',
        scopes: ['city'],
        allowedAddresses: ['1.2.3.4/0'],
      }),
      400,
      'ALLOWED_ADDRESS_INVALID',
    );
    expect(await listed(id)).toEqual(['10.1.2.3']);
    expect((await from(key, '10.1.2.4')).statusCode).toBe(403);

    expect(
      (await admin.put(`/api/api-clients/${id}`, { ...settings, allowedAddresses: [] })).statusCode,
    ).toBe(204);
    expect(await listed(id)).toEqual([]);
    expect((await from(key, '10.1.2.4')).statusCode).toBe(404);
    const log = (
      await (
        await t.as('auditor')
      ).get(`/api/audit-log?target=${encodeURIComponent(`api_client:${id}`)}&action=api_client.updated`)
    ).json() as { total: number; items: { before: unknown; after: unknown }[] };
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({
      before: { allowedAddresses: ['10.1.2.3'] },
      after: { allowedAddresses: [] },
    });
  });
});
