import { act, apiAs, dialog, dispatchedOrder, getOrder, signIn, uniqueTitle } from './fixtures';
import { expect, test } from './test';

const ONE_SENTENCE = '您反映的问题已转交相关部门处理。';

test('一句话答复被拒：列出缺少的部分，工单不变', async ({ page, baseURL }) => {
  const title = uniqueTitle('一句话答复');
  const { order } = await dispatchedOrder(baseURL as string, title);
  const unit = await apiAs(baseURL as string, 'housing-a');
  const before = await act(unit, order.id, 'sign');

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '提交领导签发' }).click();
  const form = dialog(page, '提交领导签发');
  await expect(form.getByText('严禁一句话答复')).toBeVisible();
  // The drafter handles it: name and phone from the account, changed when someone else does.
  await expect(form.getByLabel('承办人电话')).toHaveValue('18214970940');
  await form.getByLabel('办理情况（查明的事实）').fill(ONE_SENTENCE);
  // Before sending, the checklist already names what is missing.
  await expect(form.getByTestId('reply-missing')).toContainText('办理情况');
  await expect(form.getByTestId('reply-missing')).toContainText('处理结果');
  await expect(form.getByTestId('reply-missing')).toContainText('政策依据');
  await form.getByRole('button', { name: '提交领导签发' }).click();

  // The server's refusal: its message, and each part's problem beside its field.
  const refusal = form.getByRole('alert').filter({ hasText: '答复不符合规范回复要求' });
  await expect(refusal).toBeVisible();
  // Said once, beside its field: the alert points there rather than listing it again.
  await expect(refusal).toContainText('处需要修改，见各栏下方的红字提示');
  await expect(refusal).not.toContainText('缺少办理情况');
  await expect(form.getByText(/缺少办理情况：须写明查明的事实/).first()).toBeVisible();
  // the issuer is the leader who signs it off: not asked of the liaison
  await expect(form.getByText('缺少签发人姓名')).toHaveCount(0);
  await expect(form).toBeVisible();
  await expect(form.getByLabel('办理情况（查明的事实）')).toHaveValue(ONE_SENTENCE);

  const after = await getOrder(unit, order.id);
  expect(after.state).toBe('handling');
  expect(after.version).toBe(before.version);
  expect(after.timeline.map((e) => e.type)).not.toContain('sign_off_requested');
});

test('并发修改（409）：提示刷新，已填写的内容保留，刷新后可再次提交', async ({ page, baseURL }) => {
  const title = uniqueTitle('并发修改');
  const { order } = await dispatchedOrder(baseURL as string, title);
  const unit = await apiAs(baseURL as string, 'housing-a');
  await act(unit, order.id, 'sign');

  await signIn(page, 'housing-a', `/orders/${order.id}`);
  await page.getByRole('button', { name: '报告进展' }).click();
  const form = dialog(page, '报告进展');
  await form.getByLabel('进展情况').fill('已联系物业公司，正在采购灯具，预计三天内完成更换。');
  // Meanwhile someone else changes the order.
  await act(unit, order.id, 'report-progress', { content: '同事另行报告：已到现场查看，正在安排维修人员。' });
  await form.getByRole('button', { name: '确认报告进展' }).click();
  await expect(form.getByRole('alert')).toContainText('请刷新页面后再操作');
  await form.getByRole('button', { name: '刷新工单' }).click();
  await expect(form.getByText('您填写的内容已保留')).toBeVisible();
  await expect(form.getByLabel('进展情况')).toHaveValue('已联系物业公司，正在采购灯具，预计三天内完成更换。');
  await form.getByRole('button', { name: '确认报告进展' }).click();
  await expect(form).toBeHidden();
  const stored = await getOrder(unit, order.id);
  expect(stored.timeline.filter((e) => e.type === 'progress_reported')).toHaveLength(2);
});
