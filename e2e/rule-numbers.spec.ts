import { act, apiAs, dialog, dispatchedOrder, GOOD_REPLY, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

test('表单引用的时限来自当前的时限设置：管理员把重办时限改严后，退回重办表单随之改变', async ({
  page,
  baseURL,
}) => {
  const admin = await apiAs(baseURL as string, 'admin');
  const before = await (await admin.get('/api/settings/time-limits')).json();
  const { order } = await dispatchedOrder(baseURL as string, uniqueTitle('时限措辞'));
  const unit = await apiAs(baseURL as string, 'housing-a');
  await act(unit, order.id, 'sign');
  await act(unit, order.id, 'submit-for-sign-off', { reply: GOOD_REPLY });
  await act(await apiAs(baseURL as string, 'housing-leader'), order.id, 'sign-off', {});

  const stricter = await admin.put('/api/settings/time-limits', { data: { ...before, redoWorkingDays: 4 } });
  expect(stricter.status()).toBe(200);
  try {
    await signIn(page, 'reviewer', `/orders/${order.id}`);
    await page.getByRole('button', { name: '退回重办' }).click();
    const redo = dialog(page, '退回重办');
    await expect(redo.getByText('重办期限为 4 个工作日')).toBeVisible();
    await expect(redo.getByText('5 个工作日')).toHaveCount(0);
  } finally {
    const restored = await admin.put('/api/settings/time-limits', { data: before });
    expect(restored.status()).toBe(200);
  }
});
