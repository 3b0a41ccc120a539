import { expect, test } from '@playwright/test';
import { dispatchedOrder, signIn, uniqueTitle } from './fixtures';

test('通知实时推送:新工单派发后,单位联络员的铃铛不刷新页面即更新,点开可进入工单', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'housing-a');
  const bell = page.getByRole('button', { name: /^通知,\d+ 条未读$/ });
  await expect(bell).toBeVisible();
  const before = Number((await bell.getAttribute('aria-label'))?.match(/\d+/)?.[0]);

  const title = uniqueTitle('实时通知');
  await dispatchedOrder(baseURL as string, title);

  // No reload: the server pushes the new count over its event stream.
  await expect(page.getByRole('button', { name: `通知,${before + 1} 条未读` })).toBeVisible({
    timeout: 15_000,
  });
  await page.getByRole('button', { name: `通知,${before + 1} 条未读` }).click();
  await page
    .getByRole('button', { name: /新工单待签收/ })
    .filter({ hasText: title })
    .click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
});
