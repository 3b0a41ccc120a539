// Starts Huiyin for the browser tests, one server per Playwright worker, each on a fresh
// database: E2E_SERVERS lists them as `port=database,…` (e2e/places.ts). Each server serves the
// built app at /. They start one after another, so that once the last answers all of them do
// (the config waits on the last one's health check).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildServerIfStale, SERVER_JS } from '../scripts/server-build.mjs';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../scripts/server-runtime.mjs';

const servers = (process.env.E2E_SERVERS ?? '8181=data/e2e-playwright.db').split(',').map((entry) => {
  const [port, database] = entry.split('=');
  return { port: Number(port), database };
});

// The server as `npm start` runs it: its JavaScript build, with the product's Node settings.
// Built once here, before any server starts.
if (!(await buildServerIfStale())) process.exit(1);
mkdirSync('./data', { recursive: true });

/** Starts one server on a fresh database; resolves once it says it has started. */
function start({ port, database }) {
  for (const f of [database, `${database}-wal`, `${database}-shm`]) rmSync(f, { force: true });
  const uploads = `${database}-uploads`;
  rmSync(uploads, { recursive: true, force: true });
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_JS], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...SERVER_ENV,
      ...process.env,
      SEED_DEMO: '1',
      // Every browser test signs in from 127.0.0.1, dozens of people a minute (the axe sweep alone
      // opens each page as each role): the per-address login throttle is for real clients.
      LOGIN_RATE_PER_MINUTE: '2000',
      // The specs' webhooks and fake city platform listen on this machine (outbound calls to
      // loopback are refused unless the deployment lists it).
      OUTBOUND_ALLOWED_NETWORKS: '127.0.0.0/8,::1',
      PORT: String(port),
      DATABASE_URL: `sqlite:${database}`,
      UPLOADS_DIR: uploads,
      WEB_DIR: resolve('web/dist'),
    },
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  return new Promise((started) => {
    let listening = false;
    const watch = (chunk) => {
      const s = chunk.toString();
      process.stdout.write(s);
      if (!listening && s.includes('已启动')) {
        listening = true;
        started();
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    // One server gone ends the run: its worker's tests would fail one by one without saying why.
    child.on('exit', (code, signal) => {
      console.log(`e2e: the server on ${port} exited (${code ?? signal})`);
      process.exit(code ?? 1);
    });
  });
}

for (const server of servers) await start(server);
