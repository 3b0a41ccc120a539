import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { act, apiAs, dispatchedOrder, login } from './fixtures';
import { expect } from './test';

// What the offline browser tests share: the phone's link cut and restored, the worker's copies.

export const OFFLINE_BANNER = '网络已断开，正在显示离线保存的内容；操作将在联网后发送。';

/** Signs in through the login page and waits until the service worker controls the page. */
export async function signInWithWorker(page: Page, username: string) {
  await login(page, username);
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, {
    timeout: 30_000,
  });
}

/** Whether the service worker keeps a copy of this API address (any of its caches). */
export function cachedApi(page: Page, path: string) {
  return page.evaluate(async (p) => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) if (new URL(req.url).pathname === p) return true;
    }
    return false;
  }, path);
}

/** Signs in as the liaison and opens the order once online, so the worker keeps it. */
export async function openKept(page: Page, orderId: number, title: string) {
  await signInWithWorker(page, 'housing-a');
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect.poll(() => cachedApi(page, `/api/work-orders/${orderId}`)).toBe(true);
}

/** An order dispatched to the housing bureau and signed by its liaison (through the API). */
export async function signedOrder(baseURL: string, title: string) {
  const dispatched = await dispatchedOrder(baseURL, title);
  await act(await apiAs(baseURL, 'housing-a'), dispatched.order.id, 'sign');
  return dispatched;
}

export async function goOffline(context: BrowserContext, page: Page) {
  await context.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
}

/**
 * Loads a page with the network off, as a phone does. Chromium (150) forgets the offline state
 * of a page that navigates while offline (the new document says `navigator.onLine === true`,
 * though nothing gets through), so it is told again, through the DevTools protocol, once the
 * worker has served the page. A real phone's new page knows it is offline.
 */
export async function loadOffline(page: Page, path: string | 'reload') {
  if (path === 'reload') await page.reload();
  else await page.goto(path);
  const cdp = offlineSessions.get(page) ?? (await page.context().newCDPSession(page));
  await cdp.send('Network.emulateNetworkConditions', {
    offline: true,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
  offlineSessions.set(page, cdp);
}
const offlineSessions = new WeakMap<Page, CDPSession>();

/** The network back on, for the page and for what `loadOffline` told it. */
export async function goOnline(context: BrowserContext, page: Page) {
  await context.setOffline(false);
  const cdp = offlineSessions.get(page);
  if (cdp) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    offlineSessions.delete(page);
  }
}
