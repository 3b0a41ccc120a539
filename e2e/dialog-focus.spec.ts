import { dialog, dispatchedOrder, signIn, uniqueTitle } from './fixtures';
import { tabTo } from './keyboard';
import { expect, test } from './test';

// Issue 13 item 6: a dialog closed with Esc gives the focus back to the button that opened it,
// so a keyboard user goes on from where they were instead of from the top of the page.

test('Esc 关闭操作对话框后，焦点回到打开它的按钮', async ({ page, baseURL }) => {
  const title = uniqueTitle('焦点返回');
  const { order } = await dispatchedOrder(baseURL as string, title);
  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  for (const name of ['签收', '申请回退']) {
    const opener = page.getByRole('toolbar').getByRole('button', { name, exact: true });
    await tabTo(page, opener);
    await page.keyboard.press('Enter');
    const form = dialog(page, name);
    await expect(form).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await expect(opener).toBeFocused();
  }
});
