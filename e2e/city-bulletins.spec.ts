import { apiAs, signIn } from './fixtures';
import { expect, test } from './test';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test('市政府通报：热线办登记通报及追究责任，计入单位指标；被通报单位只看到本单位的', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, 'dispatcher');
  await page.getByRole('menuitem', { name: '市政府通报' }).click();
  await page.getByRole('button', { name: '登记市政府通报' }).click();
  const form = page.getByRole('dialog', { name: '登记市政府通报' });
  await form.getByLabel('文号').fill('市热线通〔2026〕31号');
  await form.getByLabel('标题').fill('关于11月份12345热线工单超期情况的通报');
  await form.getByLabel('通报日期').fill(today());
  await form.getByLabel('通报日期').press('Enter');
  await form.getByLabel('发文单位').fill('市政府办公室');
  await form.getByLabel('通报事项').fill('县水务局超期工单较多，被市政府通报。');
  const unit = form.getByRole('group', { name: '被通报单位 1' });
  await unit.getByLabel('被通报单位').fill('水务');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '县水务局' })
    .first()
    .click();
  await unit.getByLabel('追究责任').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '约谈' })
    .first()
    .click();
  // A decided measure needs who decided it: the server says so and the form keeps what was typed.
  await form.getByRole('button', { name: '提交' }).click();
  await expect(form.getByText(/请写明由谁决定/)).toBeVisible();
  await unit.getByLabel('决定者').fill('县政府常务会议');
  await form.getByRole('button', { name: '提交' }).click();
  await expect(form).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: '市热线通〔2026〕31号' });
  await expect(row.getByText('约谈')).toBeVisible();

  // Counted in the unit figures of the month.
  await page.goto('/statistics?period=month');
  await expect(page.getByTitle('县水务局 被市政府通报 1')).toBeVisible();
  await expect(page.getByTitle('县水务局 追究责任 1')).toBeVisible();

  // The unit named sees it; another unit does not.
  const water = await (await browser.newContext()).newPage();
  await signIn(water, 'water-a', '/city-bulletins');
  await expect(water.getByRole('row').filter({ hasText: '市热线通〔2026〕31号' })).toBeVisible();
  const eco = await apiAs(baseURL as string, 'eco-a');
  expect(((await (await eco.get('/api/city-bulletins')).json()) as { items: unknown[] }).items).toEqual([]);
});
