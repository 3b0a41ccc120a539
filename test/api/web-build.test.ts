import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';

/** The files a page names for its start (scripts, preloads, stylesheets), in order. */
const startupFiles = (html: string) =>
  [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);

// On a slow link every start-up file is a request over one of six HTTP/1.1 connections, at 150 ms
// a round trip (issue 14 item 1): the build groups what the app needs to start into a few files,
// and keeps what only some pages need (charts, the date picker, the table) apart.
describe('the web build: few start-up files, the optional parts apart', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'huiyin-web-build-'));
  const db = openDb('sqlite::memory:');
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let index = '';
  let login = '';
  beforeAll(async () => {
    const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--outDir', outDir], {
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    index = readFileSync(join(outDir, 'index.html'), 'utf8');
    login = readFileSync(join(outDir, 'login.html'), 'utf8');
    await migrateToLatest(db);
    app = (await buildApp({ db, webDir: outDir })).app;
  }, 240_000);
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('starts the app from at most 5 files, none of them the charts, the date picker or the table', () => {
    const files = startupFiles(index);
    expect(files.length).toBeGreaterThan(0);
    expect(files.length, files.join(' ')).toBeLessThanOrEqual(5);
    for (const f of files) expect(f).not.toMatch(/Chart|date-picker|table|OrderPage/);
    const built = readdirSync(join(outDir, 'assets'));
    for (const lazy of ['Chart-', 'date-picker-', 'table-', 'OrderPage-']) {
      expect(
        built.some((f) => f.startsWith(lazy)),
        lazy,
      ).toBe(true);
    }
  });

  it('keeps the sign-in page free of the app: its own script and what it shares, nothing more', () => {
    const files = startupFiles(login);
    expect(files.length).toBeLessThanOrEqual(2);
    for (const f of startupFiles(index).filter((x) => !/apiCache/.test(x))) expect(files).not.toContain(f);
  });

  it('serves each start-up file cached as immutable', async () => {
    for (const url of startupFiles(index)) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toContain('immutable');
    }
  });
});
