import { apiAs, dialog, getOrder, pickOption, registerOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('派发：牵头和协办单位带职能说明，时限预览，市平台期限更紧时提示', async ({ page, baseURL }) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const title = uniqueTitle('市平台急办');
  // The city allows two days; the county's five working days would be later.
  const cityDeadline = new Date(Date.now() + 2 * 86400_000).toISOString();
  const order = await registerOrder(api, title, {
    channel: 'city_platform',
    cityOrderNo: `SZ${Date.now()}`,
    cityDeadline,
  });

  await signIn(page, 'dispatcher');
  await page.getByRole('tab', { name: /待派发/ }).click();
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: '派发' }).click();
  const form = dialog(page, '派发');
  await expect(form.getByText(/本工单市平台期限/)).toBeVisible();
  await expect(form.getByRole('alert').filter({ hasText: '比县里的默认时限更紧' })).toBeVisible();

  await form.getByLabel('牵头单位').click();
  await page.keyboard.type('路灯'); // find the unit by its remit, not only its name
  await pickOption(page, '县城市管理综合行政执法局');
  await form.getByLabel('协办单位（可多选）').click();
  await page.keyboard.type('供电');
  await pickOption(page, '国网河湾县供电公司');
  await page.keyboard.press('Escape');
  await expect(form.getByText('协办意见', { exact: true })).toBeVisible();
  await form.getByRole('button', { name: '确认派发' }).click();
  await expect(form).toBeHidden();

  const stored = await getOrder(api, order.id);
  expect(stored.state).toBe('pending_sign');
  expect(new Date(stored.handleBy as string).getTime()).toBeLessThanOrEqual(new Date(cityDeadline).getTime());
  await expect(page.getByText('协办', { exact: true })).toBeVisible();
  await expect(page.getByText('国网河湾县供电公司').first()).toBeVisible();
});
