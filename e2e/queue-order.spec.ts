import { expect, test } from '@playwright/test';
import { act, apiAs, registerOrder, signIn, uniqueTitle, unitId } from './fixtures';

test('单位「办理中」按期限排,不按派发先后:先派的急件(24 小时)排在后派的普通件(5 个工作日)前面', async ({
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
