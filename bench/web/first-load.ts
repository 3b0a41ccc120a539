import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/setup/seed/demo-county.js';

/**
 * What a township liaison feels on a weak mobile link: the login page and the unit queue
 * loaded in Debian's Chromium with the network throttled to 1.6 Mbit/s down, 750 kbit/s up and
 * 150 ms round trips (Chrome DevTools' "slow 4G"-like profile the issue names), first with an
 * empty cache, then again with the cache the first visit left. Reported beside the bytes that
 * crossed the wire (compressed sizes, as the radio carries them).
 */
export interface PageLoad {
  name: string;
  ms: number;
  transferredBytes: number;
  requests: number;
}

export interface WebLoadResult {
  loads: PageLoad[];
}

const PROFILE = process.env.NO_THROTTLE
  ? { latency: 0, downloadThroughput: -1, uploadThroughput: -1 }
  : { latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: 750e3 / 8 };

async function startServer(port: number): Promise<{ child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-web-bench-'));
  const child = spawn('node', ['--import', 'tsx', 'src/server/main.ts'], {
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'huiyin.db')}`,
      UPLOADS_DIR: join(dir, 'uploads'),
      SEED_DEMO: '1',
      SQLITE_SYNCHRONOUS: 'NORMAL',
    },
  });
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return { child, dir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('the server did not start within 2 minutes');
}

/** Loads a URL on a throttled link and waits until `ready` is on screen; counts what crossed the wire. */
async function measure(
  context: BrowserContext,
  name: string,
  url: string,
  ready: (page: Page) => Promise<unknown>,
): Promise<PageLoad> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILE });
  let transferredBytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e) => {
    transferredBytes += e.encodedDataLength;
    requests += 1;
  });
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const ms = performance.now() - t0;
  await page.close();
  return { name, ms, transferredBytes, requests };
}

export async function webFirstLoad(options: {
  port?: number;
  log: (s: string) => void;
}): Promise<WebLoadResult> {
  const port = options.port ?? 8190;
  const base = `http://127.0.0.1:${port}`;
  options.log('  starting a server with the demo county');
  const { child, dir } = await startServer(port);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const loads: PageLoad[] = [];
    const loginReady = (page: Page) => page.getByRole('button', { name: /登\s*录/ }).waitFor();
    const queueReady = (page: Page) =>
      page.locator('.ant-table-row, .ant-list-item, .ant-empty').first().waitFor();

    // The login page, cache empty, then again with its cache.
    const anonymous = await browser.newContext({ baseURL: base, locale: 'zh-CN' });
    loads.push(await measure(anonymous, 'login page, first visit', `${base}/login`, loginReady));
    loads.push(await measure(anonymous, 'login page, second visit', `${base}/login`, loginReady));
    await anonymous.close();

    // The unit queue of a township liaison already signed in (cookie set through the API).
    const liaison = await browser.newContext({ baseURL: base, locale: 'zh-CN' });
    const login = await liaison.request.post('/api/auth/login', {
      data: { username: 'town-qiaotou-a', password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
    loads.push(await measure(liaison, 'unit queue, first visit', `${base}/`, queueReady));
    loads.push(await measure(liaison, 'unit queue, second visit', `${base}/`, queueReady));
    await liaison.close();
    for (const l of loads)
      options.log(
        `  ${l.name}: ${l.ms.toFixed(0)} ms, ${(l.transferredBytes / 1024).toFixed(0)} KB in ${l.requests} requests`,
      );
    return { loads };
  } finally {
    await browser?.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
