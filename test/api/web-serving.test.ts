import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';
import { DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from '../../src/setup/seed/demo-county.js';
import { seedOrganization } from '../../src/setup/seed/organization.js';

const INLINE = "\n      if (location.pathname === '/') document.title = '回音';\n    ";
const INDEX_HTML = `<!doctype html><title>回音</title><script>${INLINE}</script>
<script type="module" crossorigin src="/assets/index-BYKVu5Qi.js"></script>`;
const ASSET = `export const hello = ${JSON.stringify('回音'.repeat(2000))};`;

describe('one server serves the web app and the API', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'huiyin-web-'));
  const db = openDb('sqlite::memory:');
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let session = '';
  beforeAll(async () => {
    writeFileSync(join(webDir, 'index.html'), INDEX_HTML);
    writeFileSync(join(webDir, 'login.html'), '<!doctype html><title>登录 · 回音</title>');
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'assets', 'index-BYKVu5Qi.js'), ASSET);
    writeFileSync(join(webDir, 'assets', 'index-BYKVu5Qi.js.br'), brotliCompressSync(ASSET));
    // What vite-plugin-pwa writes beside the app (web/vite.config.ts).
    writeFileSync(join(webDir, 'sw.js'), 'self.skipWaiting();');
    writeFileSync(join(webDir, 'workbox-efbd304a.js'), 'self.workbox = {};');
    writeFileSync(join(webDir, 'manifest.webmanifest'), '{"name":"回音 12345 工单系统"}');
    await migrateToLatest(db);
    app = (await buildApp({ db, webDir })).app;
    // The API document, the large answer these tests compress, is for signed-in users only.
    await seedOrganization(db.kysely, DEMO_UNITS, DEMO_USERS, DEMO_PASSWORD, new Date());
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'housing-a', password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    session = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const signedIn = { cookie: 'huiyin_sid=any' };

  it('serves the app at / and for client-side routes, and a JSON 404 for unknown API paths', async () => {
    for (const url of ['/', '/orders/12?state=handling']) {
      const page = await app.inject({ method: 'GET', url, headers: signedIn });
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('<title>回音</title>');
    }
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect((api.json() as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('serves the sign-in page at /login, and sends a browser without a session there, not to the app', async () => {
    for (const url of ['/login', '/login?next=%2Forders%2F12']) {
      const login = await app.inject({ method: 'GET', url });
      expect(login.statusCode, url).toBe(200);
      expect(login.body).toContain('<title>登录 · 回音</title>');
      expect(login.headers['cache-control']).toBe('no-cache');
    }
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(302);
    expect(home.headers.location).toBe('/login');
    const deep = await app.inject({ method: 'GET', url: '/orders/12?state=handling' });
    expect(deep.statusCode).toBe(302);
    expect(deep.headers.location).toBe('/login?next=%2Forders%2F12%3Fstate%3Dhandling');
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

    for (const url of ['/', '/orders/12', '/index.html', '/login.html']) {
      const page = await app.inject({ method: 'GET', url, headers: signedIn });
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
    // Workbox's runtime is named by its hash but lives beside sw.js: the worker's release decides it.
    const workbox = await app.inject({ method: 'GET', url: '/workbox-efbd304a.js' });
    expect(workbox.statusCode).toBe(200);
    expect(workbox.headers['cache-control']).toBe('no-cache');
    const csp = String(sw.headers['content-security-policy']);
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
  });

  it("allows the app page's inline script by its hash, and no other inline script", async () => {
    const page = await app.inject({ method: 'GET', url: '/', headers: signedIn });
    expect(page.body).toBe(INDEX_HTML);
    const scriptSrc = String(page.headers['content-security-policy'])
      .split(';')
      .find((d) => d.startsWith('script-src'));
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(scriptSrc).toBe(`script-src 'self' 'sha256-${hash}'`);
  });

  it('keeps API answers and other files to the plain policy: no inline script allowed there', async () => {
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(String(api.headers['content-security-policy'])).toContain("script-src 'self';");
    const offlineCopy = await app.inject({ method: 'GET', url: '/index.html' });
    expect(offlineCopy.body).toBe(INDEX_HTML);
    expect(String(offlineCopy.headers['content-security-policy'])).toContain("'sha256-");
  });

  it('serves a release built under the running server, its page with its own policy, with no restart', async () => {
    const inline = "\n      document.title = '回音 新版';\n    ";
    const release = `<!doctype html><title>回音</title><script>${inline}</script>
<script type="module" crossorigin src="/assets/index-Cn3wRe1s.js"></script>`;
    const before = await app.inject({ method: 'GET', url: '/orders/3', headers: signedIn });
    writeFileSync(join(webDir, 'assets', 'index-Cn3wRe1s.js'), 'export const release = 2;');
    writeFileSync(join(webDir, 'index.html'), release);
    try {
      const asset = await app.inject({ method: 'GET', url: '/assets/index-Cn3wRe1s.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.body).toBe('export const release = 2;');
      const page = await app.inject({ method: 'GET', url: '/orders/3', headers: signedIn });
      expect(page.body).toBe(release);
      const hash = createHash('sha256').update(inline).digest('base64');
      expect(String(page.headers['content-security-policy'])).toContain(`script-src 'self' 'sha256-${hash}'`);
      expect(page.headers['content-security-policy']).not.toBe(before.headers['content-security-policy']);
    } finally {
      writeFileSync(join(webDir, 'index.html'), INDEX_HTML);
      rmSync(join(webDir, 'assets', 'index-Cn3wRe1s.js'));
    }
  });

  it("answers an asset that is gone (the release before's) with a 404, never with the app page", async () => {
    for (const url of ['/assets/OrdersPage-D4f0xq2Z.js', '/assets/OrdersPage-D4f0xq2Z.css', '/favicon.ico']) {
      const gone = await app.inject({ method: 'GET', url, headers: signedIn });
      expect(gone.statusCode, url).toBe(404);
      expect(gone.body, url).not.toContain('<title>回音</title>');
    }
  });

  it('compresses API answers for clients that accept it', async () => {
    const doc = await app.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip', cookie: session },
    });
    expect(doc.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(doc.rawPayload).toString()).openapi).toMatch(/^3\./);
    const plain = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { cookie: session } });
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('over a real connection: a browser asking for brotli gets the asset and the API answer compressed', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    expect(address).toContain(String(port));
    const fetchRaw = (path: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((ok, fail) => {
        const headers = { 'accept-encoding': 'br, gzip, deflate', cookie: session };
        get({ host: '127.0.0.1', port, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', fail);
      });
    const asset = await fetchRaw('/assets/index-BYKVu5Qi.js');
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(asset.body).toString()).toBe(ASSET);
    const doc = await fetchRaw('/api/openapi.json');
    expect(doc.headers['content-encoding']).toBe('br');
    expect(doc.headers['content-type']).toMatch(/application\/json/);
    const text = brotliDecompressSync(doc.body).toString();
    expect(doc.body.length).toBeLessThan(text.length / 4);
    expect(JSON.parse(text).openapi).toMatch(/^3\./);
  });
});
