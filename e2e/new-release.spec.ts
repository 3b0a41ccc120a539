import { signIn } from './fixtures';
import { expect, test } from './test';

// A page opened before a release asks for a lazily loaded page by the old release's file name,
// which the server no longer has (it answers 404: test/api/web-serving.test.ts). The app reloads
// itself into the new release once; if the page is still missing it says so, instead of the blank
// screen it used to leave. Without a service worker, as on a plain-HTTP intranet address (with
// one, the worker keeps the old files until the new release takes over).
test.use({ serviceWorkers: 'block' });

const ORDERS_PAGE_FILE = /\/assets\/OrdersPage-[\w-]+\.js$/;

test('a page of the release before reloads once into the new one, then says what is wrong', async ({
  page,
}) => {
  await signIn(page, 'housing-a');
  await page.route(ORDERS_PAGE_FILE, (route) => route.fulfill({ status: 404, body: '' }));
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });

  await page.getByRole('menuitem', { name: '工单查询' }).click();
  const failed = page.getByRole('alert').filter({ hasText: '页面未能载入' });
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('系统可能刚刚更新');
  // One reload into the release, then no more: the file is still missing.
  expect(loads).toBe(1);
  await expect(page).toHaveURL(/\/orders$/);
  // The menu stays, so the user can go elsewhere meanwhile.
  await expect(page.getByRole('menuitem', { name: '工单查询' })).toBeVisible();

  await page.unroute(ORDERS_PAGE_FILE);
  await failed.getByRole('button', { name: '刷新页面' }).click();
  await expect(page.getByRole('heading', { name: '工单查询' })).toBeVisible();
  await expect(failed).toHaveCount(0);
});

test('the app itself fails to start: one reload with the kept copies dropped, then a message, not a blank page', async ({
  page,
}) => {
  const APP_ENTRY = /\/assets\/startup-(?!vendor)[\w-]+\.js$/;
  await signIn(page, 'housing-a');
  await page.route(APP_ENTRY, (route) => route.fulfill({ status: 404, body: '' }));
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });
  await page.reload();
  const failed = page.getByRole('alert').filter({ hasText: '系统未能启动' });
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('未提交的草稿会保留');
  // The reload asked for here, and the one the page made by itself; then no more.
  expect(loads).toBe(2);

  await page.unroute(APP_ENTRY);
  await failed.getByRole('button', { name: '刷新页面' }).click();
  await expect(page.locator('main')).toBeVisible();
  await expect(failed).toHaveCount(0);
});
