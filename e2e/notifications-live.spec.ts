import { apiAs, dispatchedOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('通知实时推送：新工单派发后，单位联络员的铃铛不刷新页面即更新，点开可进入工单', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'housing-a');
  const liaison = await apiAs(baseURL as string, 'housing-a');
  const before = ((await (await liaison.get('/api/notifications')).json()) as { unread: number }).unread;
  const bell = page.getByRole('button', { name: /^通知，\d+ 条未读$/ });
  const shown = async () => Number((await bell.getAttribute('aria-label'))?.match(/\d+/)?.[0] ?? -1);
  await expect.poll(shown).toBeGreaterThanOrEqual(before);

  const title = uniqueTitle('实时通知');
  await dispatchedOrder(baseURL as string, title);

  // No reload: the server pushes the new count over its event stream. (The deadline watcher of
  // the server under test may add notices of its own meanwhile, so the count only has to rise.)
  await expect.poll(shown, { timeout: 15_000 }).toBeGreaterThan(before);
  await bell.click();
  await page
    .getByRole('button', { name: /新工单待签收/ })
    .filter({ hasText: title })
    .click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
});

test('页面打开后、实时推送连上之前来的通知：铃铛的列表里也有，不只是计数', async ({ page, baseURL }) => {
  // The stream opens only once the order below has been dispatched: its first answer already
  // counts the new notice, which the list loaded with the page does not hold.
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  await page.route('**/api/notifications/stream', async (route) => {
    await opened;
    await route.continue();
  });
  await signIn(page, 'housing-a');
  const bell = page.getByRole('button', { name: /^通知，\d+ 条未读$/ });
  await expect(bell).toBeVisible();
  const title = uniqueTitle('连上之前');
  await dispatchedOrder(baseURL as string, title);
  open();
  await bell.click();
  await expect(page.getByRole('button', { name: /新工单待签收/ }).filter({ hasText: title })).toBeVisible({
    timeout: 15_000,
  });
});
