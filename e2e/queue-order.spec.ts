import { act, apiAs, registerOrder, signIn, uniqueTitle, unitId } from './fixtures';
import { expect, test } from './test';

test('单位「办理中」按期限排，不按派发先后：先派的急件（24 小时）排在后派的普通件（5 个工作日）前面', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const liaison = await apiAs(baseURL as string, 'water-a');
  const water = await unitId(dispatcher, 'water');
  const normal = uniqueTitle('办理中普通件');
  const urgent = uniqueTitle('办理中急件');
  // The urgent one first: newest first would put the routine one on top.
  for (const [title, urgency] of [
    [urgent, 'urgent'],
    [normal, 'normal'],
  ] as const) {
    const order = await registerOrder(dispatcher, title, { urgency });
    await act(dispatcher, order.id, 'dispatch', { leadUnitId: water, coUnitIds: [] });
    await act(liaison, order.id, 'sign');
  }
  await signIn(page, 'water-a');
  await page.getByRole('tab', { name: /办理中/ }).click();
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: urgent })).toBeVisible();
  const titles = await rows.allInnerTexts();
  const at = (title: string) => titles.findIndex((t) => t.includes(title));
  expect(at(urgent)).toBeGreaterThan(-1);
  expect(at(urgent)).toBeLessThan(at(normal));
});

test('在首页某个页签里搜索：说明只搜了这个页签，一键改为在全部工单中搜索，搜索词保留', async ({
  page,
  baseURL,
}) => {
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const liaison = await apiAs(baseURL as string, 'water-a');
  const title = uniqueTitle('找旧工单');
  const order = await registerOrder(dispatcher, title);
  await act(dispatcher, order.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'water'),
    coUnitIds: [],
  });
  await act(liaison, order.id, 'sign');
  await signIn(page, 'water-a');
  // 待签收 is open: the signed order is not there.
  await page.getByLabel('搜索工单').fill(title);
  await page.getByLabel('搜索工单').press('Enter');
  await expect(page.getByText(`只在「待签收」中搜索「${title}」。`)).toBeVisible();
  await page.getByRole('button', { name: '在全部工单中搜索' }).click();
  await expect(page.getByRole('tab', { name: /全部/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('row').filter({ hasText: title })).toBeVisible();
  await expect(page.getByLabel('搜索工单')).toHaveValue(title);
});
