import { apiAs, dialog, dispatchedOrder, getOrder, signIn, uniqueTitle } from './fixtures';
import { isFocused, tabTo } from './keyboard';
import { expect, test } from './test';

// Everything below is done with the keyboard: the page is opened by address (as a bookmark
// would), then only Tab, Shift+Tab, Enter, Escape and typing; no click, no mouse.

test('单位联络员只用键盘签收并提交签发；对话框困住焦点，Esc 关闭', async ({ page, baseURL }) => {
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
    '办理情况（查明的事实）',
    '接到工单后，我局当日派员现场核查。经核查，楼道照明线路老化，群众反映情况属实。',
  );
  await typeInto('处理结果', '已责成物业公司更换线路和灯具，楼道已恢复照明。');
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

  test('菜单抽屉困住焦点，Esc 关闭', async ({ page }) => {
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

test('派单员只用键盘登记工单：Enter 到下一项，↓/Enter 选分类，Alt+1 采用建议，Ctrl+Enter 登记', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('键盘登记');
  await signIn(page, 'dispatcher', '/register');
  const form = page.getByRole('form', { name: '登记工单表单' });
  await expect(page.getByRole('button', { name: '快捷键' })).toBeVisible();

  await tabTo(page, form.getByLabel('来电人'));
  await page.keyboard.type('键盘先生');
  await page.keyboard.press('Enter');
  await expect.poll(() => isFocused(form.getByLabel('联系电话'))).toBe(true);
  await page.keyboard.type('13900003333');
  await page.keyboard.press('Enter'); // to 所属乡镇, left empty
  await page.keyboard.press('Enter');
  await expect.poll(() => isFocused(form.getByLabel('地址'))).toBe(true);
  // Passing over a select does not open its list behind the focus.
  await expect(form.getByRole('combobox', { name: '所属乡镇' })).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.type('河湾县河湾镇滨河路8号');
  await page.keyboard.press('Enter'); // to 保密件, left unticked
  await page.keyboard.press('Enter');
  await expect.poll(() => isFocused(form.getByLabel('诉求分类', { exact: true }))).toBe(true);
  await page.keyboard.type('排水');
  await expect(page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item').first()).toBeVisible();
  // Pick a result and go on at typing speed: the Enter after the pick moves on even while the
  // list is still closing (antd closes it a task later).
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // to 类型
  // ↓ opens its list; Esc closes it, and an Enter right after moves on without picking.
  const type = form.getByRole('combobox', { name: '类型' });
  const typeShown = form.locator('.ant-select', { has: page.getByRole('combobox', { name: '类型' }) });
  const typeBefore = await typeShown.textContent();
  await page.keyboard.press('ArrowDown');
  await expect(type).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect.poll(() => isFocused(form.getByLabel('标题'))).toBe(true);
  expect(await typeShown.textContent()).toBe(typeBefore);
  // A result of the search is now the field's value (a three-level path); no list is left open.
  await expect(form.locator('.ant-cascader').first()).toContainText(/\S+ \/ \S+ \/ \S+/);
  await expect(page.locator('.ant-select-dropdown:visible, .ant-cascader-dropdown:visible')).toHaveCount(0);
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await expect.poll(() => isFocused(form.getByLabel('诉求内容'))).toBe(true);
  await page.keyboard.type('小区门口排水沟堵塞，下雨天污水漫到路面，行人无法通过，请尽快疏通。');

  // The assistant's first category suggestion, taken with Alt+1, replaces the typed category.
  const first = form.locator('[data-suggestion]').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  // aria-label 「采用推荐分类 一级 / 二级 / 三级（87%）」: the third level is what the field shows.
  const label = (await first.getAttribute('aria-label')) ?? '';
  const leaf = label.replace('采用推荐分类 ', '').split('（')[0]?.split(' / ').at(-1) ?? '';
  await page.keyboard.press('Alt+1');
  await expect(form.locator('.ant-cascader').first()).toContainText(leaf);

  await page.keyboard.press('Control+Enter');
  await expect(page).toHaveURL(/\/orders\/\d+/);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const id = Number(/\/orders\/(\d+)/.exec(page.url())?.[1]);
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const stored = (await (await dispatcher.get(`/api/work-orders/${id}`)).json()) as {
    citizenName: string;
    citizenPhone: string;
    category: { level3: string } | null;
  };
  expect(stored.citizenName).toBe('键盘先生');
  expect(stored.citizenPhone).toBe('13900003333');
  expect(stored.category?.level3).toBe(leaf);
});
