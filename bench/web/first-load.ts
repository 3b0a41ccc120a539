import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, devices, type Page } from '@playwright/test';
import { buildServerOrThrow, SERVER_JS } from '../../scripts/server-build.mjs';
import { buildWebIfStale } from '../../scripts/web-build.mjs';
import { DEMO_PASSWORD } from '../../src/setup/seed/demo-county.js';
import { type SlowLink, startSlowLink } from './slow-link.js';

/**
 * What a township liaison feels on a weak mobile link: the sign-in page and the unit's queue
 * loaded in Debian's Chromium with the network throttled to 1.6 Mbit/s down, 750 kbit/s up and
 * 150 ms round trips (Chrome DevTools' "slow 4G"-like profile the issue names), first with an
 * empty cache, then again with the cache the first visit left. Reported beside the bytes that
 * crossed the wire (compressed sizes, as the radio carries them); each figure is the median of
 * BENCH_WEB_RUNS runs (3).
 */
export interface PageLoad {
  name: string;
  ms: number;
  transferredBytes: number;
  requests: number;
  /**
   * The browser's main-thread work for the load (DevTools' TaskDuration and, of it, ScriptDuration),
   * in ms: on a shared machine the wall time swings with the load, this much less.
   */
  mainThreadMs: number;
  scriptMs: number;
  /**
   * For the queue: when its first orders were on screen, in ms — drawn by the start-up script
   * (web/src/early/, a phone's cards or a desk's table) or by the app, whichever came first; `ms`
   * is when the app itself shows them.
   */
  shownMs?: number;
  /**
   * Across the runs of which this is the median: the slowest `shownMs`. A race between the drawn
   * queue and the app lost in one run of three does not move a median (docs/performance.md).
   */
  slowestShownMs?: number;
  /** The target of issue 14, in ms. */
  target: number;
}

export interface WebLoadResult {
  loads: PageLoad[];
}

const PROFILE = process.env.NO_THROTTLE
  ? { latency: 0, downloadThroughput: -1, uploadThroughput: -1 }
  : { latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: 750e3 / 8 };

/** The same link for the proxy of slow-link.ts, which every connection of the browser shares. */
const LINK = {
  rttMs: 150,
  downBytesPerSecond: (1.6e6 / 8) * 0.9,
  upBytesPerSecond: 750e3 / 8,
};

/** A township liaison whose queue opens on an order to sign (the demo county's 柳林镇). */
const LIAISON = 'town-liulin-a';
// The service worker is kept out: its requests would not go through the page's throttled link
// (DevTools emulates it per page), and what is measured is what the network and the browser's
// cache give — a first visit, or a phone on plain HTTP where no worker runs.
const COMMON = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' } as const;
const PHONE = { ...devices['Pixel 7'], ...COMMON };
const DESK = { viewport: { width: 1280, height: 720 }, ...COMMON };

/**
 * The built app the server sends: web/dist (built first when stale), or BENCH_WEB_DIR, a copy of
 * another build, to compare two builds in the same minutes on the same server code.
 */
const webDir = () => process.env.BENCH_WEB_DIR ?? 'web/dist';

async function startServer(port: number): Promise<{ child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-web-bench-'));
  // The server as `npm start` runs it: its JavaScript build.
  await buildServerOrThrow();
  const child = spawn(process.execPath, [SERVER_JS], {
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'huiyin.db')}`,
      UPLOADS_DIR: join(dir, 'uploads'),
      WEB_DIR: webDir(),
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

/** The sign-in page can be used: its button is there and its script has enabled it. */
const signInReady = (page: Page) =>
  page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === '登录');
    return b && !b.disabled && b.offsetParent !== null;
  });

/** The queue shows its answer: the orders (or 暂无工单), no spinner left in the page. */
const queueReady = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelector('main .ant-table-row, main [role="listitem"], main .ant-empty') !== null &&
      document.querySelector('.ant-spin-spinning') === null,
    undefined,
    { polling: 50, timeout: 60_000 },
  );

/** The queue's first orders are on screen, whoever drew them: the start-up script or the app. */
const queueShown = (page: Page) =>
  page.waitForFunction(
    () =>
      document.querySelector(
        '#early-queue [role="listitem"], #early-queue .ant-table-row, #early-queue [data-empty], main .ant-table-row, main [role="listitem"], main .ant-empty',
      ) !== null,
    undefined,
    { polling: 50, timeout: 60_000 },
  );

/**
 * A cheap phone's processor, as DevTools emulates one: this machine's CPU slowed 4 times (the
 * mid-range phone Lighthouse's mobile runs stand for). The links above say nothing of the time a
 * township's phone spends running the app once it has arrived.
 */
const SLOW_PHONE_CPU = 4;

/**
 * Throttles the page's network (and, when `cpuSlowdown` is over 1, its processor) and counts what
 * crosses it (compressed bytes, every response).
 */
async function throttled(context: BrowserContext, page: Page, cpuSlowdown = 1) {
  const counted = await browserWork(context, page);
  await counted.cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILE });
  if (cpuSlowdown > 1) await counted.cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  return counted;
}

/** One load as the bench prints it: time, bytes, requests and the browser's own work. */
export function describeLoad(l: PageLoad): string {
  const time =
    l.shownMs === undefined
      ? `${l.ms.toFixed(0)} ms`
      : `shown ${l.shownMs.toFixed(0)} ms${l.slowestShownMs === undefined ? '' : ` (slowest ${l.slowestShownMs.toFixed(0)})`}, app ${l.ms.toFixed(0)} ms`;
  const bytes = `${time}, ${(l.transferredBytes / 1024).toFixed(0)} KB in ${l.requests} requests`;
  if (Number.isNaN(l.mainThreadMs)) return bytes;
  return `${bytes}; main thread ${l.mainThreadMs.toFixed(0)} ms (script ${l.scriptMs.toFixed(0)} ms)`;
}

/** Milliseconds from t0 until `event` has happened. */
async function sinceStart(t0: number, event: Promise<unknown>): Promise<number> {
  await event;
  return performance.now() - t0;
}

/** Loads a URL on the throttled link and waits until `ready`; counts what crossed the wire. */
async function measure(
  context: BrowserContext,
  name: string,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  target: number,
  /** For the queue: when its first orders are on screen, before the app is ready (queueShown). */
  shown?: (page: Page) => Promise<unknown>,
  cpuSlowdown = 1,
): Promise<PageLoad> {
  const page = await context.newPage();
  const counted = await throttled(context, page, cpuSlowdown);
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  const shownMs = shown ? await sinceStart(t0, shown(page)) : undefined;
  await ready(page);
  const ms = performance.now() - t0;
  const work = await counted.work();
  await page.close();
  return { name, ms, shownMs, target, transferredBytes: counted.bytes, requests: counted.requests, ...work };
}

/**
 * DevTools' counters for a page: the requests it made, the bytes of their answers (compressed, as
 * they crossed the wire), and the browser's own work (main thread, script).
 */
async function browserWork(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  const counted = { bytes: 0, requests: 0 };
  cdp.on('Network.loadingFinished', (e) => {
    counted.bytes += e.encodedDataLength;
    counted.requests += 1;
  });
  const work = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const seconds = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { mainThreadMs: seconds('TaskDuration') * 1000, scriptMs: seconds('ScriptDuration') * 1000 };
  };
  return Object.assign(counted, { cdp, work });
}

/**
 * One load through the slow link: bytes are what crossed the link meanwhile (headers included, and
 * the service worker's own downloads), requests what the page asked for (the worker may answer
 * them from its cache). When the worker `installs`, the page then stays open until it has installed
 * (precached the app over the link) and taken over, as a user's first visit would leave it; when it
 * `serves`, the page must be under its control.
 */
async function measureOnLink(
  context: BrowserContext,
  link: SlowLink,
  name: string,
  worker: 'installs' | 'serves' | 'none',
  target: number,
): Promise<PageLoad> {
  const page = await context.newPage();
  const counted = await browserWork(context, page);
  const bytesBefore = link.bytes();
  const t0 = performance.now();
  await page.goto('/', { waitUntil: 'commit' });
  const shownMs = await sinceStart(t0, queueShown(page));
  await queueReady(page);
  const ms = performance.now() - t0;
  const work = await counted.work();
  const transferredBytes = link.bytes() - bytesBefore;
  const controlled = await page.evaluate(() => navigator.serviceWorker?.controller != null);
  if (controlled !== (worker === 'serves')) {
    throw new Error(`${name}: the page was ${controlled ? '' : 'not '}served by a service worker`);
  }
  if (worker === 'installs') {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      // Controlled once the worker has claimed the page (clientsClaim).
      for (let i = 0; i < 600 && !navigator.serviceWorker.controller; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
    });
  }
  await page.close();
  return { name, ms, shownMs, target, transferredBytes, requests: counted.requests, ...work };
}

/**
 * The unit's queue on a phone through the slow-link proxy (slow-link.ts) rather than DevTools'
 * throttling, so that a service worker's requests cross the slow link too: first and second visit
 * without the worker (comparable with the DevTools figures), then with it, as a user's phone on
 * HTTPS has it — the first visit installs it (precaching the app over the same link), the second is
 * served by it.
 */
async function queueOnSlowLink(browser: Browser, serverPort: number, runs: number): Promise<PageLoad[]> {
  const link = await startSlowLink(serverPort, LINK);
  const base = `http://127.0.0.1:${link.port}`;
  try {
    return await medians(runs, async () => {
      const loads: PageLoad[] = [];
      for (const worker of ['block', 'allow'] as const) {
        const label = worker === 'allow' ? 'with service worker' : 'no worker';
        const context = await browser.newContext({ ...PHONE, serviceWorkers: worker, baseURL: base });
        const login = await context.request.post('/api/auth/login', {
          data: { username: LIAISON, password: DEMO_PASSWORD },
        });
        if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
        const first = `unit queue (phone, slow-link proxy, ${label}), first visit`;
        loads.push(await measureOnLink(context, link, first, worker === 'allow' ? 'installs' : 'none', 3000));
        const second = `unit queue (phone, slow-link proxy, ${label}), second visit`;
        loads.push(await measureOnLink(context, link, second, worker === 'allow' ? 'serves' : 'none', 1000));
        await context.close();
      }
      return loads;
    });
  } finally {
    await link.close();
  }
}

/**
 * The whole morning on a new phone: the sign-in page, a few seconds of typing (while the page
 * fetches the app in the background), then from the tap on 登录 to the queue's first orders.
 */
async function signInToQueue(browser: Browser, base: string): Promise<PageLoad> {
  const context = await browser.newContext({ ...PHONE, baseURL: base });
  const page = await context.newPage();
  const counted = await throttled(context, page);
  await page.goto('/login', { waitUntil: 'commit' });
  await signInReady(page);
  await page.getByLabel('用户名').fill(LIAISON);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  // A person takes a few seconds to type both; the page uses them to fetch the app.
  await page.waitForTimeout(8_000);
  const before = { ...counted };
  const t0 = performance.now();
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/');
  const shownMs = await sinceStart(t0, queueShown(page));
  await queueReady(page);
  const ms = performance.now() - t0;
  await context.close();
  // DevTools' counters restart with the new document, so the tap's work is not told apart here.
  return {
    mainThreadMs: Number.NaN,
    scriptMs: Number.NaN,
    name: 'unit queue after signing in (phone)',
    ms,
    shownMs,
    target: 3000,
    transferredBytes: counted.bytes - before.bytes,
    requests: counted.requests - before.requests,
  };
}

/**
 * Runs a set of page loads `runs` times (each in a fresh browser context, so a first visit is a
 * first visit) and keeps, for each, the run with the median time: one slow run on a shared machine
 * does not make the figure.
 */
async function medians(runs: number, once: () => Promise<PageLoad[]>): Promise<PageLoad[]> {
  const all: PageLoad[][] = [];
  for (let i = 0; i < runs; i++) all.push(await once());
  return (all[0] ?? []).map((_, k) => {
    const sorted = all.map((run) => run[k] as PageLoad).sort((x, y) => x.ms - y.ms);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] as PageLoad;
    const shown = sorted.flatMap((l) => (l.shownMs === undefined ? [] : [l.shownMs]));
    return shown.length > 1 ? { ...median, slowestShownMs: Math.max(...shown) } : median;
  });
}

export async function webFirstLoad(options: {
  port?: number;
  log: (s: string) => void;
}): Promise<WebLoadResult> {
  const port = options.port ?? Number(process.env.BENCH_WEB_PORT ?? 8190);
  const base = `http://127.0.0.1:${port}`;
  if (!process.env.BENCH_WEB_DIR && !buildWebIfStale()) throw new Error('npm run build failed');
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
    const b = browser;
    const runs = Number(process.env.BENCH_WEB_RUNS ?? 3);

    // The sign-in page, cache empty, then again with its cache.
    loads.push(
      ...(await medians(runs, async () => {
        const anonymous = await b.newContext({ ...PHONE, baseURL: base });
        const first = await measure(
          anonymous,
          'sign-in page, first visit',
          `${base}/login`,
          signInReady,
          1500,
        );
        const second = await measure(
          anonymous,
          'sign-in page, second visit',
          `${base}/login`,
          signInReady,
          1000,
        );
        await anonymous.close();
        return [first, second];
      })),
    );

    // The unit's queue of a township liaison already signed in (cookie set through the API), on
    // a phone (and a phone with a slow processor) and, for comparison with the runs before issue 14,
    // on a desk.
    for (const [device, settings, cpu] of [
      ['phone', PHONE, 1],
      [`phone, CPU ×${SLOW_PHONE_CPU} slower`, PHONE, SLOW_PHONE_CPU],
      ['desk 1280×720', DESK, 1],
    ] as const) {
      loads.push(
        ...(await medians(runs, async () => {
          const liaison = await b.newContext({ ...settings, baseURL: base });
          const login = await liaison.request.post('/api/auth/login', {
            data: { username: LIAISON, password: DEMO_PASSWORD },
          });
          if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
          const first = await measure(
            liaison,
            `unit queue (${device}), first visit`,
            `${base}/`,
            queueReady,
            3000,
            queueShown,
            cpu,
          );
          const second = await measure(
            liaison,
            `unit queue (${device}), second visit`,
            `${base}/`,
            queueReady,
            1000,
            queueShown,
            cpu,
          );
          await liaison.close();
          return [first, second];
        })),
      );
    }
    loads.push(...(await medians(runs, async () => [await signInToQueue(b, base)])));
    loads.push(...(await queueOnSlowLink(b, port, runs)));

    for (const l of loads) options.log(`  ${l.name}: ${describeLoad(l)}`);
    return { loads };
  } finally {
    await browser?.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
