import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';

describe('one server serves the web app and the API', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'huiyin-web-'));
  const db = openDb('sqlite::memory:');
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  beforeAll(async () => {
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>回音</title>');
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
});
