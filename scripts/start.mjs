// `npm start`: builds the web app when it is missing or older than its sources, then runs the server.
import { spawnSync } from 'node:child_process';
import { SERVER_ENV, SERVER_NODE_FLAGS } from './server-runtime.mjs';
import { buildWebIfStale } from './web-build.mjs';

if (!buildWebIfStale()) process.exit(1);
const r = spawnSync('npx', ['tsx', ...SERVER_NODE_FLAGS, 'src/server/main.ts'], {
  stdio: 'inherit',
  // The operator's own environment wins (e.g. MALLOC_ARENA_MAX set otherwise).
  env: { ...SERVER_ENV, ...process.env },
});
process.exit(r.status ?? 0);
