// The server as plain JavaScript in dist/js, for `npm start`, the browser tests' server and the
// benchmark's: run through tsx, a server process also held the TypeScript loader and what it had
// compiled (~35 MiB of its memory) and started two more Node processes (npx, tsx's own). Each
// TypeScript file becomes one JavaScript file at the same place under dist/js (esbuild, types
// removed, nothing bundled), and the data files beside the code (word lists, the demo county,
// the categories) are copied beside it, so the paths the code reads from stay right. Tests and
// `npm run dev` still run the TypeScript itself.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

export const SERVER_JS = 'dist/js/src/server/main.js';
export const BENCH_SERVER_JS = 'dist/js/bench/load/app-server.js';
const OUT = 'dist/js';
const STAMP = join(OUT, '.built');
/** The benchmark's server reads only src/ besides itself. */
const EXTRA_ENTRIES = ['bench/load/app-server.ts'];

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : [path];
  });
}

const newest = (files) => Math.max(...files.map((f) => statSync(f).mtimeMs));

/** Builds dist/js when it is missing or older than a source; returns false when the build failed. */
export async function buildServerIfStale() {
  const sources = [...filesUnder('src'), ...EXTRA_ENTRIES, 'package-lock.json'];
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newest(sources)) return true;
  // Built beside and swapped in whole: a server still running from the old build keeps finding
  // its files until the moment of the swap.
  const next = `${OUT}.next`;
  rmSync(next, { recursive: true, force: true });
  const code = sources.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  try {
    await build({
      entryPoints: code,
      outdir: next,
      outbase: '.',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
    });
  } catch (err) {
    console.error(`服务器构建失败:${err instanceof Error ? err.message : err}`);
    return false;
  }
  for (const file of sources.filter((f) => f.startsWith('src') && !f.endsWith('.ts'))) {
    mkdirSync(dirname(join(next, file)), { recursive: true });
    copyFileSync(file, join(next, file));
  }
  writeFileSync(join(next, '.built'), new Date().toISOString());
  rmSync(OUT, { recursive: true, force: true });
  renameSync(next, OUT);
  return true;
}

/** As buildServerIfStale, for the benchmark's servers: a failed build is an error. */
export async function buildServerOrThrow() {
  if (!(await buildServerIfStale())) throw new Error('the server did not build (scripts/server-build.mjs)');
}

// `node scripts/server-build.mjs`: build now if needed.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  if (!(await buildServerIfStale())) process.exit(1);
}
