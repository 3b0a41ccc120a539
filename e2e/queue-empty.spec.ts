import { act, apiAs, registerOrder, signIn, uniqueTitle, unitId } from './fixtures';
import { expect, test } from './test';

test('空页签说明「暂无工单」，并列出仍待处理的页签及件数，一点即到', async ({ page, baseURL }) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const liaison = await apiAs(baseURL as string, 'water-a');
  // The water bureau signs off its replies itself: nothing of its waits in 待签发.
  const signOff = (await (
    await liaison.get('/api/work-orders?scope=unit&state=pending_sign_off')
  ).json()) as {
    total: number;
  };
  expect(signOff.total).toBe(0);
  const title = uniqueTitle('空页签指路');
  const order = await registerOrder(dispatcher, title);
  await act(dispatcher, order.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'water'),
    coUnitIds: [],
  });

  await signIn(page, 'water-a', '/?tab=sign_off');
  await expect(page.getByText('「待签发」暂无工单')).toBeVisible();
  const waiting = page.getByRole('list', { name: '仍待处理' });
  // 办理中 and 全部 are work in hand and history, not what waits.
  await expect(waiting.getByRole('listitem').filter({ hasText: /办理中|全部/ })).toHaveCount(0);
  await waiting
    .getByRole('listitem')
    .filter({ hasText: /^待签收 \d+ 件$/ })
    .click();
  await expect(page.getByRole('tab', { name: /待签收/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('row').filter({ hasText: title })).toBeVisible();

  // A search that finds nothing in a tab is the list's own 「暂无工单」, not a guide to other tabs.
  await page.goto(`/?tab=sign_off&q=${encodeURIComponent(uniqueTitle('查无此件'))}`);
  await expect(page.getByText(/只在「待签发」中搜索/)).toBeVisible();
  await expect(page.locator('.ant-table-placeholder').getByText('暂无工单')).toBeVisible();
  await expect(page.getByRole('list', { name: '仍待处理' })).toHaveCount(0);
});
