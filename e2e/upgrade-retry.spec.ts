import { dialog, dispatchedOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

// During a rolling upgrade on PostgreSQL, a request can meet a table whose columns a newer
// process has just changed: the server writes nothing and answers RETRY_AFTER_UPGRADE
// (test/db/pg-named-statements.test.ts). The page sends such a request once more by itself, and
// says so only when the second answer is the same. The server's answer is played here: the
// browser tests run on SQLite, which never gives it.
const REFUSAL = {
  status: 503,
  contentType: 'application/json',
  body: JSON.stringify({
    error: { code: 'RETRY_AFTER_UPGRADE', message: '数据库结构刚刚升级，本次操作没有保存，请重新提交。' },
  }),
};

test('数据库刚升级时办件被拒（未保存）：页面自动重新提交一次；两次都被拒才提示，再点一次签收成功', async ({
  page,
  baseURL,
}) => {
  const { order } = await dispatchedOrder(baseURL as string, uniqueTitle('小区楼道灯坏了'));
  await signIn(page, 'housing-a', `/orders/${order.id}`);
  let sent = 0;
  await page.route(`**/api/work-orders/${order.id}/sign`, (route) => {
    sent++;
    return sent <= 2 ? route.fulfill(REFUSAL) : route.continue();
  });

  await page.getByRole('button', { name: '签收' }).click();
  const sign = dialog(page, '签收');
  await sign.getByRole('button', { name: '确认签收' }).click();
  await expect(page.getByText('数据库结构刚刚升级，本次操作没有保存，请重新提交。').first()).toBeVisible();
  expect(sent).toBe(2);

  await sign.getByRole('button', { name: '确认签收' }).click();
  await expect(sign).toBeHidden();
  await expect(page.getByText('办理中').first()).toBeVisible();
  expect(sent).toBe(3);
});
