import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';

const ASSET = `export const hello = ${JSON.stringify('回音'.repeat(2000))};`;

describe('one server serves the web app and the API', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'huiyin-web-'));
  const db = openDb('sqlite::memory:');
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  beforeAll(async () => {
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>回音</title>');
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'assets', 'index-BYKVu5Qi.js'), ASSET);
    writeFileSync(join(webDir, 'assets', 'index-BYKVu5Qi.js.br'), brotliCompressSync(ASSET));
    // What vite-plugin-pwa writes beside the app (web/vite.config.ts).
    writeFileSync(join(webDir, 'sw.js'), 'self.skipWaiting();');
    writeFileSync(join(webDir, 'manifest.webmanifest'), '{"name":"回音 12345 工单系统"}');
    await migrateToLatest(db);
    app = (await buildApp({ db, webDir })).app;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves the app at / and for client-side routes, and a JSON 404 for unknown API paths', async () => {
    for (const url of ['/', '/orders/12?state=handling']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('<title>回音</title>');
    }
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect((api.json() as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('sends hashed assets precompressed and cached for a year, the page revalidated', async () => {
    const asset = await app.inject({
      method: 'GET',
      url: '/assets/index-BYKVu5Qi.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(asset.rawPayload).toString()).toBe(ASSET);

    for (const url of ['/', '/orders/12']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves the service worker and the manifest revalidated each time, allowed by the CSP', async () => {
    const sw = await app.inject({ method: 'GET', url: '/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    // A long-cached worker would keep phones on an old release.
    expect(sw.headers['cache-control']).toBe('no-cache');
    const manifest = await app.inject({ method: 'GET', url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const csp = String(sw.headers['content-security-policy']);
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
  });

  it('compresses API answers for clients that accept it', async () => {
    const doc = await app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(doc.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(doc.rawPayload).toString()).openapi).toMatch(/^3\./);
    const plain = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
  });
});
