// Starts Huiyin for the browser tests on a fresh database: removes the database file, then
// runs the server (which serves the built app at /). If this server version cannot serve the
// app itself, falls back to serving web/dist here and passing /api to the server.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { buildServerIfStale, SERVER_JS } from '../scripts/server-build.mjs';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../scripts/server-runtime.mjs';

const port = Number(process.env.PORT ?? 8181);
const dbFile = process.env.E2E_DB ?? './data/e2e-playwright.db';
const webDir = resolve('web/dist');

mkdirSync('./data', { recursive: true });
for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
const uploads = `${dbFile}-uploads`;
rmSync(uploads, { recursive: true, force: true });

// The server as `npm start` runs it: its JavaScript build, with the product's Node settings.
if (!(await buildServerIfStale())) process.exit(1);

function startServer(serverPort, serveWeb) {
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_JS], {
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
      PORT: String(serverPort),
      DATABASE_URL: `sqlite:${dbFile}`,
      UPLOADS_DIR: uploads,
      WEB_DIR: serveWeb ? webDir : resolve('e2e/.no-web'),
    },
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

function proxyMode() {
  const apiPort = port + 1;
  const child = startServer(apiPort, false);
  child.stdout.pipe(process.stdout);
  child.stderr.pipe(process.stderr);
  child.on('exit', (code, signal) => {
    console.log(`e2e: server exited (${code ?? signal})`);
    process.exit(code ?? 1);
  });
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/api/')) {
      const up = request(
        { host: '127.0.0.1', port: apiPort, path: req.url, method: req.method, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(up);
      return;
    }
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    let file = join(webDir, path);
    if (!file.startsWith(webDir) || !existsSync(file) || statSync(file).isDirectory())
      file = join(webDir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  // Longer than the browser's and the test client's idle keep-alive, as Fastify does: no resets.
  server.keepAliveTimeout = 72_000;
  server.listen(port, () => console.log(`e2e: serving web/dist on ${port}, API on ${apiPort}`));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const direct = startServer(port, true);
let output = '';
let listening = false;
const watch = (chunk) => {
  const s = chunk.toString();
  process.stdout.write(s);
  output += s;
  if (s.includes('已启动')) listening = true;
};
direct.stdout.on('data', watch);
direct.stderr.on('data', watch);
direct.on('exit', (code) => {
  if (!listening && output.includes('Not found handler already set')) {
    console.log('e2e: the server cannot serve the app itself yet; serving web/dist from the test harness');
    proxyMode();
  } else process.exit(code ?? 1);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => direct.kill(sig));
