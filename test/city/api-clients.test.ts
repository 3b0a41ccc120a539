import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCityOrder, createMachineClient, signatureHeaders } from '../support/api-clients.js';
import { createTestApp, TEST_DIALECT, type TestApp } from '../support/test-app.js';

const ORDERS = '/api/city/v1/orders';

describe(`machine clients: keys, scopes, signatures, the call record (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('2026-03-02T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const withKey = (key: string | null, url = `${ORDERS}/SZ-X`) =>
    t.app.inject({ method: 'GET', url, headers: key ? { 'x-api-key': key } : {} });

  it('only the administrator manages clients; the key is shown once and stored hashed', async () => {
    const office = await t.as('dispatcher');
    expect((await office.post('/api/api-clients', { name: '越权', scopes: ['city'] })).statusCode).toBe(403);
    const city = await createMachineClient(t, { name: '市平台-A', scopes: ['city'] });
    expect(city.key).toMatch(/^hy_[A-Za-z0-9_-]{43}$/);
    const stored = await t.ctx.db.kysely.selectFrom('api_client_keys').selectAll().execute();
    expect(stored.some((k) => k.key_hash.includes(city.key) || k.key_hash === city.key)).toBe(false);
    const list = (await (await t.as('admin')).get('/api/api-clients')).json() as {
      name: string;
      keys: { prefix: string }[];
    }[];
    expect(list.find((c) => c.name === '市平台-A')?.keys[0]?.prefix).toBe(city.key.slice(0, 10));
    expect(JSON.stringify(list)).not.toContain(city.key);
    const dup = await (await t.as('admin')).post('/api/api-clients', { name: '市平台-A', scopes: ['city'] });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses a call without a key, with a wrong key, or outside the scope', async () => {
    expect((await withKey(null)).json().error.code).toBe('API_KEY_MISSING');
    expect((await withKey('hy_not-a-key')).statusCode).toBe(401);
    // The scheme's case does not matter (RFC 7235): a lowercase bearer is the same key.
    const lower = await createMachineClient(t, { name: '小写方案', scopes: ['city'] });
    for (const scheme of ['bearer', 'BEARER', 'Bearer'])
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `${ORDERS}/SZ-X`,
            headers: { authorization: `${scheme} ${lower.key}` },
          })
        ).json().error.code,
      ).toBe('CITY_ORDER_NOT_FOUND');
    const app311 = await createMachineClient(t, { name: '第三方应用', scopes: ['open311'] });
    const res = await app311.call('POST', ORDERS, aCityOrder('SZ-SCOPE'));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('API_SCOPE_MISSING');
  });

  it('revocation takes effect at once; rotation keeps the old key for the overlap only', async () => {
    const admin = await t.as('admin');
    const city = await createMachineClient(t, { name: '市平台-B', scopes: ['city'] });
    expect((await withKey(city.key)).statusCode).toBe(404);
    const rotated = await admin.post(`/api/api-clients/${city.id}/rotate`, { overlapHours: 2 });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const newKey = rotated.json().key as string;
    expect((await withKey(city.key)).statusCode).toBe(404);
    expect((await withKey(newKey)).statusCode).toBe(404);
    t.clock.advance(2 * 3600_000 + 1000);
    expect((await withKey(city.key)).statusCode).toBe(401);
    expect((await withKey(newKey)).statusCode).toBe(404);
    const revoked = await admin.post(`/api/api-clients/${city.id}/revoke`, { reason: '对接停用' });
    expect(revoked.statusCode).toBe(204);
    expect((await withKey(newKey)).json().error.code).toBe('API_KEY_INVALID');
    const auditor = await t.as('auditor');
    const log = (await auditor.get('/api/audit-log?pageSize=200')).json() as {
      items: { action: string; target: string | null }[];
    };
    const mine = log.items.filter((e) => e.target === `api_client:${city.id}`).map((e) => e.action);
    expect(mine).toEqual(
      expect.arrayContaining(['api_client.created', 'api_client.updated', 'api_client.revoked']),
    );
  });

  it('what a key changes is in the audit log, under the client, for the auditor; reads and refusals are not', async () => {
    const city = await createMachineClient(t, { name: '市平台-审计', scopes: ['city'] });
    expect((await city.call('POST', ORDERS, aCityOrder('SZ-AUDIT-1'))).statusCode).toBe(201);
    expect((await city.call('GET', `${ORDERS}/SZ-AUDIT-1`)).statusCode).toBe(200);
    expect((await city.call('POST', ORDERS, { bad: true })).statusCode).toBe(400);
    const log = (
      await (
        await t.as('auditor')
      ).get(`/api/audit-log?target=${encodeURIComponent(`api_client:${city.id}`)}&action=api_client.called`)
    ).json() as {
      items: { username: string; detail: string; ip: string | null }[];
      total: number;
    };
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({
      username: '接口客户端「市平台-审计」',
      detail: `POST ${ORDERS} → 201`,
    });
  });

  it('a client configured for signatures must sign; a replay or an old timestamp is refused', async () => {
    const city = await createMachineClient(t, {
      name: '市平台-签名',
      scopes: ['city'],
      requireSignature: true,
    });
    const body = JSON.stringify(aCityOrder('SZ-SIGNED'));
    const send = (headers: Record<string, string>, payload = body) =>
      t.app.inject({
        method: 'POST',
        url: ORDERS,
        headers: { authorization: `Bearer ${city.key}`, 'content-type': 'application/json', ...headers },
        payload,
      });
    expect((await send({})).json().error.code).toBe('SIGNATURE_MISSING');
    const signed = signatureHeaders(city.key, 'POST', ORDERS, body, t.clock.now());
    const first = await send(signed);
    expect(first.statusCode, first.body).toBe(201);
    expect((await send(signed)).json().error.code).toBe('SIGNATURE_REPLAYED');
    const old = signatureHeaders(
      city.key,
      'POST',
      ORDERS,
      body,
      new Date(t.clock.now().getTime() - 6 * 60_000),
    );
    expect((await send(old)).json().error.code).toBe('SIGNATURE_EXPIRED');
    const tampered = signatureHeaders(city.key, 'POST', ORDERS, body, t.clock.now());
    expect((await send(tampered, body.replace('李女士', '王女士'))).json().error.code).toBe(
      'SIGNATURE_INVALID',
    );
    expect((await city.call('GET', `${ORDERS}/SZ-SIGNED`)).statusCode).toBe(200);
  });

  it('every call of a client is recorded; the administrator sees the last calls and the error rate', async () => {
    const city = await createMachineClient(t, { name: '市平台-记录', scopes: ['city'] });
    await city.call('POST', ORDERS, aCityOrder('SZ-REC'));
    await city.call('GET', `${ORDERS}/SZ-REC`);
    await city.call('GET', `${ORDERS}/SZ-MISSING`);
    await city.call('POST', ORDERS, aCityOrder('SZ-REC2', { title: '短' }));
    const admin = await t.as('admin');
    const calls = (await admin.get(`/api/api-clients/${city.id}/calls`)).json() as {
      route: string;
      status: number;
      errorCode: string | null;
    }[];
    expect(calls.map((c) => c.status)).toEqual([400, 404, 200, 201]);
    expect(calls[0]).toMatchObject({ route: ORDERS, errorCode: 'VALIDATION_FAILED' });
    expect(calls[1]?.errorCode).toBe('CITY_ORDER_NOT_FOUND');
    const list = (await admin.get('/api/api-clients')).json() as {
      id: number;
      last24h: { calls: number; errorRate: number };
    }[];
    expect(list.find((c) => c.id === city.id)?.last24h).toMatchObject({ calls: 4, errorRate: 0.5 });
  });

  it('the OpenAPI document declares the key and signature schemes on the machine routes', async () => {
    const doc = (await (await t.as('dispatcher')).get('/api/openapi.json')).json() as {
      components: { securitySchemes: Record<string, { type: string }> };
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(Object.keys(doc.components.securitySchemes)).toEqual(
      expect.arrayContaining(['bearerKey', 'apiKeyHeader', 'requestSignature']),
    );
    expect(doc.paths[ORDERS]?.post?.security).toEqual([{ bearerKey: [] }, { apiKeyHeader: [] }]);
  });
});
