import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

/** A minimal valid PDF, as a scanner would produce in spirit. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; data: Buffer },
) {
  const boundary = `----huiyin${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function uploadRaw(
  t: TestApp,
  username: string,
  orderId: number,
  purpose: string,
  file: { name: string; type: string; data: Buffer },
) {
  const cookie = await t.cookieOf(username);
  const body = multipart({ purpose }, file);
  return t.app.inject({
    method: 'POST',
    url: `/api/work-orders/${orderId}/attachments`,
    headers: { cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

export async function uploadScan(t: TestApp, username: string, orderId: number, purpose: string) {
  const res = await uploadRaw(t, username, orderId, purpose, {
    name: '延期申请扫描件.pdf',
    type: 'application/pdf',
    data: PDF,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number };
}

/** Uploads a file for a unit's registration form (the stamped 登记表), as `username`. */
export async function uploadRegistrationFile(
  t: TestApp,
  username: string,
  unitId: number,
  purpose = 'registration_scan',
  file = { name: '登记表-盖章.pdf', type: 'application/pdf', data: PDF },
) {
  const cookie = await t.cookieOf(username);
  const body = multipart({ purpose }, file);
  return t.app.inject({
    method: 'POST',
    url: `/api/units/${unitId}/registration/scans`,
    headers: { cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

export async function registrationScan(t: TestApp, username: string, unitId: number): Promise<number> {
  const res = await uploadRegistrationFile(t, username, unitId);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}
