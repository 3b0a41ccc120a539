import type { BrowserContext } from '@playwright/test';
import { act, apiAs, dialog, dispatchedOrder, GOOD_REPLY, uniqueTitle } from './fixtures';
import { openKept, signedOrder } from './offline-kit';
import { expect, test } from './test';

// About the service worker's copies: it is allowed here.
test.use({ serviceWorkers: 'allow', viewport: { width: 375, height: 812 } });

// An order's page read from the saved copy on a weak signal (the phone says it is online, nothing
// gets through) is older than the server's order: once the server answers again, the page reads
// the order again, as the queue does, but never under a form the liaison is filling in.

const WEAK_SIGNAL = '网络不稳定，连接不上服务器';
const PROGRESS = '已到现场查看，楼道线路老化，已联系物业采购灯具，预计三天内更换完毕。';

/** Nothing reaches the server from now on, though the phone says it is online. */
async function cutLink(context: BrowserContext) {
  await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
}

test('信号弱时工单页是离线保存的副本；服务器一回应，页面随即重新读取，显示同事已签收', async ({
  page,
  context,
  baseURL,
}) => {
  const title = uniqueTitle('工单页回应后重读');
  const { order } = await dispatchedOrder(baseURL as string, title);
  await openKept(page, order.id, title);

  await cutLink(context);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: WEAK_SIGNAL })).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: '可执行的操作' });
  await expect(toolbar.getByRole('button', { name: '签收' })).toBeVisible();
  // Meanwhile a colleague signs it on another phone.
  await act(await apiAs(baseURL as string, 'housing-a'), order.id, 'sign');

  // The link comes back; the app's own check reaches the server, and the order is read again.
  await context.unroute('**/api/**');
  await expect(page.getByRole('status').filter({ hasText: WEAK_SIGNAL })).toBeHidden();
  await expect(toolbar.getByRole('button', { name: '签收' })).toHaveCount(0);
  await expect(toolbar.getByRole('button', { name: '报告进展' })).toBeVisible();
});

test('信号弱时正在填写表单，服务器回应：表单和填写的内容留着；关上表单后页面才重新读取', async ({
  page,
  context,
  baseURL,
}) => {
  const title = uniqueTitle('表单中回应');
  const { order } = await signedOrder(baseURL as string, title);
  await openKept(page, order.id, title);

  await cutLink(context);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: WEAK_SIGNAL })).toBeVisible();
  await page.getByRole('button', { name: '报告进展' }).click();
  const form = dialog(page, '报告进展');
  await form.getByLabel('进展情况').fill(PROGRESS);
  // Meanwhile the unit's other liaison submits the reply for sign-off: 报告进展 is no longer offered.
  await act(await apiAs(baseURL as string, 'housing-b'), order.id, 'submit-for-sign-off', {
    reply: GOOD_REPLY,
  });

  await context.unroute('**/api/**');
  await expect(page.getByRole('status').filter({ hasText: WEAK_SIGNAL })).toBeHidden();
  // The form the liaison is typing in does not vanish under the hand.
  await expect(form).toBeVisible();
  await expect(form.getByLabel('进展情况')).toHaveValue(PROGRESS);

  await form.getByRole('button', { name: '取消' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('待签发').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '报告进展' })).toHaveCount(0);
});
