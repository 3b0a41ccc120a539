import { defineConfig, devices } from '@playwright/test';
import { BROWSER_WORKERS, EXTERNAL_BASE_URL, serverPlace } from './places';

// The browser tests start their own servers, one per worker, each on a fresh database (see
// places.ts and serve.mjs); set E2E_BASE_URL to run them against a server that is already
// running instead.
const servers = Array.from({ length: BROWSER_WORKERS }, (_, worker) => serverPlace(worker));
const last = servers[servers.length - 1] ?? serverPlace(0);

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  // A file's tests run in order in one worker (some build on the one before); files are shared out.
  fullyParallel: false,
  workers: BROWSER_WORKERS,
  // Never retried: a flaky test is a bug to find, and a new user's run gets no second chance.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : [['list']],
  outputDir: '../test-results',
  use: {
    // Each test's own is its worker's server (test.ts).
    baseURL: serverPlace(0).baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The app honours prefers-reduced-motion (no dialog animations), so no click lands on a
    // dialog still zooming in.
    reducedMotion: 'reduce',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    // Traces cost a lot of CPU on a small machine; E2E_TRACE=1 records them when investigating.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    // No service worker unless a file asks for one (the files about the return home, the phone and
    // the offline outbox do: test.use({ serviceWorkers: 'allow' })). Each test's fresh context
    // would otherwise install it and fetch every precached file again (about 3 MB), a sixth of the
    // browser's CPU in these tests, on a page that would be served by the network the first time anyway.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1366, height: 900 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: EXTERNAL_BASE_URL
    ? undefined
    : {
        command: `node e2e/serve.mjs`,
        cwd: '..',
        env: {
          E2E_SERVERS: servers.map((s) => `${s.port}=${s.database}`).join(','),
          // A search counts its matches up to 20 here (10,000 in use), so that the demo county's
          // orders are enough to show a capped total (lists.spec.ts).
          SEARCH_COUNT_CAP: '20',
        },
        // The servers start one after another: once the last answers, all do.
        url: `${last.baseURL}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
});
