import { apiAs, dialog, dispatchedOrder, getOrder, registerOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

const option = (page: import('@playwright/test').Page, name: string) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name });

test('选单位时按简称、同义词和拼音首字母查找；热线办补充单位同义词后派发即可找到', async ({
  page,
  baseURL,
}) => {
  const api = await apiAs(baseURL as string, 'dispatcher');
  const title = uniqueTitle('单位查找');
  const order = await registerOrder(api, title);

  // The office teaches the education bureau a word callers use, on the units page.
  await signIn(page, 'dispatcher', '/admin/units');
  await expect(page.getByRole('button', { name: '新增单位' })).toHaveCount(0);
  await page.getByLabel('查找单位').fill('jyj');
  await page.getByLabel('查找单位').press('Enter');
  await page.getByRole('button', { name: '县教育局 同义词' }).click();
  const synonyms = dialog(page, '「县教育局」的同义词');
  await synonyms.getByLabel('同义词').fill('学校，教体局');
  await synonyms.getByRole('button', { name: '保存' }).click();
  await expect(synonyms).toBeHidden();
  await expect(page.getByRole('cell', { name: '学校、教体局' })).toBeVisible();

  await page.goto(`/orders/${order.id}`);
  await page.getByRole('button', { name: '派发' }).click();
  const form = dialog(page, '派发');
  // 「zjj」 → 住建局 (a synonym's pinyin initials); full pinyin and part of the name find it too.
  for (const typed of ['zjj', 'zhujian', '城乡建设']) {
    await form.getByLabel('牵头单位').click();
    await page.keyboard.type(typed);
    await expect(option(page, '县住房和城乡建设局'), typed).toBeVisible();
    await expect(option(page, '县水务局'), typed).toHaveCount(0);
    await page.keyboard.press('Escape');
  }
  await form.getByLabel('牵头单位').click();
  await page.keyboard.type('zjj');
  await option(page, '县住房和城乡建设局').click();
  // The synonym the office just added finds the co-unit, by its pinyin initials too.
  await form.getByLabel('协办单位（可多选）').click();
  await page.keyboard.type('jtj');
  await option(page, '县教育局').click();
  await page.keyboard.press('Escape');
  await form.getByRole('button', { name: '确认派发' }).click();
  await expect(form).toBeHidden();

  const stored = (await getOrder(api, order.id)) as unknown as {
    leadUnit: { name: string };
    assignments: Array<{ unitName: string; role: string }>;
  };
  expect(stored.leadUnit.name).toBe('县住房和城乡建设局');
  expect(stored.assignments.map((a) => `${a.role}:${a.unitName}`)).toContain('co:县教育局');
});

test('单位申请回退时，建议承办单位按简称拼音首字母查找', async ({ page, baseURL }) => {
  const title = uniqueTitle('回退建议单位');
  const { order, dispatcher } = await dispatchedOrder(baseURL as string, title);

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '申请回退' }).click();
  const form = dialog(page, '申请回退');
  await form
    .getByLabel('回退理由')
    .fill('反映的是劳动合同纠纷和欠薪问题，属于人社部门的职责，不属于本局职责。');
  await form.getByLabel('建议承办单位').click();
  await page.keyboard.type('rsj');
  await option(page, '县人力资源和社会保障局').click();
  await form.getByRole('button', { name: '确认申请回退' }).click();
  await expect(form).toBeHidden();

  const stored = await getOrder(dispatcher, order.id);
  const event = stored.timeline.find((e) => e.type === 'return_requested');
  expect(event?.payload.suggestedUnit).toBe('县人力资源和社会保障局');
});
