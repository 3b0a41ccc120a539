import { expect, test } from '@playwright/test';
import { dialog, dispatchedOrder, getOrder, signIn, uniqueTitle } from './fixtures';
import { isFocused, tabTo } from './keyboard';

// Everything below is done with the keyboard: the page is opened by address (as a bookmark
// would), then only Tab, Shift+Tab, Enter, Escape and typing; no click, no mouse.

test('单位联络员只用键盘签收并提交签发;对话框困住焦点,Esc 关闭', async ({ page, baseURL }) => {
  const title = uniqueTitle('键盘签收');
  const { dispatcher, order } = await dispatchedOrder(baseURL as string, title);
  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  const signButton = page.getByRole('button', { name: '签收', exact: true });
  await tabTo(page, signButton);
  await page.keyboard.press('Enter');
  const sign = dialog(page, '签收');
  await expect(sign).toBeVisible();
  await expect.poll(() => isFocused(sign)).toBe(true);
  // The focus cycles inside the dialog, whichever way the user tabs.
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(key);
      expect(await isFocused(sign), `${key} ×${i + 1} left the dialog`).toBe(true);
    }
  }
  await page.keyboard.press('Escape');
  await expect(sign).toBeHidden();

  await tabTo(page, signButton);
  await page.keyboard.press('Enter');
  await expect(sign).toBeVisible();
  await tabTo(page, sign.getByRole('button', { name: '确认签收' }));
  await page.keyboard.press('Enter');
  await expect(sign).toBeHidden();
  await expect.poll(async () => (await getOrder(dispatcher, order.id)).state).toBe('handling');

  const submitButton = page.getByRole('button', { name: '提交领导签发' });
  await tabTo(page, submitButton);
  await page.keyboard.press('Enter');
  const reply = dialog(page, '提交领导签发');
  await expect(reply).toBeVisible();
  const typeInto = async (label: string, text: string, exact = false) => {
    await tabTo(page, reply.getByLabel(label, { exact }));
    await page.keyboard.type(text);
  };
  await typeInto(
    '办理情况(查明的事实)',
    '接到工单后,我局当日派员现场核查。经核查,楼道照明线路老化,群众反映情况属实。',
  );
  await typeInto('处理结果', '已责成物业公司更换线路和灯具,楼道已恢复照明。');
  await typeInto('政策依据', '《物业管理条例》第三十五条');
  await typeInto('承办人', '刘雅琴', true);
  await typeInto('承办人电话', '13812345678');
  await expect(reply.getByTestId('reply-missing')).toHaveText('各项已齐备');
  await tabTo(page, reply.getByRole('button', { name: '提交领导签发' }));
  await page.keyboard.press('Enter');
  await expect(reply).toBeHidden();
  const stored = await getOrder(dispatcher, order.id);
  expect(stored.state).toBe('pending_sign_off');
});

test.describe('手机', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('菜单抽屉困住焦点,Esc 关闭', async ({ page }) => {
    await signIn(page, 'housing-a');
    const menuButton = page.getByRole('button', { name: '打开菜单' });
    await tabTo(page, menuButton);
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByRole('menuitem', { name: '本单位登记表' })).toBeVisible();
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      expect(await isFocused(drawer), `Tab ×${i + 1} left the menu`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  });
});
