// Builds the web app (`npm run build`) when web/dist is missing or older than its sources, for
// `npm start` and the benchmark, which serve web/dist as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(path) {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  let t = 0;
  for (const entry of readdirSync(path)) t = Math.max(t, newest(join(path, entry)));
  return t;
}

/** Returns false when the build was needed and failed. */
export function buildWebIfStale() {
  if (!existsSync('web/index.html')) return true;
  const sources = ['web/src', 'web/index.html', 'web/login.html', 'web/vite.config.ts'].filter(existsSync);
  const built = ['web/dist/index.html', 'web/dist/login.html'].map((f) =>
    existsSync(f) ? statSync(f).mtimeMs : 0,
  );
  if (Math.min(...built) >= Math.max(...sources.map(newest))) return true;
  console.log('正在构建网页端……');
  return spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status === 0;
}
