// `npm start`: builds the web app and the server's JavaScript when missing or older than their
// sources, then runs the server with plain Node (no TypeScript loader).
import { spawnSync } from 'node:child_process';
import { buildServerIfStale, SERVER_JS } from './server-build.mjs';
import { SERVER_ENV, SERVER_NODE_FLAGS } from './server-runtime.mjs';
import { buildWebIfStale } from './web-build.mjs';

if (!buildWebIfStale() || !(await buildServerIfStale())) process.exit(1);
const r = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, SERVER_JS], {
  stdio: 'inherit',
  // The operator's own environment wins (e.g. MALLOC_ARENA_MAX set otherwise).
  env: { ...SERVER_ENV, ...process.env },
});
process.exit(r.status ?? 0);
