// `npm start`: builds the web app when it is missing or older than its sources, then runs the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (existsSync('web/index.html')) {
  const built = existsSync('web/dist/index.html') ? statSync('web/dist/index.html').mtimeMs : 0;
  if (built < newest('web/src')) {
    console.log('正在构建网页端……');
    const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
const r = spawnSync('npx', ['tsx', 'src/server/main.ts'], { stdio: 'inherit' });
process.exit(r.status ?? 0);
