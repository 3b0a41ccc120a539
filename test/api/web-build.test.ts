import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';
import { ANTD_COMPONENTS } from '../../web/antd-style.js';

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

  it('styles Ant Design from a stylesheet written at build time, for every component the app imports', () => {
    const sheets = startupFiles(index).filter((f) => f.endsWith('.css'));
    expect(sheets).toHaveLength(1);
    const css = readFileSync(join(outDir, sheets[0] as string), 'utf8');
    // The theme's variables on the named class (App.tsx), the Switch's darker track, no hashed classes.
    expect(css).toContain('.huiyin{');
    expect(css).toMatch(/\.huiyin\.ant-switch\{[^}]*--ant-color-text-quaternary:#6e6e6e/);
    expect(css).not.toMatch(/css-dev-only|:where\(\.css-/);
    expect(css).toMatch(
      /@media \(prefers-reduced-motion: ?reduce\)\{\.huiyin\{--ant-motion-duration-fast:0s/,
    );
    for (const c of ['ant-table-thead', 'ant-picker-dropdown', 'ant-select-dropdown', 'ant-modal-confirm']) {
      expect(css, c).toContain(c);
    }
    const imported = new Set<string>();
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    for (const file of sources('web/src')) {
      const text = readFileSync(file, 'utf8');
      for (const [, names] of text.matchAll(/import \{([^}]*)\} from 'antd'/g)) {
        for (const n of (names ?? '').split(',')) {
          const name =
            n
              .trim()
              .split(/\s+as\s+/)[0]
              ?.trim() ?? '';
          if (/^[A-Z]/.test(name) && !/^type\b|Props$|^ConfigProvider$|^Grid$|Instance$/.test(name))
            imported.add(name);
        }
      }
      for (const [, path] of text.matchAll(/from 'antd\/es\/([a-z-]+)'/g)) {
        imported.add((path ?? '').replace(/(^|-)([a-z])/g, (_, _d, c: string) => c.toUpperCase()));
      }
    }
    for (const name of imported) expect(ANTD_COMPONENTS, name).toContain(name);
  });

  it('runs the start-up script first, on its own: async, under 10 KB compressed, none of the libraries', () => {
    const tag = index.match(/<script\b[^>]*>/)?.[0] ?? '';
    expect(tag).toMatch(/\basync\b/);
    const src = tag.match(/src="(\/assets\/early-[^"]+\.js)"/)?.[1] ?? '';
    expect(src, tag).not.toBe('');
    const code = readFileSync(join(outDir, src), 'utf8');
    const imports = [...code.matchAll(/(?:from|import)\s*"\.\/([^"]+)"/g)].map((m) => m[1] as string);
    // Only the chunk it shares with the app (the answers it keeps for the app's first reads).
    expect(imports, code).toEqual([expect.stringMatching(/^shared-/)]);
    const shared = readFileSync(join(outDir, 'assets', imports[0] as string), 'utf8');
    expect(shared).not.toMatch(/(?:from|import)\s*"\.\//);
    // It draws the queue too, a phone's cards or a desk's table (web/src/early/): what crosses the
    // link stays small (the desk's drawing adds ~2 KB, its menu ~0.4 KB, 待签收's sign-for deadline
    // and its status ~0.2 KB; what it says, and the reload it tries, when the app cannot start ~0.5
    // KB; the list tags' rules, 已回退 among them, shared with the app; a KB is ~5 ms on a
    // township's link).
    expect(gzipSync(code + shared).length).toBeLessThan(10 * 1024);
    expect(startupFiles(index)).toContain(`/assets/${imports[0]}`);
  });

  it("fetches the app's files at once and leaves running them to the start-up script", () => {
    // web/vite.config.ts `heldBack`; web/src/api/early.ts `startApp` runs the entry.
    const scripts = [...index.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([expect.stringMatching(/^\/assets\/early-/)]);
    const preloads = [
      ...index.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)"( data-app-entry)?>/g),
    ];
    expect(preloads.length).toBeGreaterThan(1);
    expect(preloads.filter((m) => m[2]).map((m) => m[1])).toEqual([preloads.at(-1)?.[1]]);
  });

  it('starts the app from at most 5 files, none of them the charts, the date picker or the table', () => {
    // Besides the start-up script above, which runs on its own before them.
    const files = startupFiles(index).filter((f) => !/\/early-/.test(f));
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
    for (const f of startupFiles(index).filter((x) => !/shared/.test(x))) expect(files).not.toContain(f);
  });

  it('serves each start-up file cached as immutable', async () => {
    for (const url of startupFiles(index)) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toContain('immutable');
    }
  });
});
