import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { signRequest } from '../../src/domain/request-signature.js';
import { hashKey } from '../../src/modules/api-clients/api-clients.service.js';
import type { TestApp } from './test-app.js';

export interface MachineClient {
  id: number;
  key: string;
  /** Calls a machine route with the key (signed when `sign` is set), as the city's system would. */
  call(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** Signature headers for a request, computed as docs/api.md tells a client to. */
export function signatureHeaders(
  key: string,
  method: string,
  path: string,
  body: string,
  at: Date,
  nonce = randomBytes(12).toString('hex'),
) {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signRequest(hashKey(key), { method, path, timestamp, nonce, body }),
  };
}

/** Creates an API client through the administrator's API and returns a caller holding its key. */
export async function createMachineClient(
  t: TestApp,
  settings: { name: string; scopes: string[]; requireSignature?: boolean; unitCode?: string },
): Promise<MachineClient> {
  const admin = await t.as('admin');
  const res = await admin.post('/api/api-clients', {
    name: settings.name,
    scopes: settings.scopes,
    requireSignature: settings.requireSignature ?? false,
    unitId: settings.unitCode ? t.unitId(settings.unitCode) : null,
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id, key } = res.json() as { id: number; key: string };
  return {
    id,
    key,
    call: (method, url, body, headers = {}) => {
      const payload = body === undefined ? '' : JSON.stringify(body);
      const signed = settings.requireSignature
        ? signatureHeaders(key, method, url, payload, t.clock.now())
        : {};
      return t.app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...signed,
          ...headers,
        },
        ...(body === undefined ? {} : { payload }),
      });
    },
  };
}

/** An order as the city platform sends it down. */
export const aCityOrder = (cityOrderNo: string, overrides: Record<string, unknown> = {}) => ({
  cityOrderNo,
  citizenName: '李女士',
  citizenPhone: '13909725678',
  citizenAddress: '城关镇解放路 8 号',
  type: 'complaint',
  title: '楼下餐馆油烟扰民',
  content: '解放路 8 号楼下餐馆油烟直排,家里窗户都不敢开,希望有关部门尽快处理。',
  ...overrides,
});
