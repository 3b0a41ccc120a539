import { EARLY_RAN_FLAG } from '../web/src/api/early';
import { dispatchedOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

// About the service worker's part (the return home, the offline copies): it is allowed here.
test.use({ serviceWorkers: 'allow' });

// A return home: the page asks for the queue at once (web/index.html) and fetches the app's files,
// but runs the app only once the start-up script has drawn the queue (web/vite.config.ts,
// `heldBack`; web/src/api/early.ts, `startApp`). Run at once, the app's libraries held the page's
// one thread for most of a second on a phone, and the drawn queue, its answer in, waited behind them.

test('再次打开首页：工单队列的回答晚到时，先由启动脚本画出队列，应用随后才运行', async ({
  page,
  baseURL,
}) => {
  await dispatchedOrder(baseURL as string, uniqueTitle('先画后跑'));
  await signIn(page, 'housing-a');
  await expect(page.locator('main .ant-table-row').first()).toBeVisible();

  // Whether the app had started (React's root on #root) when the drawn queue first appeared.
  await page.addInitScript(() => {
    const w = window as unknown as { drawnQueue?: string };
    new MutationObserver((_, observer) => {
      if (!document.getElementById('early-queue')) return;
      const root = document.getElementById('root');
      const appRan = root !== null && Object.keys(root).some((k) => k.startsWith('__reactContainer'));
      w.drawnQueue = appRan ? 'drawn after the app had started' : 'drawn before the app ran';
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  // The queue's answers come a little late, as over a phone's link; the app's files do not.
  await page.route(/\/api\/work-orders(\/counts)?\?/, async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });

  // The page's timers stand still until the drawing has been checked: the start-up script's 1 s
  // limit, after which it runs the app anyway, cannot pass on a slow machine before the answers come.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1_000);

  await page.goto('/');
  // Read from the test's side: the page's own polling would run on its stopped timers.
  const drawn = () =>
    page.evaluate(() => (window as { drawnQueue?: string }).drawnQueue ?? 'not drawn (yet)');
  await expect.poll(drawn).toBe('drawn before the app ran');
  await page.clock.resume();
  await expect(page.locator('main .ant-table-row').first()).toBeVisible();
  // The app took over: its table is there, the drawn one gone.
  await expect(page.locator('#early-queue')).toHaveCount(0);
});

test.describe('启动脚本没能下载', () => {
  // The service worker would answer from its copy; this is a first visit's weak link.
  test.use({ serviceWorkers: 'block' });

  test('启动脚本的文件没到（弱网）：页面加载完后应用自行启动，不留白屏', async ({ page }) => {
    await signIn(page, 'housing-a');
    await page.route(/\/assets\/early-[^/]*\.js$/, (route) => route.abort('connectionreset'));
    await page.goto('/');
    await expect(page.locator('main .ant-table-row').first()).toBeVisible();
    const ran = await page.evaluate(
      (flag) => (window as unknown as Record<string, boolean>)[flag] ?? false,
      EARLY_RAN_FLAG,
    );
    expect(ran).toBe(false);
  });
});
