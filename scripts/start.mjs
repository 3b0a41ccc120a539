// `npm start`: builds the web app when it is missing or older than its sources, then runs the server.
import { spawnSync } from 'node:child_process';
import { buildWebIfStale } from './web-build.mjs';

if (!buildWebIfStale()) process.exit(1);
const r = spawnSync('npx', ['tsx', 'src/server/main.ts'], { stdio: 'inherit' });
process.exit(r.status ?? 0);
