import type { Page } from '@playwright/test';
import {
  act,
  apiAs,
  dialog,
  GOOD_REPLY,
  getOrder,
  pickOption,
  registerOrder,
  signIn,
  uniqueTitle,
  unitId,
} from './fixtures';
import { expect, test } from './test';

interface Category {
  id: number;
  level1: string;
  level2: string;
  level3: string;
}
const path = (c: Category) => `${c.level1} / ${c.level2} / ${c.level3}`;

/** Two categories in use, under different first levels. */
async function twoCategories(api: Awaited<ReturnType<typeof apiAs>>): Promise<[Category, Category]> {
  const { items } = (await (await api.get('/api/categories')).json()) as { items: Category[] };
  const [a, ...rest] = items;
  const b = rest.find((c) => c.level1 !== a?.level1 && !items.some((x) => x !== c && x.level3 === c.level3));
  if (!a || !b) throw new Error('the demo county has too few categories');
  return [a, b];
}

/** Picks a category in the open form's picker by typing its third level, as the office does. */
async function pickCategory(page: Page, form: ReturnType<typeof dialog>, c: Category) {
  await form.getByLabel('诉求分类', { exact: true }).click();
  await page.keyboard.type(c.level3);
  await page
    .locator('.ant-cascader-menu-item')
    .filter({ hasText: path(c) })
    .first()
    .click();
}

test('质检更正分类：审核员在已办结工单的页面「改分类」，流转记录写明原分类、新分类和原因', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const [registeredAs, correctTo] = await twoCategories(dispatcher);
  const title = uniqueTitle('改分类');
  const order = await registerOrder(dispatcher, title, { categoryId: registeredAs.id });
  await act(dispatcher, order.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'housing'),
    coUnitIds: [],
  });
  const liaison = await apiAs(baseURL as string, 'housing-a');
  await act(liaison, order.id, 'sign');
  await act(liaison, order.id, 'submit-for-sign-off', { reply: { ...GOOD_REPLY, issuer: '' } });
  await act(await apiAs(baseURL as string, 'housing-leader'), order.id, 'sign-off');
  const reviewer = await apiAs(baseURL as string, 'reviewer');
  await act(reviewer, order.id, 'accept-review', { opinion: '答复规范' });
  await act(reviewer, order.id, 'callback', { result: 'satisfied', note: '群众表示满意' });
  await act(reviewer, order.id, 'close');

  await signIn(page, 'reviewer', `/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.getByRole('button', { name: '改分类' }).click();
  const form = dialog(page, '改分类');
  await expect(form.getByText(`当前分类：${path(registeredAs)}`)).toBeVisible();
  await pickCategory(page, form, correctTo);
  await form.getByLabel('修改原因（可不填）').fill('质检发现分类有误');
  await form.getByRole('button', { name: '确认改分类' }).click();
  await expect(form).toBeHidden();

  // The page shows the new category, and its timeline the change, in words.
  await expect(page.getByText(path(correctTo), { exact: true })).toBeVisible();
  const entry = page.getByTestId('timeline-event').filter({ hasText: '修改诉求分类' });
  await expect(entry).toContainText(`原分类：${path(registeredAs)}`);
  await expect(entry).toContainText(`改为：${path(correctTo)}`);
  await expect(entry).toContainText('原因：质检发现分类有误');

  const stored = await getOrder(reviewer, order.id);
  expect(stored.state).toBe('closed');
  expect((stored as unknown as { category: { id: number } }).category.id).toBe(correctTo.id);
  expect(stored.timeline.at(-1)).toMatchObject({
    type: 'reclassified',
    payload: { from: { id: registeredAs.id }, to: { id: correctTo.id }, reason: '质检发现分类有误' },
  });
  for (const api of [dispatcher, liaison, reviewer]) await api.dispose();
});

test('派发时补选分类：未分类的工单在派发表单上提示「尚未选择诉求分类」，选好后随派发记录', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const [category] = await twoCategories(dispatcher);
  const title = uniqueTitle('派发补选分类');
  const order = await registerOrder(dispatcher, title);

  await signIn(page, 'dispatcher', `/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await page.getByRole('button', { name: '派发', exact: true }).click();
  const form = dialog(page, '派发');
  const warning = form.getByText('尚未选择诉求分类');
  await expect(warning).toBeVisible();
  await pickCategory(page, form, category);
  await expect(warning).toBeHidden();
  await form.getByLabel('牵头单位').click();
  await page.keyboard.type('路灯');
  await pickOption(page, '县城市管理综合行政执法局');
  await form.getByRole('button', { name: '确认派发' }).click();
  await expect(form).toBeHidden();

  const stored = await getOrder(dispatcher, order.id);
  expect(stored.state).toBe('pending_sign');
  expect((stored as unknown as { category: { id: number } }).category.id).toBe(category.id);
  expect(stored.timeline.at(-1)).toMatchObject({
    type: 'dispatched',
    payload: { category: { id: category.id } },
  });
  await expect(
    page.getByTestId('timeline-event').filter({ hasText: `诉求分类：${path(category)}` }),
  ).toBeVisible();
  await dispatcher.dispose();
});
