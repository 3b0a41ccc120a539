import { expect, test } from '@playwright/test';
import { apiAs, dispatchedOrder, signIn, uniqueTitle } from './fixtures';

test('通知实时推送:新工单派发后,单位联络员的铃铛不刷新页面即更新,点开可进入工单', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'housing-a');
  const liaison = await apiAs(baseURL as string, 'housing-a');
  const before = ((await (await liaison.get('/api/notifications')).json()) as { unread: number }).unread;
  const bell = page.getByRole('button', { name: /^通知,\d+ 条未读$/ });
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
