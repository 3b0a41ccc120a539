import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import pg from 'pg';
import { type ServerProcess, startServer } from '../test/multiserver/servers';
import { act, leaveApp, registerOrder, signIn, uniqueTitle, unitId } from './fixtures';
import { expect, test } from './test';

/**
 * Two Huiyin processes on one PostgreSQL database, with a browser on each, as a city would run
 * them behind a load balancer (docs/deployment.md). The rest of the browser tests use the one
 * SQLite server of playwright.config.ts; this file starts its own two, on a schema of its own in
 * this machine's PostgreSQL (scripts/with-postgres.sh starts it when it is not running).
 */
const ROOT = join(import.meta.dirname, '..');
/** Starting two servers (migrations, the demo county) takes a while on a loaded two-core machine. */
test.describe.configure({ timeout: 240_000 });

let a: ServerProcess;
let b: ServerProcess;
let pgUrl: string;
let schema: string;
let uploads: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  pgUrl = execFileSync('bash', [join(ROOT, 'scripts/with-postgres.sh'), 'printenv', 'TEST_DATABASE_URL'], {
    encoding: 'utf8',
  }).trim();
  schema = `e2e_two_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  uploads = mkdtempSync(join(tmpdir(), 'huiyin-two-servers-'));
  const env = {
    DATABASE_URL: `${pgUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    // One key for both: the audit chain is one chain, whichever process writes the next link.
    AUDIT_KEY: randomBytes(32).toString('hex'),
    UPLOADS_DIR: uploads,
    WEB_DIR: join(ROOT, 'web/dist'),
    LOGIN_RATE_PER_MINUTE: '2000',
    ASSISTANT_RETRAIN_HOURS: '1000',
  };
  // The first process migrates and seeds the demo county; the second finds it in place.
  a = await startServer({ ...env, SEED_DEMO: '1' });
  b = await startServer({ ...env, SEED_DEMO: '0' });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await Promise.all([a?.stop(), b?.stop()]);
  if (schema) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
  if (uploads) rmSync(uploads, { recursive: true, force: true });
});

const contexts: BrowserContext[] = [];
async function pageOn(browser: Browser, server: ServerProcess): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  contexts.push(context);
  return context.newPage();
}
// The pages' live streams hold connections open: closed first, so the servers stop at once.
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

const unread = async (page: Page) =>
  Number(
    (await page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).getAttribute('aria-label'))?.match(
      /\d+/,
    )?.[0] ?? -1,
  );

test('两个服务进程共用一个数据库：一处登录两处有效，一处派发的工单另一处的浏览器不刷新即收到通知', async ({
  browser,
}) => {
  // The dispatcher signs in on process A; the same cookie opens the app on process B (a session
  // lives in the database, not in a process).
  const dispatcher = await pageOn(browser, a);
  await signIn(dispatcher, 'dispatcher');
  await dispatcher.goto(`${b.url}/`);
  await expect(dispatcher).not.toHaveURL(/login/);
  await expect(dispatcher.locator('main')).toBeVisible();

  // The housing bureau's liaison works on process B.
  const liaison = await pageOn(browser, b);
  await signIn(liaison, 'housing-a');
  await expect.poll(() => unread(liaison)).toBeGreaterThanOrEqual(0);
  const before = await unread(liaison);

  // The order is registered and dispatched through process A.
  const api = dispatcher.context().request;
  const title = uniqueTitle('跨进程派发');
  const order = await registerOrder(api, title);
  await act(api, order.id, 'dispatch', { leadUnitId: await unitId(api, 'housing'), coUnitIds: [] });

  // B's browser hears it over its live stream (B learns of A's change through PostgreSQL's
  // LISTEN/NOTIFY), with no reload.
  await expect.poll(() => unread(liaison), { timeout: 15_000 }).toBeGreaterThan(before);
  await liaison.getByRole('button', { name: /^通知，\d+ 条未读$/ }).click();
  await liaison
    .getByRole('button', { name: /新工单待签收/ })
    .filter({ hasText: title })
    .click();
  await expect(liaison.getByRole('heading', { name: title })).toBeVisible();

  // Signing out on B ends the session that A's page uses too.
  // The page is opened again from a blank one: the app may already be on its way to /login by
  // itself (its live stream or next request is refused), and a reload would race that.
  const opened = liaison.url();
  await liaison.context().request.post(`${a.url}/api/auth/logout`);
  await leaveApp(liaison);
  await liaison.goto(opened);
  await expect(liaison).toHaveURL(/login/);
});
