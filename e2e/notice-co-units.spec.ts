import { expect, test } from '@playwright/test';
import {
  act,
  apiAs,
  dialog,
  getOrder,
  pickOption,
  registerOrder,
  signIn,
  switchUser,
  uniqueTitle,
  unitId,
} from './fixtures';

test('协办单位退回协办部分并建议单位；派单员看到理由和建议，一键增加建议的协办单位', async ({
  page,
  baseURL,
}) => {
  const title = uniqueTitle('协办回退');
  const dispatcher = await apiAs(baseURL as string, 'dispatcher');
  const order = await registerOrder(dispatcher, title);
  await act(dispatcher, order.id, 'dispatch', {
    leadUnitId: await unitId(dispatcher, 'urban'),
    coUnitIds: [await unitId(dispatcher, 'market')],
  });

  // The co-unit returns its part, with its reason and the unit it suggests.
  await signIn(page, 'market-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '协办回退' }).click();
  const form = dialog(page, '协办回退');
  await form.getByLabel('回退理由').fill('夜间噪音扰民的查处属于公安机关职责，不属于市场监管');
  await form.getByLabel('建议协办单位').fill('县公安');
  await pickOption(page, '县公安局');
  await form
    .getByRole('button', { name: /确认|协办回退/ })
    .last()
    .click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('button', { name: '协办签收' })).toHaveCount(0);

  // The office sees the return on the timeline and adds the suggested unit, picked for it.
  await switchUser(page, 'dispatcher', `/orders/${order.id}`);
  await expect(page.getByText('夜间噪音扰民的查处属于公安机关职责，不属于市场监管').first()).toBeVisible();
  await page.getByRole('button', { name: '增加协办单位' }).click();
  const add = dialog(page, '增加协办单位');
  await expect(add.getByText('建议协办单位：县公安局')).toBeVisible();
  await expect(add.getByRole('combobox', { name: '增加的协办单位' })).toBeVisible();
  // Preselected: the field shows the unit itself (the line above reads 「建议协办单位:县公安局」).
  await expect(add.getByTitle('县公安局')).toBeVisible();
  await add
    .getByRole('button', { name: /确认|增加协办单位/ })
    .last()
    .click();
  await expect(add).toBeHidden();

  const stored = await getOrder(dispatcher, order.id);
  expect(stored.state).toBe('pending_sign');
  expect(stored.timeline.find((e) => e.type === 'co_returned')?.payload).toMatchObject({
    reason: '夜间噪音扰民的查处属于公安机关职责，不属于市场监管',
    suggestedUnit: '县公安局',
  });
  const police = await unitId(dispatcher, 'police');
  expect(stored.timeline.find((e) => e.type === 'co_unit_added')?.payload).toMatchObject({ unitId: police });
  const full = (await (await dispatcher.get(`/api/work-orders/${order.id}`)).json()) as {
    assignments: Array<{ unitId: number; role: string; active: boolean }>;
  };
  expect(full.assignments.filter((a) => a.active && a.role === 'co').map((a) => a.unitId)).toEqual([police]);
});
