import { expect, type Locator, type Page } from '@playwright/test';
import { dispatchedOrder, getOrder, PASSWORD, setSignDeadline, uniqueTitle } from './fixtures';

// Helpers for the tests of the queue the start-up script draws before the app has loaded
// (web/src/early/): on a phone (phone.spec.ts) and on a desk (desk-early.spec.ts).

/**
 * Signs in (cookie set through the API) with the app's libraries held back until the returned
 * function lets them go: meanwhile only the start-up script runs.
 */
export async function signInWithTheAppHeld(page: Page, username: string): Promise<() => void> {
  const login = await page
    .context()
    .request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(login.status()).toBe(200);
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/startup-vendor-/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Each tag of a card or a row: its text and the colours it is drawn in. */
export const tagsOf = (card: Locator) =>
  card.locator('.ant-tag').evaluateAll((tags) =>
    tags.map((t) => {
      const style = getComputedStyle(t);
      return `${t.textContent} ${style.color} ${style.backgroundColor}`;
    }),
  );

/**
 * A new urgent order in the housing unit's queue, its liaison signed in with the app held back,
 * and the queue opened: only the start-up script can draw it. Returns the order's title, the order
 * as dispatched, how many orders wait to be signed for, and the function that lets the app's
 * libraries go.
 */
export async function openQueueWithTheAppHeld(page: Page, baseURL: string, label: string) {
  const title = uniqueTitle(label);
  const { dispatcher, order: registered } = await dispatchedOrder(baseURL, title, { urgency: 'urgent' });
  // 20 minutes left to sign: inside an urgent order's last half hour, so both copies of the
  // queue draw its 即将超时 tag (a fresh urgent order has an hour, and no tag for its first half).
  setSignDeadline(registered.id, new Date(Date.now() + 20 * 60_000));
  const order = await getOrder(dispatcher, registered.id);
  await dispatcher.dispose();
  const release = await signInWithTheAppHeld(page, 'housing-a');
  const toSign = (await (await page.request.get('/api/work-orders?toSign=1&pageSize=1')).json())
    .total as number;
  await page.goto('/', { waitUntil: 'commit' });
  return { title, order, toSign, release };
}

/**
 * From now on the page notes, the moment the drawn queue goes, whether the app's own list (the
 * selector `shown`) is already there, in body[data-app-at-handover]: never a blank screen or an
 * empty list between the two.
 */
export async function noteHandover(page: Page, shown: string) {
  await page.evaluate((shown) => {
    new MutationObserver((_, observer) => {
      if (document.getElementById('early-queue')) return;
      observer.disconnect();
      document.body.dataset.appAtHandover = String(!!document.querySelector(shown));
    }).observe(document.body, { childList: true });
  }, shown);
}

export const expectAppAtHandover = (page: Page) =>
  expect(page.locator('body')).toHaveAttribute('data-app-at-handover', 'true');
